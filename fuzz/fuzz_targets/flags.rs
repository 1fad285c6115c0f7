//! An arbitrary command line: parsing never panics; a bad flag is clap's error or a problem of
//! the load; and the value given to a secret flag never shows, in clap's error, the load's
//! report, `Debug` of the loader or of the load, provenance or status.
#![no_main]
#![allow(dead_code)] // The fields exist to be read from flags.

use envspec::{EnvConfig, EnvEnum, SecretString};
use libfuzzer_sys::fuzz_target;

#[derive(EnvEnum, Debug)]
enum Mode {
    One,
    #[env(alias = "many")]
    Several,
}

#[derive(EnvConfig, Debug)]
struct Db {
    #[env(default = 4, range = 1..=64)]
    pool: u32,
    #[env(default = "postgres://localhost/app", schemes("postgres"))]
    url: String,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct App {
    #[env(default = 8080, range = 1..=65535)]
    port: u16,
    #[env(default = -1, range = -10..=10)]
    offset: i32,
    #[env(default = false)]
    debug: bool,
    #[env(default = "one")]
    mode: Mode,
    #[env(default = "a,b")]
    list: Vec<String>,
    #[env(nested, prefix = "DB_")]
    db: Db,
    #[env(secret, flag)]
    key: Option<SecretString>,
    #[env(secret)]
    token: Option<SecretString>,
}

/// The secret flag's value: the argument after `--key`, or after `--key=`, before any `--`; at
/// least 6 characters, so that it cannot be one of the report's own words.
fn secret(args: &[String]) -> Option<&str> {
    let mut it = args.iter();
    let mut found = None;
    while let Some(a) = it.next() {
        // After `--` every argument is positional: the caller's text, which clap may quote.
        if a == "--" {
            break;
        }
        if a == "--key" {
            found = it.next().map(String::as_str);
        } else if let Some(v) = a.strip_prefix("--key=") {
            found = Some(v);
        }
    }
    // A value that is part of the command's own text (a flag's name, which clap suggests) is
    // not the secret's to leak.
    found.filter(|s| s.len() >= 6 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !HELP.contains(*s))
}

/// The command's help: every flag name and the words around them.
static HELP: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| envspec::flags::command::<App>().render_help().to_string());

fuzz_target!(|args: Vec<String>| {
    if args.len() > 64 {
        return;
    }
    let argv: Vec<String> = std::iter::once("app".to_owned()).chain(args.iter().cloned()).collect();
    let canary = secret(&args);
    let shown = match App::loader().empty_env().args(&argv) {
        Err(clap_error) => clap_error.to_string(),
        Ok(loader) => {
            let mut shown = format!("{loader:?}");
            match loader.load() {
                Ok(app) => {
                    shown.push_str(&format!("{app:?} {:?} {} {:?}", app.provenance(), app.status(), app.warnings()))
                }
                Err(e) => shown.push_str(&format!("{e} {e:?}")),
            }
            shown
        }
    };
    if let Some(s) = canary {
        // Another argument equal to the secret (a positional, another flag's value) is the
        // caller's own text, not the secret's route: only count a secret given once.
        if argv.iter().filter(|a| a.contains(s)).count() == 1 {
            assert!(!shown.contains(s), "the secret {s:?} is shown: {shown}");
        }
    }
});
