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
    for file in ["config.md", ".env.example", "config.schema.json", "k8s.yaml"] {
        assert!(root.join("docs/sample").join(file).is_file(), "{file} written");
    }
    let (code, out, _) = cli(&reg, &["--check"]);
    assert_eq!((code, out.as_str()), (0, "4 generated files are fresh\n"));
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
    assert!(out.contains("2 of 4 generated files are stale") && out.contains("Fix: cargo run -p my-docs"), "{out}");
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
    let (code, _, err) = cli(&reg, &["--format", "pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format `pdf` (md, env, json, k8s)"), "{err}");
    let (code, _, err) = cli(&reg, &["--bogus"]);
    assert_eq!(code, 2);
    assert!(err.contains("unexpected argument `--bogus`") && err.contains("usage:"), "{err}");
    let (code, _, err) = cli(&reg, &["validate", "nope", "x.env"]);
    assert_eq!(code, 2);
    assert!(err.contains("no configuration named `nope`; known: sample"), "{err}");
    let (code, _, err) = cli(&reg, &["--out"]);
    assert_eq!(code, 2);
    assert!(err.contains("--out needs a value"), "{err}");
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
