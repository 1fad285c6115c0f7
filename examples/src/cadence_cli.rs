//! Cadence's start-up from every source at once: command-line flags, then the environment
//! (and `.env` files, were any given), then a TOML file, then the declared defaults, all from
//! the one declaration of [`CadenceSettings`]. The example `cargo run -p envconfig-examples
//! --example cadence -- --help` is [`run`] with the process's arguments and environment and
//! `./cadence.toml`; the tests call [`run`] and [`load`] with argument vectors, a map for the
//! environment and a file of their own.
//!
//! What it prints is the status of every variable and where its value came from (`flag
//! --api-port`, `cadence.toml:37`, `environment`, `default`), never a value.

use crate::cadence::CadenceSettings;
use envspec::{EnvConfig, LoadError, Loaded, Loader};
use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

/// The file read when it exists, relative to the working directory.
pub const CONFIG_FILE: &str = "cadence.toml";

/// Why a start stopped before it had a configuration.
#[derive(Debug)]
pub enum Stop {
    /// `--help`, `--version` or a usage error: clap's text, its exit code, and whether it
    /// belongs on stderr.
    Cli {
        /// The text clap renders.
        text: String,
        /// 0 for `--help`, 2 for a usage error.
        code: i32,
        /// Whether the text is an error (stderr) or the help asked for (stdout).
        stderr: bool,
    },
    /// The sources do not give a valid configuration: every problem, secrets masked.
    Config(LoadError),
}

/// What `--help` says above the flags (field paths: `--api-port`, `--s3-bucket-name`), each
/// of which names its environment variable and default.
pub const ABOUT: &str = "Starts the Cadence API. Each setting comes from its flag, else the environment, else ./cadence.toml, else its default.";

/// Loads Cadence's settings from `args` (the program name first), the sources `loader` already
/// has (the process environment for [`CadenceSettings::loader`]) and the TOML file `toml` when
/// it exists.
pub fn load<I, A>(loader: Loader<CadenceSettings>, args: I, toml: &Path) -> Result<Loaded<CadenceSettings>, Stop>
where
    I: IntoIterator<Item = A>,
    A: Into<OsString> + Clone,
{
    let command = envspec::flags::command::<CadenceSettings>().about(ABOUT);
    let matches = command.try_get_matches_from(args).map_err(|e| Stop::Cli {
        text: e.render().to_string(),
        code: e.exit_code(),
        stderr: e.use_stderr(),
    })?;
    loader.toml_file_if_exists(toml).arg_matches(&matches).load().map_err(Stop::Config)
}

/// [`load`], then the report: on success the profile and one line per variable (its state
/// and where its value came from, never the value) on `out` and any warning on `err`, exit
/// status 0; every problem on `err` and 1 when the configuration is invalid; clap's help (0)
/// or usage error (2) otherwise.
pub fn run<I, A>(loader: Loader<CadenceSettings>, args: I, toml: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = A>,
    A: Into<OsString> + Clone,
{
    match load(loader, args, toml) {
        Ok(loaded) => {
            let profile = loaded.profile().unwrap_or("none");
            let _ = writeln!(out, "Cadence settings loaded (profile: {profile}).");
            let status = loaded.status();
            for p in loaded.provenance() {
                let state = status.get(&p.variable).map(|l| l.state.to_string()).unwrap_or_default();
                let secret = if p.secret { "  (secret)" } else { "" };
                let _ = writeln!(out, "  {state:<9}  {p}{secret}");
            }
            for w in loaded.warnings() {
                let _ = writeln!(err, "warning: {w}");
            }
            0
        }
        Err(Stop::Config(e)) => {
            // Every problem, then the warnings of the same load.
            let _ = writeln!(err, "{e}");
            1
        }
        Err(Stop::Cli { text, code, stderr }) => {
            let _ = if stderr { write!(err, "{text}") } else { write!(out, "{text}") };
            u8::try_from(code).unwrap_or(2)
        }
    }
}

/// The process's own start: its arguments and environment, and `./cadence.toml`.
pub fn main() -> std::process::ExitCode {
    let code = run(
        CadenceSettings::loader(),
        std::env::args_os(),
        Path::new(CONFIG_FILE),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    std::process::ExitCode::from(code)
}
