//! An arbitrary `.env` file: the load never panics or hangs, every value's provenance names
//! the line where its assignment starts, and a parse error names a line of the file.
#![no_main]
#![allow(dead_code)] // The fields exist to be read from the file.

use envspec::{EnvConfig, Origin, Problem, ValueSource};
use libfuzzer_sys::fuzz_target;

#[derive(EnvConfig, Debug)]
struct Any {
    a: Option<String>,
    b: Option<String>,
    #[env(name = "A_B")]
    ab: Option<String>,
}

fuzz_target!(|text: String| {
    let dir = std::env::temp_dir().join(format!("envconfig-fuzz-dotenv-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(".env");
    std::fs::write(&path, &text).unwrap();
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    match Any::loader().env_map::<&str, &str>([]).dotenv(&path).load() {
        Ok(loaded) => {
            for p in loaded.provenance() {
                let ValueSource::Set(Origin::DotEnv { line, .. }) = &p.source else { continue };
                let at = lines.get(line - 1).unwrap_or_else(|| panic!("line {line} is past the end"));
                let at = at.trim_start();
                let at = at
                    .strip_prefix("export")
                    .filter(|r| r.starts_with(char::is_whitespace))
                    .map_or(at, str::trim_start);
                let rest = at
                    .strip_prefix(p.variable.as_str())
                    .unwrap_or_else(|| panic!("line {line} does not assign {}: {at:?}", p.variable));
                assert!(rest.trim_start().starts_with('='), "line {line} does not assign {}: {at:?}", p.variable);
            }
        }
        Err(err) => {
            for p in err.problems() {
                if let Problem::Source { line: Some(line), .. } = p {
                    assert!(*line >= 1 && *line <= lines.len().max(1), "line {line} of {} lines", lines.len());
                }
            }
        }
    }
});
