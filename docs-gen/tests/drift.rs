//! Drift, end to end: a user's crate (tests/fixtures/user-app) is copied to a scratch
//! directory, a doc comment is edited, and both guards fail with the diff: the crate's
//! `docs-gen --check` binary and the `#[cfg(test)]` test that `#[env(docs = "...")]` generates.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The fixture in a fresh scratch directory, its `Cargo.toml` pointing at this workspace.
fn scratch_crate() -> PathBuf {
    let root = workspace();
    let dir = root.join("target/tests/drift/user-app");
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&root.join("docs-gen/tests/fixtures/user-app"), &dir);
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml.in")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), manifest.replace("@ROOT@", root.to_str().unwrap())).unwrap();
    // The workspace's lock file pins the same versions, so nothing new is resolved.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    // Cargo's own flags go before `--`, which passes the rest to the program.
    let (own, program) = match args.iter().position(|a| *a == "--") {
        Some(i) => (&args[..i], &args[i..]),
        None => (args, &[][..]),
    };
    Command::new(env!("CARGO"))
        .args(own)
        .args(["--offline", "--quiet"])
        .args(program)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", workspace().join("target/tests/drift/target"))
        .env_remove("ENVCONFIG_BLESS")
        .output()
        .expect("cargo runs")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn editing_a_doc_comment_fails_both_guards_with_the_diff() {
    let dir = scratch_crate();

    // As committed, the documents are fresh: both guards pass.
    let check = cargo(&dir, &["run", "--bin", "docs-gen", "--", "--check"]);
    assert!(check.status.success(), "fresh fixture fails --check:\n{}", text(&check));
    let test = cargo(&dir, &["test", "--lib"]);
    assert!(test.status.success(), "fresh fixture fails cargo test:\n{}", text(&test));

    // A developer rewords a doc comment and forgets the docs.
    let lib = dir.join("src/lib.rs");
    let src = std::fs::read_to_string(&lib).unwrap();
    let edited = src.replace("/// Port the HTTP API listens on.", "/// TCP port of the public HTTP API.");
    assert_ne!(src, edited, "the fixture has the doc comment this test edits");
    std::fs::write(&lib, edited).unwrap();

    let check = cargo(&dir, &["run", "--bin", "docs-gen", "--", "--check"]);
    let out = text(&check);
    assert_eq!(check.status.code(), Some(1), "--check must fail:\n{out}");
    assert!(out.contains("--- docs/config.md (committed)"), "{out}");
    assert!(out.contains("-| `BILLING_PORT` |"), "diff shows the old row:\n{out}");
    assert!(out.contains("TCP port of the public HTTP API."), "diff shows the new text:\n{out}");
    assert!(out.contains("Fix: cargo run --bin docs-gen"), "{out}");

    let test = cargo(&dir, &["test", "--lib"]);
    let out = text(&test);
    assert!(!test.status.success(), "cargo test must fail:\n{out}");
    assert!(out.contains("__envconfig_docs_are_fresh_BillingSettings"), "{out}");
    assert!(out.contains("docs/config.md is stale"), "{out}");
    assert!(out.contains("+| `BILLING_PORT` |") && out.contains("TCP port of the public HTTP API."), "{out}");
    assert!(out.contains("ENVCONFIG_BLESS=1 cargo test"), "{out}");

    // Regenerating fixes both.
    let regen = cargo(&dir, &["run", "--bin", "docs-gen"]);
    assert!(regen.status.success(), "{}", text(&regen));
    let test = cargo(&dir, &["test", "--lib"]);
    assert!(test.status.success(), "after regenerating, cargo test passes:\n{}", text(&test));
    let check = cargo(&dir, &["run", "--bin", "docs-gen", "--", "--check"]);
    assert!(check.status.success(), "{}", text(&check));
}

#[test]
fn the_readme_shows_the_binary_this_test_builds() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let binary =
        std::fs::read_to_string(workspace().join("docs-gen/tests/fixtures/user-app/src/bin/docs-gen.rs")).unwrap();
    assert!(
        readme.contains(&format!("```rust,ignore\n{binary}```")),
        "README's setup snippet differs from the fixture"
    );
}
