//! The `docs-gen` binary as a shell runs it: its exit status, stdout and stderr for each kind
//! of outcome (0 ok, 1 findings, 2 usage), on the showcase registry.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn docs_gen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docs-gen")).args(args).output().expect("docs-gen runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("binary-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn version_and_help_exit_0_on_stdout() {
    let v = docs_gen(&["--version"]);
    assert_eq!((v.status.code(), stdout(&v).as_str()), (Some(0), "docs-gen 0.1.0\n"));
    for sub in ["generate", "validate", "scan", "list", "completions"] {
        let h = docs_gen(&[sub, "--help"]);
        assert_eq!(h.status.code(), Some(0), "{sub} --help: {}", stderr(&h));
        assert!(stdout(&h).contains(&format!("Usage: docs-gen {sub}")), "{}", stdout(&h));
        assert!(stderr(&h).is_empty());
    }
    // The showcase's names are what --config accepts.
    let h = docs_gen(&["--help"]);
    assert!(stdout(&h).contains("[possible values: cadence, orcheo, parako]"), "{}", stdout(&h));
}

#[test]
fn usage_errors_exit_2_on_stderr_with_a_suggestion() {
    let o = docs_gen(&["scan", "--chek"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("a similar argument exists: '--check'"), "{}", stderr(&o));
    let o = docs_gen(&["validate", "cadense", "x.env"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a similar value exists: 'cadence'"), "{}", stderr(&o));
}

#[test]
fn generate_then_check_elsewhere_and_a_stale_file_exits_1() {
    let dir = scratch("out");
    let out = dir.to_str().unwrap();
    let g = docs_gen(&["--out", out, "--config", "parako", "--format", "md,env"]);
    assert_eq!(g.status.code(), Some(0), "{}{}", stdout(&g), stderr(&g));
    assert!(stdout(&g).contains("wrote ") && dir.join("parako/config.md").is_file());
    let c = docs_gen(&["--check", "--out", out, "--config", "parako", "--format", "md,env"]);
    assert_eq!((c.status.code(), stdout(&c).as_str()), (Some(0), "2 generated files are fresh\n"));
    std::fs::write(dir.join("parako/.env.example"), "# edited by hand\n").unwrap();
    let c = docs_gen(&["--check", "--out", out, "--config", "parako", "--format", "md,env"]);
    assert_eq!(c.status.code(), Some(1));
    assert!(
        stdout(&c).contains("-# edited by hand") && stdout(&c).contains("Fix: cargo run -p docs-gen"),
        "{}",
        stdout(&c)
    );
}

#[test]
fn validate_exits_1_listing_problems() {
    let dir = scratch("validate");
    let file = dir.join("deploy.env");
    std::fs::write(&file, "CADENCE_API_PORT=0\n").unwrap();
    let o = docs_gen(&["validate", "cadence", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("not valid for cadence") && stdout(&o).contains("CADENCE_API_PORT"), "{}", stdout(&o));
}

#[test]
fn completions_script_is_written_for_the_binary() {
    let o = docs_gen(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    let script = stdout(&o);
    assert!(script.contains("complete -F _docs__gen") && script.contains("cadence orcheo parako"), "{script}");
}
