//! Building a load: which sources, in which order, and with which checks.

use crate::ctx::Ctx;
use crate::desc::{DefaultDesc, StructDesc};
use crate::error::{LoadError, Problem, Warning};
use crate::loaded::Loaded;
use crate::source::{Origin, Snapshot, search_upwards};
use crate::{EnvConfig, suggest};
use std::borrow::Cow;
use std::collections::HashSet;
use std::ffi::OsString;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

/// One `.env` source.
#[derive(Debug, Clone)]
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

/// Settings that a load and any later overlay of it share.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    pub(crate) profile: Option<String>,
    pub(crate) strict: bool,
    pub(crate) home: Option<PathBuf>,
}

/// Configures and runs a load. Get one from `T::loader()`.
///
/// By default the process environment is the only source. `.env` files are added in order,
/// later files overriding earlier ones; the process environment (or an in-memory map that
/// replaces it) wins over every file unless [`files_override_env`](Self::files_override_env)
/// is set.
#[derive(Debug, Clone)]
#[must_use = "a loader does nothing until `load` is called"]
pub struct Loader<T> {
    process_env: bool,
    memory: Vec<(String, OsString)>,
    files: Vec<DotEnv>,
    files_override: bool,
    settings: Settings,
    _config: PhantomData<fn() -> T>,
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
        let mut env = if self.process_env { process_env::<T>() } else { Snapshot::default() };
        env.layer(Snapshot::from_pairs(self.memory.iter().cloned(), Origin::Memory));
        let mut files = Snapshot::default();
        for spec in &self.files {
            for path in self.paths_of(spec, &env, &files) {
                match Snapshot::from_dotenv(&path) {
                    Ok(layer) => files.layer(layer),
                    Err(p) => problems.push(p),
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
        run(snapshot, &self.settings, problems)
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
                    if let Ok(layer) = Snapshot::from_dotenv(p) {
                        seen.layer(layer);
                    }
                }
                seen.layer(env.clone());
                if let Some(profile) = self.settings.profile.clone().or_else(|| profile_of::<T>(&seen)) {
                    base.push(dir.join(format!(".env.{profile}")));
                    base.push(dir.join(format!(".env.{profile}.local")));
                }
                base.retain(|p| p.is_file());
                base
            }
        }
    }
}

/// The process environment as far as a load of `T` can use it: variables with the root prefix
/// (read, or reported as unknown), the declared names outside it, and `HOME`.
fn process_env<T: EnvConfig>() -> Snapshot {
    let prefix = T::DESC.prefix.as_bytes();
    let mut outside = vec![Cow::Borrowed("HOME")];
    let declared = names_outside(T::DESC, &mut outside);
    if prefix.is_empty() {
        return Snapshot::from_process(declared, |_| true);
    }
    Snapshot::from_process(declared, |name| name.starts_with(prefix) || outside.iter().any(|o| o.as_bytes() == name))
}

/// The names a load may read that carry no prefix: `no_prefix` fields (with their aliases and
/// `_FILE` variables) and fallbacks. Returns how many variables are declared in all.
fn names_outside(desc: &'static StructDesc, out: &mut Vec<Cow<'static, str>>) -> usize {
    let mut declared = 0;
    for fd in desc.fields {
        if let Some(nested) = fd.nested {
            declared += names_outside((nested.desc)(), out);
            continue;
        }
        declared += 1;
        out.extend(fd.fallback.iter().map(|f| Cow::Borrowed(*f)));
        if fd.no_prefix {
            out.push(Cow::Borrowed(fd.name));
            out.extend(fd.aliases.iter().map(|a| Cow::Borrowed(*a)));
            if fd.file_var.unwrap_or(fd.secret) {
                out.push(Cow::Owned(format!("{}_FILE", fd.name)));
            }
        }
    }
    declared
}

/// The profile named by the root struct's profile variable (or its fallbacks), or its literal
/// default.
fn profile_of<T: EnvConfig>(snapshot: &Snapshot) -> Option<String> {
    let desc = T::DESC;
    let fd = &desc.fields[desc.profile_field()?];
    let name = if fd.no_prefix { fd.name.to_owned() } else { format!("{}{}", desc.prefix, fd.name) };
    let read = |n: &str| {
        snapshot.get(n).and_then(|e| e.value.as_ref().ok()).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    };
    let raw = read(&name).or_else(|| fd.fallback.iter().find_map(|f| read(f)));
    let default = match fd.default {
        DefaultDesc::Literal(s) => Some(s.to_owned()),
        _ => None,
    };
    raw.or(default).map(|p| p.to_ascii_lowercase())
}

/// Runs a load over a ready snapshot; shared by [`Loader::load`] and overlays.
pub(crate) fn run<T: EnvConfig>(
    snapshot: Snapshot,
    settings: &Settings,
    mut problems: Vec<Problem>,
) -> Result<Loaded<T>, LoadError> {
    let profile = settings.profile.clone().or_else(|| profile_of::<T>(&snapshot));
    let home = settings.home.clone().or_else(|| {
        snapshot
            .get("HOME")
            .and_then(|e| e.value.as_ref().ok())
            .map(|h| PathBuf::from(h.as_str()))
            .or_else(std::env::home_dir)
    });
    let mut ctx = Ctx::new(&snapshot, T::DESC, profile.clone(), home);
    let config = T::__build(&mut ctx);
    problems.append(&mut ctx.problems);
    let mut warnings = std::mem::take(&mut ctx.warnings);
    let reads = std::mem::take(&mut ctx.reads);
    drop(ctx);
    for (variable, suggestion) in unknown_variables::<T>(&snapshot) {
        if settings.strict {
            problems.push(Problem::Unknown { variable, suggestion });
        } else {
            warnings.push(Warning::Unknown { variable, suggestion });
        }
    }
    match config {
        Some(config) if problems.is_empty() => Ok(Loaded {
            config,
            warnings,
            reads,
            provenance: std::sync::OnceLock::new(),
            profile,
            snapshot,
            settings: settings.clone(),
        }),
        _ => Err(LoadError { problems, warnings }),
    }
}

/// Set variables with the root prefix that no field declares, sorted, each with the closest
/// declared name.
fn unknown_variables<T: EnvConfig>(snapshot: &Snapshot) -> Vec<(String, Option<String>)> {
    let prefix = T::DESC.prefix;
    if prefix.is_empty() {
        return Vec::new();
    }
    // Usually every prefixed variable is one the load just looked up by a declared name: the
    // snapshot marks those. Walk the declarations (unselected groups, `read_if` fields not
    // read) only when some prefixed variable is unmarked.
    if snapshot.iter().all(|(n, e)| e.was_read() || !n.starts_with(prefix)) {
        return Vec::new();
    }
    let mut declared = HashSet::new();
    declared_names(T::DESC, prefix, &mut declared);
    let mut unknown: Vec<(String, Option<String>)> = snapshot
        .names()
        .filter(|n| n.starts_with(prefix) && !declared.contains(*n))
        .map(|n| (n.to_owned(), suggest::closest(n, declared.iter().map(String::as_str)).map(str::to_owned)))
        .collect();
    unknown.sort();
    unknown
}

/// Every name a load may read under `desc`: names, aliases, fallbacks and `_FILE` variables.
/// Walks the static tables directly: cheaper than building the schema on every load.
fn declared_names(desc: &'static StructDesc, prefix: &str, out: &mut HashSet<String>) {
    for fd in desc.fields {
        if let Some(nested) = fd.nested {
            let child = (nested.desc)();
            declared_names(child, &format!("{prefix}{}", nested.prefix.unwrap_or(child.prefix)), out);
            continue;
        }
        let with_prefix = |n: &str| if fd.no_prefix { n.to_owned() } else { format!("{prefix}{n}") };
        let name = with_prefix(fd.name);
        if fd.file_var.unwrap_or(fd.secret) {
            out.insert(format!("{name}_FILE"));
        }
        out.insert(name);
        out.extend(fd.aliases.iter().map(|a| with_prefix(a)));
        out.extend(fd.fallback.iter().map(|f| (*f).to_owned()));
    }
}
