//! Hostile and odd input: each case gets a clear message, never a panic.

#![allow(dead_code)] // The fields exist to be parsed, not read.

mod support;

use envspec::{EnvConfig, EnvEnum, Problem};
use support::{scratch, write};

#[derive(EnvEnum, Debug)]
enum Adapter {
    Sqlite,
    Postgresql,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "H_")]
struct Hostile {
    text: Option<String>,
    count: Option<u8>,
    #[env(range = 0.0..=1.0)]
    ratio: Option<f64>,
    adapter: Option<Adapter>,
}

fn problems(pairs: &[(&str, &str)]) -> Vec<String> {
    match Hostile::loader().env_map(pairs.iter().copied()).load() {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn odd_text_is_kept_verbatim() {
    for odd in ["a\0b", "line1\nline2", "'quoted' \"double\"", "${HOME}/x", "é😀"] {
        let loaded = Hostile::loader().env_map([("H_TEXT", odd)]).load().unwrap();
        assert_eq!(loaded.text.as_deref(), Some(odd));
    }
    let huge = "x".repeat(1 << 20);
    let loaded = Hostile::loader().env_map([("H_TEXT", huge.as_str())]).load().unwrap();
    assert_eq!(loaded.text.as_ref().map(String::len), Some(1 << 20));
}

#[test]
fn long_bad_values_are_truncated_in_messages() {
    let huge = "9".repeat(1 << 20);
    let msgs = problems(&[("H_COUNT", &huge)]);
    assert_eq!(msgs.len(), 1);
    assert!(msgs[0].len() < 200, "{}", msgs[0]);
    assert!(msgs[0].contains("…"), "{}", msgs[0]);
}

#[test]
fn overflow_nan_and_infinity_are_refused_clearly() {
    assert_eq!(problems(&[("H_COUNT", "256")]), [r#"H_COUNT = "256" is invalid: expected integer 0–255 (too large)"#]);
    assert_eq!(problems(&[("H_COUNT", "-1")]), [r#"H_COUNT = "-1" is invalid: expected integer 0–255 (negative)"#]);
    assert_eq!(problems(&[("H_RATIO", "NaN")]), [r#"H_RATIO = "NaN" must be 0.0–1.0"#]);
    assert_eq!(problems(&[("H_RATIO", "inf")]), [r#"H_RATIO = "inf" must be 0.0–1.0"#]);
    assert_eq!(problems(&[("H_RATIO", "-0.0")]), Vec::<String>::new());
}

#[test]
fn unknown_enum_spellings_suggest_the_closest() {
    assert_eq!(
        problems(&[("H_ADAPTER", "postgres")]),
        [r#"H_ADAPTER = "postgres" is invalid: expected one of: sqlite, postgresql (did you mean `postgresql`?)"#]
    );
    assert_eq!(
        problems(&[("H_ADAPTER", "oracle")]),
        [r#"H_ADAPTER = "oracle" is invalid: expected one of: sqlite, postgresql"#]
    );
}

#[test]
fn duplicate_keys_across_files_take_the_later_file() {
    let dir = scratch("hostile-dupes");
    let a = write(&dir, "a.env", "H_TEXT=first\nH_TEXT=second\n");
    let b = write(&dir, "b.env", "H_TEXT=third\n");
    let loaded = Hostile::loader().env_map::<&str, &str>([]).dotenv(&a).load().unwrap();
    assert_eq!(loaded.text.as_deref(), Some("second"), "within a file, the last line wins");
    let loaded = Hostile::loader().env_map::<&str, &str>([]).dotenv(&a).dotenv(&b).load().unwrap();
    assert_eq!(loaded.text.as_deref(), Some("third"));
    let p = loaded.provenance().iter().find(|p| p.variable == "H_TEXT").unwrap();
    assert_eq!(p.to_string(), format!("H_TEXT: {}:1", b.display()));
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("hostile-unreadable");
    let f = write(&dir, ".env", "H_TEXT=x\n");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&f).is_ok() {
        return; // running as root: permissions do not stop reads
    }
    let err = Hostile::loader().env_map::<&str, &str>([]).dotenv(&f).load().unwrap_err();
    assert!(matches!(&err.problems()[0], Problem::Source { .. }));
    assert!(err.to_string().contains("permission denied"), "{err}");
}

#[test]
fn loading_from_many_threads_at_once_is_safe() {
    let handles: Vec<_> = (0..8)
        .map(|i| {
            std::thread::spawn(move || {
                let reader = std::thread::spawn(|| std::env::vars_os().count());
                for _ in 0..50 {
                    let n = (i % 200).to_string();
                    let loaded = Hostile::loader().var("H_COUNT", n.as_str()).load().unwrap();
                    assert_eq!(loaded.count, Some((i % 200) as u8));
                }
                reader.join().unwrap()
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap() > 0);
    }
}
