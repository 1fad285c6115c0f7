//! The `docs-gen` command, run in-process on a registry of the sample configuration.

mod support;

use envspec_docs::cli::{Registry, run};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use support::{CANARY, Sample};

fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn registry(root: &Path) -> Registry {
    Registry::new(root).config::<Sample>("sample", "docs/sample").command("cargo run -p my-docs")
}

/// Runs the command; returns (exit status, stdout, stderr).
fn cli(reg: &Registry, args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(reg, args.iter().map(|s| s.to_string()).collect(), &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn generate_writes_every_format_then_check_passes() {
    let root = scratch("generate");
    let reg = registry(&root);
    let (code, out, _) = cli(&reg, &[]);
    assert_eq!(code, 0, "{out}");
    for file in ["config.md", ".env.example", "config.schema.json", "k8s.yaml", "config.example.toml"] {
        assert!(root.join("docs/sample").join(file).is_file(), "{file} written");
    }
    let (code, out, _) = cli(&reg, &["--check"]);
    assert_eq!((code, out.as_str()), (0, "5 generated files are fresh\n"));
    // A second generation rewrites nothing.
    let (_, out, _) = cli(&reg, &[]);
    assert!(!out.contains("wrote"), "{out}");
}

#[test]
fn check_fails_with_a_diff_and_the_fix_when_a_file_is_stale() {
    let root = scratch("check");
    let reg = registry(&root);
    cli(&reg, &[]);
    let md = root.join("docs/sample/config.md");
    let committed = std::fs::read_to_string(&md).unwrap().replace("Ratio of traces kept.", "Old wording.");
    std::fs::write(&md, &committed).unwrap();
    std::fs::remove_file(root.join("docs/sample/k8s.yaml")).unwrap();
    let (code, out, _) = cli(&reg, &["--check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("--- docs/sample/config.md (committed)\n+++ docs/sample/config.md (generated)"), "{out}");
    assert!(out.contains("Old wording.") && out.contains("Ratio of traces kept."), "{out}");
    assert!(out.contains("docs/sample/k8s.yaml: missing"), "{out}");
    assert!(out.contains("2 of 5 generated files are stale") && out.contains("Fix: cargo run -p my-docs"), "{out}");
    assert_eq!(std::fs::read_to_string(&md).unwrap(), committed, "--check writes nothing");
}

#[test]
fn out_and_format_select_what_is_written() {
    let root = scratch("out");
    let elsewhere = root.join("elsewhere");
    let (code, out, _) = cli(&registry(&root), &["--out", elsewhere.to_str().unwrap(), "--format", "md,json"]);
    assert_eq!(code, 0, "{out}");
    assert!(elsewhere.join("sample/config.md").is_file());
    assert!(elsewhere.join("sample/config.schema.json").is_file());
    assert!(!elsewhere.join("sample/.env.example").exists());
    assert!(!root.join("docs").exists(), "registered locations untouched");
}

#[test]
fn usage_errors_exit_2_and_say_what_is_wrong() {
    let reg = registry(&scratch("usage"));
    let usage = |args: &[&str], says: &[&str]| {
        let (code, out, err) = cli(&reg, args);
        assert_eq!(code, 2, "{args:?} is a usage error:\n{out}{err}");
        assert!(out.is_empty(), "{args:?}: a usage error writes only to stderr:\n{out}");
        for s in says {
            assert!(err.contains(s), "{args:?}: stderr lacks {s:?}:\n{err}");
        }
        assert!(err.contains("For more information, try '--help'."), "{err}");
    };
    usage(
        &["--format", "pdf"],
        &["invalid value 'pdf' for '--format <FORMATS>'", "[possible values: md, env, json, k8s, toml]"],
    );
    usage(&["--bogus"], &["unexpected argument '--bogus' found"]);
    // Unknown flags and values get the closest known one.
    usage(&["--chek"], &["tip: a similar argument exists: '--check'"]);
    usage(&["scan", "--chek"], &["tip: a similar argument exists: '--check'"]);
    usage(&["validate", "sample", "x.env", "--profle", "production"], &["a similar argument exists: '--profile'"]);
    usage(
        &["--config", "sampel"],
        &["invalid value 'sampel' for '--config <NAME>'", "a similar value exists: 'sample'"],
    );
    usage(&["validate", "nope", "x.env"], &["invalid value 'nope' for '<CONFIG>'", "[possible values: sample]"]);
    usage(&["validate", "sample"], &["the following required arguments were not provided", "<FILE>"]);
    usage(&["--out"], &["a value is required for '--out <DIR>' but none was supplied"]);
    usage(&["valdate"], &["unrecognized subcommand 'valdate'", "a similar subcommand exists: 'validate'"]);
    usage(&["completions", "tcsh"], &["invalid value 'tcsh' for '<SHELL>'", "bash"]);
    // Generation's flags belong to generation, not to another subcommand.
    usage(&["--check", "scan"], &["the subcommand 'scan' cannot be used with '--check'"]);
}

/// Every subcommand answers `--help` on stdout with exit 0, naming each of its arguments.
#[test]
fn every_subcommand_has_help_naming_its_arguments() {
    let reg = registry(&scratch("help"));
    let cases: [(&[&str], &[&str]); 7] = [
        (
            &["--help"],
            &[
                "generate",
                "validate",
                "scan",
                "list",
                "completions",
                "--check",
                "--out <DIR>",
                "--format <FORMATS>",
                "--config <NAME>",
                "--profile <PROFILE>",
                "--version",
                "Exit status: 0",
                "1 findings",
                "2 usage errors",
            ],
        ),
        (
            &["generate", "--help"],
            &[
                "--check",
                "--out <DIR>",
                "--format <FORMATS>",
                "--config <NAME>",
                "--profile <PROFILE>",
                "[possible values: sample]",
                "[default: production]",
            ],
        ),
        (
            &["validate", "--help"],
            &[
                "Usage: docs-gen validate [OPTIONS] <CONFIG> <FILE>",
                "--profile <PROFILE>",
                "--service <NAME>",
                "Kubernetes manifest",
                "Compose file",
            ],
        ),
        (&["scan", "--help"], &["Usage: docs-gen scan [OPTIONS] [PATH]...", "--check", "undeclared"]),
        (&["list", "--help"], &["Usage: docs-gen list", "List the registered configurations"]),
        (&["completions", "--help"], &["Usage: docs-gen completions <SHELL>", "bash", "zsh", "fish"]),
        (&["help", "scan"], &["Usage: docs-gen scan [OPTIONS] [PATH]...", "--check"]),
    ];
    for (args, says) in cases {
        let (code, out, err) = cli(&reg, args);
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        for s in says {
            assert!(out.contains(s), "{args:?}: help lacks {s:?}:\n{out}");
        }
    }
    let (code, out, _) = cli(&reg, &["-h"]);
    assert_eq!(code, 0);
    assert!(out.contains("Usage: docs-gen [OPTIONS]\n       docs-gen <COMMAND>"), "{out}");
}

#[test]
fn version_prints_the_name_and_version() {
    let reg = registry(&scratch("version"));
    for flag in ["--version", "-V"] {
        let (code, out, err) = cli(&reg, &[flag]);
        assert_eq!((code, out, err), (0, format!("docs-gen {}\n", env!("CARGO_PKG_VERSION")), String::new()));
    }
}

#[test]
fn completions_complete_subcommands_flags_and_registered_names() {
    let reg = Registry::new(scratch("completions"))
        .config::<Sample>("sample", "docs/sample")
        .config::<Sample>("other", "docs/other");
    let (code, bash, _) = cli(&reg, &["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(bash.contains("_docs__gen()") && bash.contains("complete -F _docs__gen"), "{bash}");
    for word in ["validate", "scan", "completions", "--check", "--format", "--service"] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    assert!(bash.contains("sample other"), "registered names are completed:\n{bash}");
    let (code, fish, _) = cli(&reg, &["completions", "fish"]);
    assert_eq!(code, 0);
    assert!(fish.contains("complete -c docs-gen") && fish.contains("sample"), "{fish}");
    let (code, zsh, _) = cli(&reg, &["completions", "zsh"]);
    assert_eq!(code, 0);
    assert!(zsh.starts_with("#compdef docs-gen"), "{zsh}");
}

#[test]
fn exit_codes_are_0_ok_1_findings_2_usage() {
    let root = scratch("exit");
    let reg = registry(&root);
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(root.join("src/main.rs"), "fn main() { let _ = std::env::var(\"SHADOW\"); }\n").unwrap();
    let valid = root.join("ok.env");
    std::fs::write(&valid, format!("APP_ENCRYPTION_KEY={}\n", "ab".repeat(32))).unwrap();
    let invalid = root.join("bad.env");
    std::fs::write(&invalid, "APP_PORT=0\n").unwrap();
    let docs = root.join("docs");
    let (valid, invalid, docs) = (valid.to_str().unwrap(), invalid.to_str().unwrap(), docs.to_str().unwrap());
    let cases: [(&[&str], u8); 12] = [
        (&["--check"], 1), // nothing generated yet: every file is missing
        (&[], 0),
        (&["--check"], 0),
        (&["generate", "--check", "--config", "sample"], 0),
        (&["list"], 0),
        (&["validate", "sample", valid], 0),
        (&["validate", "sample", invalid], 1),
        (&["validate", "sample", valid, "--profile", "production"], 1),
        (&["scan"], 0),
        (&["scan", "--check"], 1),
        (&["scan", "--check", docs], 0),
        (&["validate", "sample", valid, "--bogus"], 2),
    ];
    for (args, expected) in cases {
        let (code, out, err) = cli(&reg, args);
        assert_eq!(code, expected, "{args:?}:\n{out}{err}");
    }
    // A registered page that cannot be read is a finding, not a usage error.
    let (code, _, err) = cli(&registry(&root).page("MISSING.md"), &[]);
    assert_eq!(code, 1);
    assert!(err.contains("MISSING.md"), "{err}");
}

#[test]
fn validate_checks_an_env_file_and_masks_secrets() {
    let root = scratch("validate");
    let reg = registry(&root);
    let file = root.join("deploy.env");
    std::fs::write(&file, format!("APP_ENCRYPTION_KEY={}\nAPP_SESSION_KEY={CANARY}\n", "ab".repeat(32))).unwrap();
    let path = file.to_str().unwrap();
    let (code, out, _) = cli(&reg, &["validate", "sample", path]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("valid for sample"), "{out}");

    let (code, out, _) = cli(&reg, &["validate", "sample", path, "--profile", "production"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("not valid for sample in the production profile"), "{out}");
    assert!(
        out.contains("APP_JWT_SECRET") && out.contains("APP_SESSION_KEY") && out.contains("APP_ADMIN_EMAIL"),
        "{out}"
    );
    assert!(!out.contains(CANARY), "a secret value was printed:\n{out}");

    std::fs::write(&file, "APP_PORT=99999\nAPP_ENCRYPTION_KEY=short-canary-xyz\n").unwrap();
    let (code, out, _) = cli(&reg, &["validate", "sample", path]);
    assert_eq!(code, 1);
    assert!(out.contains("APP_PORT") && out.contains("APP_ENCRYPTION_KEY"), "{out}");
    assert!(!out.contains("short-canary-xyz"), "{out}");

    let (code, out, _) = cli(&reg, &["validate", "sample", root.join("missing.env").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("missing.env"), "{out}");
}

#[test]
fn validate_masks_url_passwords_and_secrets_inside_other_values() {
    let root = scratch("validate-masks");
    let reg = registry(&root);
    let file = root.join("deploy.env");
    // A DSN with a password and the wrong scheme; the session key's value reused in it.
    let text = format!(
        "APP_ENCRYPTION_KEY={}\nAPP_SESSION_KEY={CANARY}\nAPP_POSTGRES_URL=mysql://app:pw-canary-42@db/x?k=${{APP_SESSION_KEY}}\n",
        "ab".repeat(32)
    );
    std::fs::write(&file, text).unwrap();
    let (code, out, _) = cli(&reg, &["validate", "sample", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("APP_POSTGRES_URL = \"mysql://app:***@db/x?k=***\" must be scheme"), "{out}");
    assert!(!out.contains("pw-canary-42") && !out.contains(CANARY), "{out}");
}

#[test]
fn validate_reads_a_toml_file_with_the_loaders_rules() {
    let root = scratch("validate-toml");
    let reg = registry(&root);
    let file = root.join("config.toml");
    // Keys by field path; the same rules, profile and masking as a .env file.
    let text = format!(
        "environment = \"production\"\nport = 99999\nencryption_key = \"{}\"\nsession_key = \"{CANARY}\"\npostgres_url = \"mysql://app:pw-canary-43@db/x\"\nadapter = \"postgresql\"\n",
        "ab".repeat(32)
    );
    std::fs::write(&file, text).unwrap();
    let (code, out, _) = cli(&reg, &["validate", "sample", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("not valid for sample") && out.contains("APP_JWT_SECRET must be set in production"),
        "the profile from the file: {out}"
    );
    for expected in [
        "APP_PORT = \"99999\" is invalid: expected integer 1–65535",
        "APP_POSTGRES_URL = \"mysql://app:***@db/x\" must be scheme",
        "APP_JWT_SECRET",
    ] {
        assert!(out.contains(expected), "{expected:?} not in {out}");
    }
    assert!(!out.contains("pw-canary-43") && !out.contains(CANARY), "{out}");
    // A key that names nothing is reported with the closest one, and the file still loads.
    std::fs::write(&file, format!("encryption_key = \"{}\"\nprot = 1\n", "ab".repeat(32))).unwrap();
    let (code, out, _) = cli(&reg, &["validate", "sample", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("the key prot names no setting; did you mean port?"), "{out}");
}

#[cfg(unix)]
#[test]
fn scan_reads_regular_files_once_and_fails_the_check_on_what_it_cannot_read() {
    let root = scratch("scan-files");
    std::fs::create_dir_all(root.join("src/inner")).unwrap();
    std::fs::write(root.join("src/main.rs"), "fn main() { let _ = std::env::var(\"SHADOW\"); }\n").unwrap();
    // A symlink loop, and a second path to the same directory: each file is scanned once.
    std::os::unix::fs::symlink(root.join("src"), root.join("src/inner/back")).unwrap();
    std::os::unix::fs::symlink(root.join("src"), root.join("also_src")).unwrap();
    let reg = registry(&root);
    let (code, out, _) = cli(&reg, &["scan"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("1 environment reads found, 1 undeclared\n"), "{out}");
    // A FIFO named like a source file is refused without blocking, and fails the check.
    let status = std::process::Command::new("mkfifo").arg(root.join("src/pipe.rs")).status().unwrap();
    assert!(status.success());
    let (tx, rx) = std::sync::mpsc::channel();
    let root2 = root.clone();
    std::thread::spawn(move || {
        let reg = registry(&root2).allow("SHADOW", "test");
        let _ = tx.send(cli(&reg, &["scan", "--check"]));
    });
    let (code, out, _) = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("scan blocked on a FIFO");
    assert_eq!(code, 1, "an unscannable file fails --check: {out}");
    assert!(out.contains("pipe.rs: cannot scan: not a regular file"), "{out}");
    assert!(out.contains("1 files could not be scanned"), "{out}");
}

#[test]
fn scan_lists_undeclared_environment_reads() {
    let root = scratch("scan");
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("src/main.rs"),
        "fn main() {\n    let _ = std::env::var(\"APP_PORT\");\n    let _ = std::env::var_os(\"SHADOW_FLAG\");\n    let _ = option_env!(\"BUILD_TAG\");\n    let _ = env!(\"CARGO_PKG_NAME\");\n}\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("target")).unwrap();
    std::fs::write(root.join("target/ignored.rs"), "fn f() { std::env::var(\"IN_TARGET\"); }").unwrap();
    let reg = registry(&root).allow("BUILD_TAG", "set by the release pipeline");
    let (code, out, _) = cli(&reg, &["scan"]);
    assert_eq!(code, 0, "without --check the scan only reports");
    assert_eq!(
        out,
        "src/main.rs:3: env::var_os reads SHADOW_FLAG but no configuration declares it\n4 environment reads found, 1 undeclared\n"
    );
    let (code, _, _) = cli(&reg, &["scan", "--check"]);
    assert_eq!(code, 1);
    std::fs::write(root.join("src/main.rs"), "fn main() { let _ = std::env::var(\"APP_SENDER\"); }\n").unwrap();
    let (code, out, _) = cli(&reg, &["scan", "--check"]);
    assert_eq!(code, 0, "aliases count as declared: {out}");
}

#[test]
fn registered_pages_get_their_regions_refreshed() {
    let root = scratch("pages");
    let page = root.join("OPERATIONS.md");
    let original = "# Operating the sample\n\nProse kept as is.\n\n<!-- envconfig:begin sample:checklist -->\n<!-- envconfig:end -->\n\n<!-- envconfig:begin sample -->\n<!-- envconfig:end -->\n";
    std::fs::write(&page, original).unwrap();
    let reg = registry(&root).page("OPERATIONS.md");
    let (code, out, _) = cli(&reg, &["--check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("+- [ ] `APP_JWT_SECRET` must be set"), "{out}");
    cli(&reg, &[]);
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(
        text.starts_with("# Operating the sample\n\nProse kept as is.\n\n<!-- envconfig:begin sample:checklist -->\n")
    );
    assert!(text.contains("### Runtime\n"), "{text}");
    let (code, _, _) = cli(&reg, &["--check"]);
    assert_eq!(code, 0);
    std::fs::write(&page, "<!-- envconfig:begin other -->\n<!-- envconfig:end -->\n").unwrap();
    let (code, _, err) = cli(&reg, &["--check"]);
    assert_eq!(code, 1);
    assert!(err.contains("OPERATIONS.md: line 2: no content named `other`; known: sample"), "{err}");
}
