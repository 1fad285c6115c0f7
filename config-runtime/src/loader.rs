//! The [`EnvConfig`] trait and building a load: which sources, in which order, and with which
//! checks.

use crate::ctx::Ctx;
use crate::desc::StructDesc;
use crate::error::{LoadError, Problem, Warning};
use crate::loaded::{Loaded, Settings};
use crate::lookup::Sources;
use crate::mask::{Escaped, path};
use crate::model::Model;
use crate::source::{Origin, Snapshot, search_upwards};
use crate::{schema_build, suggest};
use envspec_schema::{ConfigSchema, Severity};
use std::ffi::OsString;
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

/// A configuration struct. Implemented by `#[derive(EnvConfig)]`; see the crate docs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a configuration struct",
    label = "`nested` fields need a type that derives `EnvConfig`",
    note = "add `#[derive(EnvConfig)]` to `{Self}`, or drop `nested`/`flatten` to read it as one value"
)]
pub trait EnvConfig: Sized {
    #[doc(hidden)]
    const DESC: &'static StructDesc;

    /// `Option<Struct>`, nested: all or nothing.
    #[doc(hidden)]
    const OPTIONAL: bool = false;

    #[doc(hidden)]
    fn __build(ctx: &mut Ctx<'_>) -> Option<Self>;

    /// The resolved model of this configuration as a root, built once per type.
    #[doc(hidden)]
    fn __model() -> &'static Model;

    /// The model of this configuration: every variable with its type, default, markers,
    /// rules and conditions. Docs and tools read this; nothing reads the macro's tokens.
    fn schema() -> ConfigSchema {
        schema_build::build(Self::__model())
    }

    /// The mistakes of the declaration that only the whole configuration shows (the derive
    /// sees one struct at a time): a path that names no field, two fields reading one
    /// variable, defaults that refer to each other in a cycle, a non-secret taking a secret's
    /// value. Every load reports them as [`Problem::Declaration`]; tools call this to refuse a
    /// broken declaration without loading.
    fn check_declaration() -> Result<(), LoadError> {
        let problems: Vec<Problem> =
            Self::__model().declaration_problems.iter().map(|m| Problem::Declaration { message: m.clone() }).collect();
        if problems.is_empty() { Ok(()) } else { Err(LoadError::new(problems, Vec::new(), Self::__model())) }
    }

    /// A loader reading the process environment, to which `.env` files and other sources
    /// can be added.
    fn loader() -> Loader<Self> {
        Loader::new()
    }

    /// Loads from the process environment alone. The result derefs to the configuration and
    /// keeps what the load found out: [`Loaded::warnings`] (emitted as `tracing` events too
    /// with the `tracing` feature), provenance and status.
    fn from_env() -> Result<Loaded<Self>, LoadError> {
        Self::loader().load()
    }
}

/// A nested `Option<Struct>` is an optional group: `None` when none of its variables is set
/// (through any of their names or a `_FILE`); when one is, the struct is read and its required
/// variables are required ("all or nothing").
impl<T: EnvConfig> EnvConfig for Option<T> {
    const DESC: &'static StructDesc = T::DESC;
    const OPTIONAL: bool = true;

    fn __build(ctx: &mut Ctx<'_>) -> Option<Self> {
        ctx.optional(T::__build)
    }

    fn __model() -> &'static Model {
        T::__model()
    }
}

/// One `.env` source.
#[derive(Clone)]
enum DotEnv {
    /// A file that must exist.
    Required(PathBuf),
    /// A file read only if it exists.
    Optional(PathBuf),
    /// The first `.env` in a directory or its ancestors.
    Search(PathBuf),
    /// `.env`, `.env.local`, `.env.{profile}` and `.env.{profile}.local` in a directory.
    Stack(PathBuf),
}

/// Configures and runs a load. Get one from `T::loader()`.
///
/// By default the process environment is the only source. `.env` files are added in order,
/// later files overriding earlier ones; the process environment (or an in-memory map that
/// replaces it) wins over every file unless [`files_override_env`](Self::files_override_env)
/// is set.
#[derive(Clone)]
#[must_use = "a loader does nothing until `load` is called"]
pub struct Loader<T> {
    process_env: bool,
    memory: Vec<(String, OsString)>,
    files: Vec<DotEnv>,
    /// TOML files, in order, and whether each must exist.
    #[cfg(feature = "toml")]
    toml_files: Vec<(PathBuf, bool)>,
    /// Values given as command-line flags (feature `clap`).
    #[cfg(feature = "clap")]
    flags: Vec<crate::flags::Given>,
    files_override: bool,
    settings: Settings,
    _config: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Loader<T> {
    /// The sources and settings, with the names of in-memory variables but never their values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let memory: Vec<String> = self.memory.iter().map(|(k, _)| Escaped(k).to_string()).collect();
        let files: Vec<String> = self
            .files
            .iter()
            .map(|d| match d {
                DotEnv::Required(p) => path(p),
                DotEnv::Optional(p) => format!("{} (if it exists)", path(p)),
                DotEnv::Search(p) => format!(".env found from {}", path(p)),
                DotEnv::Stack(p) => format!(".env stack in {}", path(p)),
            })
            .collect();
        f.debug_struct("Loader")
            .field("process_env", &self.process_env)
            .field("memory", &memory)
            .field("files", &files)
            .field("files_override_env", &self.files_override)
            .field("profile", &self.settings.profile)
            .field("strict", &self.settings.strict)
            .finish_non_exhaustive()
    }
}

impl<T: EnvConfig> Default for Loader<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: EnvConfig> Loader<T> {
    /// A loader that reads the process environment only.
    pub fn new() -> Self {
        Loader {
            process_env: true,
            memory: Vec::new(),
            files: Vec::new(),
            #[cfg(feature = "toml")]
            toml_files: Vec::new(),
            #[cfg(feature = "clap")]
            flags: Vec::new(),
            files_override: false,
            settings: Settings::default(),
            _config: PhantomData,
        }
    }

    /// Reads a `.env` file, which must exist.
    pub fn dotenv(mut self, path: impl AsRef<Path>) -> Self {
        self.files.push(DotEnv::Required(path.as_ref().to_path_buf()));
        self
    }

    /// Reads a `.env` file if it exists.
    pub fn dotenv_if_exists(mut self, path: impl AsRef<Path>) -> Self {
        self.files.push(DotEnv::Optional(path.as_ref().to_path_buf()));
        self
    }

    /// Reads the first `.env` found in `dir` or one of its ancestors, if any.
    pub fn dotenv_search(mut self, dir: impl AsRef<Path>) -> Self {
        self.files.push(DotEnv::Search(dir.as_ref().to_path_buf()));
        self
    }

    /// Reads, when present, `.env`, `.env.local`, `.env.{profile}` and `.env.{profile}.local`
    /// from `dir`, in that order. The profile is the forced one, or the profile variable's
    /// value in the environment or in the first two files.
    pub fn dotenv_stack(mut self, dir: impl AsRef<Path>) -> Self {
        self.files.push(DotEnv::Stack(dir.as_ref().to_path_buf()));
        self
    }

    /// Reads a TOML configuration file, which must exist (feature `toml`). Its keys are field
    /// paths, nested structs are tables (`[db] max_connections = 5`), flattened structs add no
    /// table; values go through the same parsers and rules as the environment's. A file is
    /// below every other source: `.env` files and the environment win over it. A key that
    /// names no field is a warning with the closest key (an error with [`strict`](Self::strict)).
    #[cfg(feature = "toml")]
    pub fn toml_file(mut self, path: impl AsRef<Path>) -> Self {
        self.toml_files.push((path.as_ref().to_path_buf(), true));
        self
    }

    /// Reads a TOML configuration file if it exists (feature `toml`); see [`toml_file`](Self::toml_file).
    #[cfg(feature = "toml")]
    pub fn toml_file_if_exists(mut self, path: impl AsRef<Path>) -> Self {
        self.toml_files.push((path.as_ref().to_path_buf(), false));
        self
    }

    /// Parses `args` (the program name first, as `std::env::args_os()` gives them) as `T`'s
    /// flags (feature `clap`, see [`crate::flags`]); a flag wins over every other source. A
    /// `--help`, `--version` or usage error is clap's error: `.unwrap_or_else(|e| e.exit())`
    /// prints it and exits as clap does.
    #[cfg(feature = "clap")]
    pub fn args<I, A>(self, args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = A>,
        A: Into<OsString> + Clone,
    {
        let matches = crate::flags::command::<T>().try_get_matches_from(args)?;
        Ok(self.arg_matches(&matches))
    }

    /// Takes `T`'s flags from matches of a command you built with [`crate::flags::args`]
    /// (feature `clap`).
    #[cfg(feature = "clap")]
    pub fn arg_matches(mut self, matches: &clap::ArgMatches) -> Self {
        self.flags.extend(crate::flags::given::<T>(matches));
        self
    }

    /// Takes the flags parsed into a [`Flags<T>`](crate::Flags) of your clap-derived command
    /// (feature `clap`).
    #[cfg(feature = "clap")]
    pub fn flags(mut self, flags: &crate::Flags<T>) -> Self {
        self.flags.extend(flags.given.iter().cloned());
        self
    }

    /// Lets `.env` files override the process environment.
    pub fn files_override_env(mut self) -> Self {
        self.files_override = true;
        self
    }

    /// Replaces the process environment with these pairs (for tests, or values from
    /// elsewhere). Call it again to add more pairs.
    pub fn env_map<K, V>(mut self, pairs: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<OsString>,
    {
        self.process_env = false;
        self.memory.extend(pairs.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Replaces the process environment with nothing: only `.env` files and other sources
    /// added to the loader are read. (`env_map([])` cannot infer its pair types; this is the
    /// empty map.)
    pub fn empty_env(mut self) -> Self {
        self.process_env = false;
        self
    }

    /// Adds one variable on top of the environment (it wins over the process environment).
    pub fn var(mut self, name: impl Into<String>, value: impl Into<OsString>) -> Self {
        self.memory.push((name.into(), value.into()));
        self
    }

    /// Applies the rules of `profile` whatever the profile variable says: a deploy pipeline
    /// can check a file against `production` before anything starts.
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.settings.profile = Some(profile.into().to_ascii_lowercase());
        self
    }

    /// Loads as one component (process) of the program: the variables it does not read
    /// (`components(...)` names others) are not read, and `required_for` and `default_for`
    /// apply for it. Without a component, every variable is read and neither applies. An
    /// undeclared component is a problem of the load.
    pub fn component(mut self, component: impl Into<String>) -> Self {
        self.settings.component = Some(component.into().to_ascii_lowercase());
        self
    }

    /// Makes a set variable that carries the configuration's prefix but that nothing declares
    /// an error instead of a warning.
    pub fn strict(mut self) -> Self {
        self.settings.strict = true;
        self
    }

    /// The directory `~` expands to (default: `HOME` from the sources, then the OS's).
    pub fn home_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.settings.home = Some(dir.into());
        self
    }

    /// Reads every source, then parses and checks every variable, reporting every problem.
    pub fn load(&self) -> Result<Loaded<T>, LoadError> {
        let mut problems = Vec::new();
        let model = T::__model();
        let mut env = if self.process_env { Snapshot::from_process(model) } else { Snapshot::new(model) };
        env.layer(Snapshot::from_pairs(model, self.memory.iter().cloned(), Origin::Memory));
        let mut files = Snapshot::new(model);
        #[cfg(feature = "toml")]
        let mut warnings = Vec::new();
        #[cfg(feature = "toml")]
        self.read_toml(model, &mut files, &mut problems, &mut warnings);
        for spec in &self.files {
            for path in self.paths_of(spec, &env, &files) {
                match crate::source::read_dotenv(&path) {
                    Ok(layer) => files.extend(layer),
                    Err(p) => problems.push(*p),
                }
            }
        }
        let snapshot = if self.files_override {
            env.layer(files);
            env
        } else {
            files.layer(env);
            files
        };
        #[cfg(not(feature = "toml"))]
        let warnings = Vec::new();
        #[cfg(feature = "clap")]
        let snapshot = {
            let mut snapshot = snapshot;
            for g in &self.flags {
                let value = g.value.clone().into_string().map(crate::source::Value::new);
                snapshot.insert(&g.name, crate::source::Entry::new(value, Origin::Flag { flag: g.flag.clone() }));
            }
            snapshot
        };
        run(snapshot, &self.settings, problems, warnings)
    }

    /// The TOML files, in order, into `layer`; their unknown keys as warnings, or problems when
    /// strict.
    #[cfg(feature = "toml")]
    fn read_toml(
        &self,
        model: &'static Model,
        layer: &mut Snapshot,
        problems: &mut Vec<Problem>,
        warnings: &mut Vec<Warning>,
    ) {
        for (path, required) in &self.toml_files {
            if !required && !path.exists() {
                continue;
            }
            match crate::source::toml::read(path, &|key| model.toml_key(key)) {
                Ok((entries, unknown)) => {
                    layer.extend(entries);
                    for u in unknown {
                        // A table given a value (`db = "…"`): its first key says what it holds.
                        let under = format!("{}.", u.key);
                        let suggestion = match model.toml_key(&u.key) {
                            crate::source::toml::Key::Table => model.toml_keys().find(|k| k.starts_with(&under)),
                            _ => suggest::closest(&u.key, model.toml_keys()),
                        }
                        .map(str::to_owned);
                        let (key, path, line) = (u.key, path.clone(), u.line);
                        if self.settings.strict {
                            problems.push(Problem::UnknownKey { key, path, line, suggestion });
                        } else {
                            warnings.push(Warning::UnknownKey { key, path, line, suggestion });
                        }
                    }
                }
                Err(p) => problems.push(*p),
            }
        }
    }

    fn paths_of(&self, spec: &DotEnv, env: &Snapshot, files: &Snapshot) -> Vec<PathBuf> {
        match spec {
            DotEnv::Required(p) => vec![p.clone()],
            DotEnv::Optional(p) => {
                if p.exists() {
                    vec![p.clone()]
                } else {
                    vec![]
                }
            }
            DotEnv::Search(dir) => search_upwards(dir, ".env").into_iter().collect(),
            DotEnv::Stack(dir) => {
                let mut base: Vec<PathBuf> = [".env", ".env.local"].iter().map(|n| dir.join(n)).collect();
                let mut seen = files.clone();
                for p in &base {
                    if let Ok(layer) = crate::source::read_dotenv(p) {
                        seen.extend(layer);
                    }
                }
                seen.layer(env.clone());
                let selected = || Sources::selected_profile(T::__model(), &seen);
                if let Some(profile) = self.settings.profile.clone().or_else(selected) {
                    base.push(dir.join(format!(".env.{profile}")));
                    base.push(dir.join(format!(".env.{profile}.local")));
                }
                base.retain(|p| p.is_file());
                base
            }
        }
    }
}

/// Runs a load over a ready snapshot; shared by [`Loader::load`] and overlays.
pub(crate) fn run<T: EnvConfig>(
    snapshot: Snapshot,
    settings: &Settings,
    mut problems: Vec<Problem>,
    mut warnings: Vec<Warning>,
) -> Result<Loaded<T>, LoadError> {
    let model = T::__model();
    problems.extend(model.declaration_problems.iter().map(|m| Problem::Declaration { message: m.clone() }));
    let profile = settings.profile.clone().or_else(|| Sources::selected_profile(model, &snapshot));
    // `~` is resolved only for a configuration that can hold a path, so a load without one
    // never asks the system for a home directory. `HOME=` (empty) means none is known.
    let home = settings.home.clone().or_else(|| {
        if !model.reads_paths {
            return None;
        }
        match snapshot.get("HOME") {
            Some(entry) => entry.value.as_ref().ok().filter(|h| !h.is_empty()).map(|h| PathBuf::from(h.as_str())),
            // Deprecated until Rust 1.86 (the MSRV is 1.85), where its Windows behaviour was fixed.
            #[allow(deprecated)]
            None => std::env::home_dir().filter(|h| !h.as_os_str().is_empty()),
        }
    });
    let component = match settings.component.as_deref() {
        Some(c) if !model.components.contains(&c) => {
            let suggestion = suggest::closest(c, model.components.iter().copied()).map(str::to_owned);
            let known = model.components.iter().map(|c| (*c).to_owned()).collect();
            problems.push(Problem::UnknownComponent { component: c.to_owned(), known, suggestion });
            None
        }
        other => other.and_then(|c| model.components.iter().copied().find(|k| *k == c)),
    };
    let mut sources = Sources::new(model, &snapshot, profile.clone());
    sources.component = component;
    let mut ctx = Ctx::new(sources, home);
    let config = T::__build(&mut ctx);
    problems.append(&mut ctx.problems);
    warnings.append(&mut ctx.warnings);
    let records = std::mem::take(&mut ctx.records);
    drop(ctx);
    forbidden_names(model, &snapshot, profile.as_deref(), &mut problems, &mut warnings);
    for (variable, suggestion, claimed, origin) in unknown_variables(model, &snapshot) {
        if settings.strict && claimed {
            problems.push(Problem::Unknown { variable, suggestion, origin });
        } else {
            warnings.push(Warning::Unknown { variable, suggestion, origin });
        }
    }
    #[cfg(feature = "tracing")]
    for w in &warnings {
        // The message is a report's: names escaped, secrets and URL passwords masked.
        tracing::warn!(target: "envconfig", variable = w.variable(), "{w}");
    }
    match config {
        Some(config) if problems.is_empty() => Ok(Loaded {
            config,
            warnings,
            records,
            provenance: std::sync::OnceLock::new(),
            profile,
            snapshot,
            settings: settings.clone(),
            model,
        }),
        _ => Err(LoadError::new(problems, warnings, model)),
    }
}

/// Set variables with the root prefix that nothing declares, sorted, each with the closest
/// declared name.
/// Set variables whose names a `forbid_names` rule forbids in `profile`, in name order; a
/// variable set to the empty string counts as unset, as everywhere.
fn forbidden_names(
    model: &Model,
    snapshot: &Snapshot,
    profile: Option<&str>,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Warning>,
) {
    if model.name_rules.is_empty() {
        return;
    }
    let mut names: Vec<&str> = snapshot
        .names()
        .filter(|n| snapshot.get(n).is_some_and(|e| e.value.as_ref().is_ok_and(|v| !v.is_empty())))
        .collect();
    names.sort_unstable();
    for name in names {
        for rule in &model.name_rules {
            let (Some(severity), Some(pattern)) = (rule.severity_in(profile), rule.matching(name)) else { continue };
            let (variable, pattern, profile) = (name.to_owned(), pattern.to_owned(), profile.map(str::to_owned));
            match severity {
                Severity::Error => problems.push(Problem::ForbiddenName { variable, pattern, profile }),
                Severity::Warning => warnings.push(Warning::ForbiddenName { variable, pattern, profile }),
            }
            break;
        }
    }
}

/// Names set in a source that no field declares: under a claimed prefix, with the closest
/// declared name if there is one (`claimed` true: an error with `strict`); elsewhere, only a
/// near misspelling of a declared name, with it.
fn unknown_variables(model: &Model, snapshot: &Snapshot) -> Vec<Unknown> {
    let mut unknown: Vec<Unknown> = snapshot
        .undeclared()
        .filter_map(|(n, entry)| {
            // The line of the file that set it; the process environment needs no place.
            let origin = Some(entry.origin()).filter(|o| o.is_file()).map(|o| Box::new(o.clone()));
            if model.claims(n) {
                Some((n.to_owned(), suggest::closest(n, model.declared_names()).map(str::to_owned), true, origin))
            } else if model.may_misspell(n) {
                suggest::near(n, model.declared_names(), suggest::typo_limit(n))
                    .map(|s| (n.to_owned(), Some(s.to_owned()), false, origin))
            } else {
                None
            }
        })
        .collect();
    unknown.sort_by(|a, b| a.0.cmp(&b.0));
    unknown
}

/// An undeclared variable: its name, the closest declared name, whether the configuration
/// claims it (its prefix or a claimed one), and the file line that set it.
type Unknown = (String, Option<String>, bool, Option<Box<crate::source::Origin>>);
