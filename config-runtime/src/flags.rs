//! Command-line flags from the same declaration (feature `clap`).
//!
//! Every variable is a flag named after its field path, flattened structs left out:
//! `port` is `--port`, `db.pool.max` is `--db-pool-max`. `--help` shows each flag's
//! variable, default, valid values and description, from the resolved model. A flag wins over
//! every other source; its value goes through the same parser and rules as the environment's,
//! and provenance says `flag --port`.
//!
//! A secret is not a flag (a flag is visible in the process list) unless its field says
//! `#[env(flag)]`; its `_FILE` form is (`--token-file PATH`). A secret flag takes its value
//! whatever it starts with, so clap never echoes part of it as an unknown flag. A variable that
//! is not the operator's (`internal`, `reserved`, `set_by`, `test_only`) is no flag.
//!
//! ```
//! # use envspec::EnvConfig;
//! #[derive(EnvConfig)]
//! #[env(prefix = "APP_")]
//! struct App {
//!     /// Port to listen on.
//!     #[env(default = 8080)]
//!     port: u16,
//! }
//!
//! let app = App::loader().empty_env().args(["app", "--port", "9090"]).unwrap().load().unwrap();
//! assert_eq!(app.port, 9090);
//! ```
//!
//! With clap's derive, [`Flags<T>`] is an `Args` to flatten into your own command.

use crate::desc::Who;
use crate::loader::EnvConfig;
use crate::model::{DefaultOf, ReadAs, Var};
use clap::{Arg, ArgAction, ArgMatches, Command};
use envspec_schema::TypeKind;
use std::ffi::OsString;
use std::marker::PhantomData;

/// One value given on the command line: the variable name it sets, the value, the flag.
#[derive(Clone)]
pub(crate) struct Given {
    pub(crate) name: String,
    pub(crate) value: OsString,
    pub(crate) flag: String,
}

/// Which names of a variable are flags: its own, unless it is a secret that does not opt in,
/// and its `_FILE` when it has one. A variable that is not the operator's (internal, reserved,
/// set by a platform, for tests) is offered as no flag, as it is in no manifest.
fn flag_names(var: &Var) -> Vec<(ReadAs, String)> {
    if var.field.role != Who::Operator {
        return Vec::new();
    }
    let base = var.key.replace(['.', '_'], "-");
    let mut out = Vec::new();
    if !var.secret || var.field.flag {
        out.push((ReadAs::Name, base.clone()));
    }
    if var.file.is_some() {
        out.push((ReadAs::File, format!("{base}-file")));
    }
    out
}

/// The flags of `T`, to add to a command of your own.
pub fn args<T: EnvConfig>() -> Vec<Arg> {
    let model = T::__model();
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for var in &model.vars {
        for (read_as, long) in flag_names(var) {
            // Two fields spelled alike (`a_b` and `a.b`) would share a flag: the first has it.
            if seen.contains(&long) {
                continue;
            }
            seen.push(long.clone());
            out.push(arg(var, read_as, long));
        }
    }
    out
}

/// A command named after `T` with its flags and `--help`; add `.version(...)`, an `about`
/// or arguments of your own to it.
pub fn command<T: EnvConfig>() -> Command {
    Command::new(T::DESC.name).args(args::<T>())
}

fn arg(var: &Var, read_as: ReadAs, long: String) -> Arg {
    let name = var.name_as(read_as).to_owned();
    let mut help = summary(var.field.doc);
    let mut facts = vec![format!("env: {name}")];
    if read_as == ReadAs::File {
        help = format!("File holding the value of {}", var.name);
    } else {
        if let (DefaultOf::Literal(d), false) = (&var.default, var.secret) {
            // A default URL's password is no more shown here than anywhere else.
            facts.push(format!("default: {}", crate::mask::mask_url_credentials(d)));
        }
        if let Some(values) = var.value_type.enum_values() {
            let names: Vec<&str> = values.iter().map(|v| v.name.as_str()).collect();
            facts.push(format!("possible values: {}", names.join(", ")));
        }
    }
    let help =
        if help.is_empty() { format!("[{}]", facts.join("] [")) } else { format!("{help} [{}]", facts.join("] [")) };
    let value_name = if read_as == ReadAs::File { "PATH".to_owned() } else { value_name(&var.value_type.kind) };
    let arg = Arg::new(name).long(long).help(help).value_name(value_name).action(ArgAction::Set).num_args(1);
    match (&var.value_type.kind, read_as) {
        // `--debug` alone is true; `--debug=false` says otherwise.
        (TypeKind::Boolean { .. }, ReadAs::Name) => {
            arg.num_args(0..=1).require_equals(true).default_missing_value("true")
        }
        // A secret's value is taken whatever it starts with: clap would otherwise read
        // `--token -x…` as an unknown flag and print it.
        (_, ReadAs::Name) if var.secret => arg.allow_hyphen_values(true),
        // `--offset -5` is a number, for the field's own range to judge.
        (TypeKind::Integer { .. } | TypeKind::Float { .. }, _) => arg.allow_negative_numbers(true),
        _ => arg,
    }
}

fn value_name(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Boolean { .. } => "BOOL",
        TypeKind::Integer { .. } | TypeKind::Float { .. } => "NUMBER",
        TypeKind::Duration { .. } => "DURATION",
        TypeKind::Path => "PATH",
        TypeKind::Url => "URL",
        TypeKind::Enum { .. } => "VALUE",
        TypeKind::List { .. } => "LIST",
        _ => "TEXT",
    }
    .to_owned()
}

/// The first paragraph of a doc comment, on one line.
fn summary(doc: &str) -> String {
    let lines: Vec<&str> = doc.trim().lines().map(str::trim).take_while(|l| !l.is_empty()).collect();
    lines.join(" ")
}

/// The values `matches` holds for `T`'s flags (those given on the command line only).
pub(crate) fn given<T: EnvConfig>(matches: &ArgMatches) -> Vec<Given> {
    let model = T::__model();
    let mut out = Vec::new();
    for var in &model.vars {
        for (read_as, long) in flag_names(var) {
            let id = var.name_as(read_as);
            let from_command_line = matches.try_contains_id(id).is_ok_and(|present| {
                present && matches.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
            });
            if !from_command_line {
                continue;
            }
            if let Some(value) = matches.get_raw(id).and_then(|mut v| v.next_back()) {
                out.push(Given { name: id.to_owned(), value: value.to_owned(), flag: format!("--{long}") });
            }
        }
    }
    out
}

/// `T`'s flags as a clap `Args`, to flatten into a command derived with clap:
///
/// ```
/// # use envspec::{EnvConfig, Flags};
/// # use clap::Parser;
/// # #[derive(EnvConfig)] struct App { #[env(default = 8080)] port: u16 }
/// #[derive(Parser)]
/// struct Cli {
///     #[arg(long)]
///     verbose: bool,
///     #[command(flatten)]
///     config: Flags<App>,
/// }
///
/// let cli = Cli::parse_from(["app", "--verbose", "--port", "1"]);
/// let app = App::loader().empty_env().flags(&cli.config).load().unwrap();
/// assert_eq!(app.port, 1);
/// ```
pub struct Flags<T> {
    pub(crate) given: Vec<Given>,
    _config: PhantomData<fn() -> T>,
}

impl<T> Clone for Flags<T> {
    fn clone(&self) -> Self {
        Flags { given: self.given.clone(), _config: PhantomData }
    }
}

impl<T> std::fmt::Debug for Flags<T> {
    /// The flags given, never their values (a secret may opt in to being one).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let flags: Vec<&str> = self.given.iter().map(|g| g.flag.as_str()).collect();
        f.debug_struct("Flags").field("given", &flags).finish()
    }
}

impl<T: EnvConfig> clap::FromArgMatches for Flags<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(Flags { given: given::<T>(matches), _config: PhantomData })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl<T: EnvConfig> clap::Args for Flags<T> {
    fn augment_args(cmd: Command) -> Command {
        cmd.args(args::<T>())
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        cmd.args(args::<T>())
    }
}
