//! A `<VAR>_FILE` secret file with arbitrary bytes: the load never panics, reads the file as
//! the value (one trailing newline trimmed; empty means unset), and never prints it.
#![no_main]

use envspec::{EnvConfig, ExposeSecret, SecretString};
use libfuzzer_sys::fuzz_target;

#[derive(EnvConfig, Debug)]
#[env(prefix = "SF_")]
struct Files {
    #[env(secret, min_len = 4)]
    token: Option<SecretString>,
    #[env(file)]
    note: Option<String>,
}

/// Put before the fuzzed bytes of a secret file, so that a printed secret is recognised (a
/// short fuzzed value alone can be a word of any report).
const CANARY: &[u8] = b"FUZZ-FILE-CANARY-9d2";

fuzz_target!(|data: (Vec<u8>, bool, bool)| {
    let (fuzzed, as_note, canary) = data;
    let bytes = if canary { [CANARY, &fuzzed].concat() } else { fuzzed };
    let dir = std::env::temp_dir().join(format!("envconfig-fuzz-secret-file-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("value");
    std::fs::write(&path, &bytes).unwrap();
    let name = if as_note { "SF_NOTE_FILE" } else { "SF_TOKEN_FILE" };
    let result = Files::loader().env_map([(name, path.to_str().unwrap())]).load();
    // One trailing newline (`\n` or `\r\n`) is trimmed; a lone `\r` is content.
    let expected = std::str::from_utf8(&bytes).ok().map(|s| match s.strip_suffix('\n') {
        Some(s) => s.strip_suffix('\r').unwrap_or(s).to_owned(),
        None => s.to_owned(),
    });
    match (&result, expected) {
        (Ok(loaded), Some(text)) => {
            let got =
                if as_note { loaded.note.clone() } else { loaded.token.as_ref().map(|t| t.expose_secret().to_owned()) };
            let want = if text.is_empty() { None } else { Some(text.clone()) };
            assert_eq!(got, want);
            if !as_note && canary {
                let shown = format!("{loaded:?}{}", loaded.status());
                assert!(!shown.contains("FUZZ-FILE-CANARY"), "a secret file's content was printed");
            }
        }
        (Ok(_), None) => panic!("a file that is not UTF-8 loaded"),
        (Err(err), expected) => {
            let _ = expected;
            if !as_note && canary {
                assert!(!format!("{err}{err:?}").contains("FUZZ-FILE-CANARY"), "a secret file's content was printed");
            }
        }
    }
});
