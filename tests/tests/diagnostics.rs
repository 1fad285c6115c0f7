//! Reports through miette (feature `miette`): a failed load renders every problem, then every
//! warning, with its code, its help and the line of the `.env` or TOML file that set it, and
//! never a secret's value.

#![allow(dead_code)] // Fields exist to be loaded.

mod support;

use envspec::{EnvConfig, EnvEnum, LoadError, SecretString};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, NarratableReportHandler, Severity};
use std::path::Path;

#[derive(EnvEnum, Debug)]
enum Level {
    Debug,
    Info,
    Warn,
}

#[derive(EnvConfig, Debug)]
struct Db {
    #[env(default = 10, range = 1..=100)]
    max: u32,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct App {
    #[env(default = 8080, range = 1..=65535)]
    port: u16,
    level: Level,
    /// Signs sessions.
    #[env(secret, min_len = 32, generate = "openssl rand -hex 32")]
    session_key: SecretString,
    /// Shown on the login page.
    #[env(default = "hi", max_len = 8)]
    motd: String,
    #[env(nested, prefix = "DB_")]
    db: Db,
}

/// The secret the files set, which no report may show.
const CANARY: &str = "canary-Zq8vX1";

/// `err` as miette's graphical handler renders it, without colours, `dir` replaced.
fn graphical(err: &LoadError, dir: &Path) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).render_report(&mut out, err).unwrap();
    out.replace(&dir.display().to_string(), "$DIR")
}

/// `err` as miette's narratable (screen-reader) handler renders it.
fn narrated(err: &LoadError) -> String {
    let mut out = String::new();
    NarratableReportHandler::new().render_report(&mut out, err).unwrap();
    out
}

#[test]
fn a_dotenv_report_lists_every_problem() {
    let dir = support::scratch("miette-dotenv");
    let file =
        support::write(&dir, ".env", &format!("# settings\nAPP_PORT=0\nAPP_SESSION_KEY={CANARY}\nAPP_LEVL=info\n"));
    let err = App::loader().empty_env().dotenv(&file).strict().load().unwrap_err();
    let expected = r#"envspec::load

  × invalid configuration: 4 problems
  │   - APP_PORT = "0" must be 1–65535
  │   - APP_LEVEL is required but not set
  │   - APP_SESSION_KEY = (secret value hidden) must be at least 32 characters
  │   - $DIR/.env:4: APP_LEVL is set but no setting declares it; did you mean APP_LEVEL?

Error: envspec::rule

  × APP_PORT = "0" must be 1–65535
   ╭─[$DIR/.env:2:10]
 2 │ APP_PORT="0"
   ·          ─┬─
   ·           ╰── must be 1–65535
   ╰────

Error: envspec::missing

  × APP_LEVEL is required but not set
  help: set APP_LEVEL; valid values: debug, info, warn

Error: envspec::rule

  × APP_SESSION_KEY = (secret value hidden) must be at least 32 characters
   ╭─[$DIR/.env:3:17]
 3 │ APP_SESSION_KEY=(secret value hidden)
   ·                 ──────────┬──────────
   ·                           ╰── must be at least 32 characters
   ╰────
  help: generate a value with `openssl rand -hex 32`

Error: envspec::unknown

  × $DIR/.env:4: APP_LEVL is set but no setting declares it; did you mean APP_LEVEL?
   ╭─[$DIR/.env:4:1]
 4 │ APP_LEVL=(value not shown)
   · ────┬───
   ·     ╰── did you mean APP_LEVEL?
   ╰────
  help: rename APP_LEVL to APP_LEVEL
"#;
    assert_eq!(graphical(&err, &dir), expected);
}

#[test]
fn a_toml_report_lists_every_problem_then_the_warnings() {
    let dir = support::scratch("miette-toml");
    let text = format!("port = 70000\nsession_key = \"{CANARY}\"\nlevel = \"loud\"\n\n[db]\nmax = 0\nmaxx = 3\n");
    let file = support::write(&dir, "config.toml", &text);
    let err = App::loader().empty_env().toml_file(&file).load().unwrap_err();
    let expected = r#"envspec::load

  × invalid configuration: 4 problems
  │   - APP_PORT = "70000" is invalid: expected integer 1–65535 (too large)
  │   - APP_LEVEL = "loud" is invalid: expected one of: debug, info, warn
  │   - APP_SESSION_KEY = (secret value hidden) must be at least 32 characters
  │   - APP_DB_MAX = "0" must be 1–100
  │ warnings:
  │   - $DIR/config.toml:7: the key db.maxx names no setting; did you mean db.max?

Error: envspec::invalid

  × APP_PORT = "70000" is invalid: expected integer 1–65535 (too large)
   ╭─[$DIR/config.toml:1:8]
 1 │ port = "70000"
   ·        ───┬───
   ·           ╰── expected integer 1–65535 (too large)
   ╰────
  help: valid values: integer 1–65535

Error: envspec::invalid

  × APP_LEVEL = "loud" is invalid: expected one of: debug, info, warn
   ╭─[$DIR/config.toml:3:9]
 3 │ level = "loud"
   ·         ───┬──
   ·            ╰── expected one of: debug, info, warn
   ╰────
  help: valid values: debug, info, warn

Error: envspec::rule

  × APP_SESSION_KEY = (secret value hidden) must be at least 32 characters
   ╭─[$DIR/config.toml:2:15]
 2 │ session_key = (secret value hidden)
   ·               ──────────┬──────────
   ·                         ╰── must be at least 32 characters
   ╰────
  help: generate a value with `openssl rand -hex 32`

Error: envspec::rule

  × APP_DB_MAX = "0" must be 1–100
   ╭─[$DIR/config.toml:6:7]
 6 │ max = "0"
   ·       ─┬─
   ·        ╰── must be 1–100
   ╰────

Warning: envspec::unknown_key

  ⚠ $DIR/config.toml:7: the key db.maxx names no setting; did you mean db.max?
   ╭─[$DIR/config.toml:7:1]
 7 │ maxx = (value not shown)
   · ──┬─
   ·   ╰── did you mean db.max?
   ╰────
  help: rename db.maxx to db.max
"#;
    assert_eq!(graphical(&err, &dir), expected);
}

#[test]
fn each_problem_and_warning_is_a_diagnostic_with_a_code() {
    let err = App::loader().empty_env().var("APP_PORT", "x").var("APP_LEVL", "info").load().unwrap_err();
    assert_eq!(err.code().unwrap().to_string(), "envspec::load");
    let related: Vec<(String, Option<Severity>)> =
        err.related().unwrap().map(|d| (d.code().unwrap().to_string(), d.severity())).collect();
    let expected = [
        ("envspec::invalid", Some(Severity::Error)),
        ("envspec::missing", Some(Severity::Error)),
        ("envspec::missing", Some(Severity::Error)),
        ("envspec::unknown", Some(Severity::Warning)),
    ];
    assert_eq!(related, expected.map(|(c, s)| (c.to_owned(), s)));
    // A problem on its own is a diagnostic too.
    let first: &dyn Diagnostic = &err.problems()[0];
    assert_eq!(first.code().unwrap().to_string(), "envspec::invalid");
    assert_eq!(first.help().unwrap().to_string(), "valid values: integer 1–65535");
    assert_eq!(err.warnings()[0].help().unwrap().to_string(), "rename APP_LEVL to APP_LEVEL");
}

/// Every route by which a file can put the canary secret near a report: a secret breaking a
/// rule, a value that expands it, a line that does not parse, a key that names nothing.
#[test]
fn no_report_shows_a_secret() {
    let dir = support::scratch("miette-canary");
    let key = format!("APP_SESSION_KEY={CANARY}\n");
    let cases: Vec<(&str, String, bool)> = vec![
        (".env", format!("{key}APP_MOTD=\"key ${{APP_SESSION_KEY}}\"\n"), false),
        (".env", format!("APP_PORT=0\nAPP_SESSION_KEY=\"{CANARY}\n"), false),
        ("config.toml", format!("session_key = \"{CANARY}\"\nmotd = \"{CANARY}\"\n"), false),
        ("config.toml", format!("sesion_key = \"{CANARY}\"\n[db]\nmaxx = \"{CANARY}\"\n"), true),
        ("config.toml", format!("sesion_key = \"{CANARY}\"\n"), false),
        ("config.toml", format!("port = 0\nsession_key = \"{CANARY}\n"), false),
    ];
    for (name, text, strict) in cases {
        let file = support::write(&dir, name, &text);
        let mut loader = App::loader().empty_env();
        loader = if name == ".env" { loader.dotenv(&file) } else { loader.toml_file(&file) };
        if strict {
            loader = loader.strict();
        }
        let err = loader.load().unwrap_err();
        for report in [graphical(&err, &dir), narrated(&err)] {
            assert!(!report.contains(CANARY) && !report.contains("Zq8vX1"), "{text:?}:\n{report}");
        }
    }
}
