//! The README's "In your own workspace" recipe, end to end: its files are taken from the
//! README's fenced blocks as written, into a scratch workspace whose `[patch.crates-io]`
//! points `envspec*` at this workspace. Its service builds with none of docs generation's
//! crates (asserted from `cargo tree`), its docs tool regenerates and checks the documents,
//! and the drift test `#[env(docs = "docs")]` generates catches a stale document of every
//! format, agrees with the tool, and without the dev-dependency fails to compile saying which
//! dependency to add.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Crates that only docs generation brings: none may be in the service's build.
const DOCS_ONLY: &[&str] = &[
    "envspec-docs",
    "clap",
    "clap_builder",
    "clap_derive",
    "clap_lex",
    "clap_complete",
    "pulldown-cmark",
    "schemars",
    "similar",
    "serde_norway",
    "base64",
];

/// Every document the docs tool writes for a configuration.
const DOCUMENTS: [&str; 5] = ["config.md", ".env.example", "config.schema.json", "k8s.yaml", "config.example.toml"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The recipe's files: the fenced blocks of the README section whose first line is a comment
/// naming a file (`# service/Cargo.toml`, `// service/src/lib.rs`), with that line.
fn recipe_files(readme: &str) -> Vec<(String, String)> {
    let start = readme.find("### In your own workspace\n").expect("the README has the recipe");
    let section = &readme[start..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut files = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find("\n```") {
        let after = &rest[open + 4..];
        let body_start = after.find('\n').unwrap() + 1;
        let close = after[body_start..].find("```").expect("a closed fence");
        let body = &after[body_start..body_start + close];
        rest = &after[body_start + close + 3..];
        let first = body.lines().next().unwrap_or("");
        let named = first.strip_prefix("# ").or_else(|| first.strip_prefix("// "));
        if let Some(path) = named.filter(|p| !p.contains(' ') && (p.ends_with(".toml") || p.ends_with(".rs"))) {
            files.push((path.to_string(), body.to_string()));
        }
    }
    files
}

struct Scratch {
    dir: PathBuf,
    target: PathBuf,
}

impl Scratch {
    /// The recipe written out, patched to this workspace's crates and pinned by its lock.
    fn from_readme() -> Scratch {
        let root = workspace();
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let dir = tmp.join("recipe");
        let _ = std::fs::remove_dir_all(&dir);
        let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
        let files = recipe_files(&readme);
        let paths: BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            BTreeSet::from([
                "Cargo.toml",
                "docs-gen/Cargo.toml",
                "docs-gen/src/main.rs",
                "service/Cargo.toml",
                "service/src/lib.rs"
            ]),
            "the README's recipe names these files"
        );
        for (path, text) in &files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        // The published names resolve to this workspace's packages.
        let mut manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        manifest.push_str("\n[patch.crates-io]\n");
        for (name, path) in [
            ("envspec", "config-runtime"),
            ("envspec-derive", "config-derive"),
            ("envspec-schema", "schema"),
            ("envspec-docs", "docs-gen"),
        ] {
            manifest.push_str(&format!("{name} = {{ path = {:?} }}\n", root.join(path)));
        }
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        // This workspace's lock pins the same versions, so nothing new is resolved (offline).
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        Scratch { dir, target: tmp.join("recipe-target") }
    }

    fn cargo(&self, args: &[&str]) -> Output {
        self.cargo_env(args, &[])
    }

    fn cargo_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        // Cargo's own flags go before `--`, which passes the rest to the program.
        let (own, program) = match args.iter().position(|a| *a == "--") {
            Some(i) => (&args[..i], &args[i..]),
            None => (args, &[][..]),
        };
        std::process::Command::new(env!("CARGO"))
            .args(own)
            .args(["--offline", "--quiet"])
            .args(program)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            // A small build: no debug info, no incremental cache.
            .env("CARGO_PROFILE_DEV_DEBUG", "0")
            .env("CARGO_INCREMENTAL", "0")
            .env_remove("ENVCONFIG_BLESS")
            .envs(env.iter().copied())
            .output()
            .expect("cargo runs")
    }

    /// The packages `cargo tree` lists for `package` (normal dependencies, host ones too).
    fn tree(&self, package: &str) -> BTreeSet<String> {
        let out = self.cargo(&["tree", "-e", "normal", "-p", package, "--prefix", "none", "--format", "{p}"]);
        assert!(out.status.success(), "cargo tree -p {package}:\n{}", text(&out));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .map(str::to_owned)
            .collect()
    }

    fn edit(&self, file: &str, edit: impl FnOnce(String) -> String) {
        let path = self.dir.join(file);
        let before = std::fs::read_to_string(&path).unwrap();
        let after = edit(before.clone());
        assert_ne!(before, after, "{file}: the edit changes nothing");
        std::fs::write(path, after).unwrap();
    }
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn ok(out: Output, what: &str) -> String {
    let t = text(&out);
    assert!(out.status.success(), "{what} failed:\n{t}");
    t
}

#[test]
fn the_readme_recipe_keeps_docs_generation_out_of_the_service_and_both_guards_catch_drift() {
    let ws = Scratch::from_readme();

    // The service builds, and nothing of docs generation is in its build.
    ok(ws.cargo(&["build", "-p", "billing"]), "cargo build -p billing");
    let service = ws.tree("billing");
    let tool = ws.tree("docs-gen");
    assert!(service.contains("envspec") && service.is_subset(&tool), "service: {service:?}\ntool: {tool:?}");
    for krate in DOCS_ONLY {
        assert!(tool.contains(*krate), "the docs tool's build has {krate} (so this list is current): {tool:?}");
        assert!(!service.contains(*krate), "{krate} is in the service's build: {service:?}");
    }
    assert!(!tool.contains("envconfig-examples"), "the showcase reaches no user: {tool:?}");
    // `scan`'s tokenizer (proc-macro2 with span locations) is the docs tool's alone.
    let features = ws.cargo(&["tree", "-e", "features", "-p", "billing", "--prefix", "none"]);
    assert!(!text(&features).contains("span-locations"), "{}", text(&features));
    let features = ws.cargo(&["tree", "-e", "features", "-p", "docs-gen", "--prefix", "none"]);
    assert!(text(&features).contains("proc-macro2 feature \"span-locations\""), "{}", text(&features));

    // The docs tool writes every document, then finds them fresh; so does the drift test.
    let out = ok(ws.cargo(&["run", "-p", "docs-gen"]), "cargo run -p docs-gen");
    for doc in DOCUMENTS {
        assert!(ws.dir.join("service/docs").join(doc).is_file(), "{doc} written:\n{out}");
    }
    let out = ok(ws.cargo(&["run", "-p", "docs-gen", "--", "--check"]), "--check");
    assert!(out.contains("5 generated files are fresh"), "{out}");
    let out = ok(ws.cargo(&["test", "-p", "billing", "--lib", "--", "--list"]), "cargo test -- --list");
    assert!(
        out.contains("__envconfig_docs_are_fresh_BillingSettings: test"),
        "the attribute generates the test:\n{out}"
    );
    let out = ok(ws.cargo(&["test", "-p", "billing", "--lib"]), "cargo test");
    assert!(out.contains("test result: ok. 1 passed"), "{out}");

    // A hand edit of any one format fails the drift test, naming that document.
    for doc in [".env.example", "config.schema.json", "k8s.yaml", "config.example.toml"] {
        ws.edit(&format!("service/docs/{doc}"), |t| format!("{t}edited by hand\n"));
        let out = ws.cargo(&["test", "-p", "billing"]);
        let t = text(&out);
        assert!(!out.status.success(), "a stale {doc} passes cargo test:\n{t}");
        assert!(t.contains(&format!("docs/{doc} is stale")) && t.contains("1 of 5 generated documents"), "{t}");
        assert!(t.contains("-edited by hand"), "the diff shows the hand edit:\n{t}");
        // Blessing rewrites it as the docs tool would.
        ok(ws.cargo_env(&["test", "-p", "billing"], &[("ENVCONFIG_BLESS", "1")]), "ENVCONFIG_BLESS=1 cargo test");
        ok(ws.cargo(&["run", "-p", "docs-gen", "--", "--check"]), "--check after blessing");
    }

    // A developer rewords a doc comment and forgets the docs: both guards fail with the diff.
    ws.edit("service/src/lib.rs", |t| {
        t.replace("/// Port the HTTP API listens on.", "/// TCP port of the public HTTP API.")
    });
    let check = ws.cargo(&["run", "-p", "docs-gen", "--", "--check"]);
    let out = text(&check);
    assert_eq!(check.status.code(), Some(1), "--check must fail:\n{out}");
    assert!(out.contains("--- service/docs/config.md (committed)"), "{out}");
    assert!(out.contains("-| `BILLING_PORT` |") && out.contains("TCP port of the public HTTP API."), "{out}");
    assert!(out.contains("5 of 5 generated files are stale") && out.contains("Fix: cargo run -p docs-gen"), "{out}");
    let test = ws.cargo(&["test", "-p", "billing"]);
    let out = text(&test);
    assert!(!test.status.success(), "cargo test must fail:\n{out}");
    assert!(out.contains("5 of 5 generated documents need regenerating"), "{out}");
    for doc in DOCUMENTS {
        assert!(out.contains(&format!("docs/{doc} is stale")), "{doc} not reported:\n{out}");
    }
    assert!(out.contains("+| `BILLING_PORT` |") && out.contains("ENVCONFIG_BLESS=1 cargo test"), "{out}");

    // Regenerating fixes both.
    ok(ws.cargo(&["run", "-p", "docs-gen"]), "regenerating");
    ok(ws.cargo(&["test", "-p", "billing"]), "cargo test after regenerating");
    ok(ws.cargo(&["run", "-p", "docs-gen", "--", "--check"]), "--check after regenerating");
    ok(ws.cargo(&["run", "-p", "docs-gen", "--", "scan", "--check"]), "scan --check");

    // Without the dev-dependency, the service still builds, and its tests fail to compile
    // with an error that names the dependency to add.
    ws.edit("service/Cargo.toml", |t| t[..t.find("\n[dev-dependencies]").unwrap() + 1].to_string());
    ok(ws.cargo(&["build", "-p", "billing"]), "cargo build without the dev-dependency");
    let test = ws.cargo(&["test", "-p", "billing"]);
    let out = text(&test);
    assert!(!test.status.success(), "{out}");
    assert!(
        out.contains("generates a test that needs the `envspec-docs` crate: add it to this package's [dev-dependencies] (`cargo add --dev envspec-docs`)"),
        "{out}"
    );
    assert!(out.contains("docs = \"docs\""), "the error points at the attribute:\n{out}");
}
