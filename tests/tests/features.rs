//! Optional features cost nothing when they are off: with the default features, a service
//! that depends on `envspec` compiles none of the crates `toml`, `clap`, `tracing`,
//! `fingerprint` or `miette` bring, as `cargo tree` reports the graph; and `miette` brings its
//! protocol only, none of the terminal crates of its report handlers.

use std::process::Command;

/// The crates `cargo tree` lists for envspec's normal dependencies with `features`.
fn crates(features: &[&str]) -> Vec<String> {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml");
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["tree", "--offline", "--manifest-path", manifest, "-p", "envspec", "-e", "normal", "--prefix", "none"]);
    if !features.is_empty() {
        cmd.args(["--features", &features.join(",")]);
    }
    let out = cmd.output().expect("cargo tree runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut names: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn optional_features_bring_their_crates_only_when_on() {
    let default = crates(&[]);
    for absent in ["toml", "toml_parser", "clap", "clap_builder", "tracing", "hmac", "sha2", "miette"] {
        assert!(!default.iter().any(|c| c == absent), "{absent} is built with the default features: {default:?}");
    }
    assert!(crates(&["toml"]).iter().any(|c| c == "toml"));
    assert!(crates(&["clap"]).iter().any(|c| c == "clap_builder"));
    assert!(crates(&["tracing"]).iter().any(|c| c == "tracing"));
    let miette = crates(&["miette"]);
    assert!(miette.iter().any(|c| c == "miette"));
    for terminal in ["owo-colors", "textwrap", "terminal_size", "supports-color", "supports-unicode", "backtrace"] {
        assert!(!miette.iter().any(|c| c == terminal), "{terminal} is built with `miette`: {miette:?}");
    }
}
