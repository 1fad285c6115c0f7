//! An arbitrary TOML file: the load never panics or hangs; every value's provenance names the
//! line of its key; a parse error names a line of the file and quotes none of it; a secret
//! set in the file never shows in a report.
#![no_main]
#![allow(dead_code)] // The fields exist to be read from the file.

use envspec::{EnvConfig, Origin, Problem, SecretString, ValueSource};
use libfuzzer_sys::fuzz_target;

#[derive(EnvConfig, Debug)]
struct Inner {
    n: Option<u32>,
    list: Option<Vec<String>>,
}

#[derive(EnvConfig, Debug)]
struct Any {
    a: Option<String>,
    #[env(nested, prefix = "T_")]
    t: Inner,
    #[env(secret)]
    s: Option<SecretString>,
}

fuzz_target!(|text: String| {
    let dir = std::env::temp_dir().join(format!("envconfig-fuzz-toml-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("config.toml");
    std::fs::write(&path, &text).unwrap();
    let lines = text.split_inclusive('\n').count().max(1);
    let secret = toml_secret(&text);
    match Any::loader().empty_env().toml_file(&path).load() {
        Ok(loaded) => {
            for p in loaded.provenance() {
                let ValueSource::Set(Origin::Toml { line, .. }) = &p.source else { continue };
                assert!((1..=lines).contains(line), "line {line} of a {lines}-line file");
            }
            if let Some(s) = &secret {
                let shown = format!("{:?} {:?} {} {:?}", loaded, loaded.provenance(), loaded.status(), loaded.warnings());
                assert!(!shown.contains(s.as_str()), "the secret {s:?} is shown: {shown}");
            }
        }
        Err(err) => {
            for p in err.problems() {
                if let Problem::Source { line: Some(line), .. } = p {
                    assert!((1..=lines).contains(line), "line {line} of a {lines}-line file");
                }
            }
            if let Some(s) = &secret {
                let shown = format!("{err} {err:?}");
                assert!(!shown.contains(s.as_str()), "the secret {s:?} is shown: {shown}");
            }
        }
    }
});

/// The secret's value when the file sets it plainly (`s = "..."`, at least 6 characters so
/// that it cannot be part of the report's own words).
fn toml_secret(text: &str) -> Option<String> {
    let table: toml::Table = text.parse().ok()?;
    let s = table.get("s")?.as_str()?;
    (s.len() >= 6 && s.chars().all(|c| c.is_ascii_alphanumeric())).then(|| s.to_owned())
}
