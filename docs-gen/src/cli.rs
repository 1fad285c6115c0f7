//! The `docs-gen` command: regenerate or check the documents of registered configurations,
//! validate a deployment file against one (`.env`, `.toml`, a Kubernetes manifest or a
//! Compose file), and scan sources for undeclared environment reads.
//!
//! A workspace registers its configurations once, in a small binary of a package of its own
//! (so that neither this crate nor the command line reaches the service's build):
//!
//! ```no_run
//! # use envspec::EnvConfig;
//! # #[derive(EnvConfig)] struct Settings { #[env(default = 1)] workers: u16 }
//! fn main() -> std::process::ExitCode {
//!     let registry = envspec_docs::cli::Registry::new(env!("CARGO_MANIFEST_DIR"))
//!         .config::<Settings>("myapp", "docs/config");
//!     envspec_docs::cli::main(&registry)
//! }
//! ```
//!
//! [`Registry`], [`Target`] and [`validate_target`] are always available; [`main`] and
//! [`run`], the command line itself (parsed with `clap`), need the `cli` feature, and the
//! `scan` subcommand the `scan` feature.
//!
//! Exit status: 0 when everything is fresh or valid, 1 for findings (a stale or missing
//! document, a file that does not validate, an undeclared environment read, a file that
//! cannot be read), 2 for usage errors.

// Without the command line, the registry is only built (a workspace's docs tool may share
// one between a binary and its tests); what reads it back is the command.
#![cfg_attr(not(feature = "cli"), allow(dead_code))]

#[cfg(feature = "cli")]
mod command;
#[cfg(feature = "cli")]
pub use command::{main, run};

use crate::RenderOptions;
use envspec::schema::Role;
use envspec::{ConfigSchema, EnvConfig, Escaped};
use std::path::{Path, PathBuf};

type Validate = fn(&Target<'_>) -> Result<Vec<String>, String>;

/// One registered configuration.
#[derive(Clone)]
pub struct Entry {
    name: String,
    schema: fn() -> ConfigSchema,
    validate: Validate,
    out_dir: PathBuf,
}

/// The configurations of a workspace, where their documents go, hand-written pages with
/// injection markers, and environment reads the scan accepts without a declaration.
#[derive(Clone)]
pub struct Registry {
    root: PathBuf,
    entries: Vec<Entry>,
    pages: Vec<PathBuf>,
    allowed: Vec<(String, String)>,
    command: String,
}

impl Registry {
    /// A registry whose relative paths are taken from `root` (usually the workspace root).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Registry {
            root: root.into(),
            entries: Vec::new(),
            pages: Vec::new(),
            allowed: Vec::new(),
            command: "cargo run -p docs-gen".into(),
        }
    }

    /// Registers `T` as `name`; its documents are written to `out_dir`.
    pub fn config<T: EnvConfig>(mut self, name: &str, out_dir: impl Into<PathBuf>) -> Self {
        self.entries.push(Entry {
            name: name.to_string(),
            schema: T::schema,
            validate: validate_file::<T>,
            out_dir: out_dir.into(),
        });
        self
    }

    /// A hand-written markdown page whose `<!-- envconfig:begin NAME -->` regions are
    /// refreshed: `NAME` is a registered config (its tables), or `NAME:checklist`.
    pub fn page(mut self, path: impl Into<PathBuf>) -> Self {
        self.pages.push(path.into());
        self
    }

    /// An environment variable the scan accepts although no configuration declares it.
    pub fn allow(mut self, variable: &str, reason: &str) -> Self {
        self.allowed.push((variable.to_string(), reason.to_string()));
        self
    }

    /// The command printed in generated headers and stale-file messages.
    pub fn command(mut self, command: &str) -> Self {
        self.command = command.to_string();
        self
    }

    fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    fn names(&self) -> Vec<String> {
        self.entries.iter().map(|e| e.name.clone()).collect()
    }

    fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() { path.to_path_buf() } else { self.root.join(path) }
    }

    /// The options a registered configuration renders with: those of its schema alone, so
    /// the documents are the ones `#[env(docs = "...")]` checks (the name registered here is
    /// the command line's handle and the `--out` subdirectory, never in a document).
    fn options(&self, schema: &ConfigSchema) -> RenderOptions {
        RenderOptions::for_schema(schema)
    }
}

/// What `validate` checks: an env file, a Kubernetes manifest or a Compose file.
#[non_exhaustive]
pub struct Target<'a> {
    /// The file.
    pub path: &'a Path,
    /// The profile whose rules apply (`None`: the one the file selects).
    pub profile: Option<&'a str>,
    /// The Compose service, when the file is a Compose file with several.
    pub service: Option<&'a str>,
    /// The component (process) the file deploys, when the configuration declares components.
    pub component: Option<&'a str>,
}

impl<'a> Target<'a> {
    /// The file at `path`, in the profile it selects, for no particular component.
    pub fn new(path: &'a Path) -> Self {
        Target { path, profile: None, service: None, component: None }
    }

    /// Applies `profile`'s rules whatever the file selects.
    pub fn profile(mut self, profile: Option<&'a str>) -> Self {
        self.profile = profile;
        self
    }

    /// Reads this Compose service.
    pub fn service(mut self, service: Option<&'a str>) -> Self {
        self.service = service;
        self
    }

    /// Loads as this component.
    pub fn component(mut self, component: Option<&'a str>) -> Self {
        self.component = component;
        self
    }
}

/// Loads what `target` deploys, alone (not the process environment), with the loader the
/// service uses; the warnings, or the report of every problem.
pub fn validate_target<T: EnvConfig>(target: &Target<'_>) -> Result<Vec<String>, String> {
    let path = target.path;
    let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    let toml = path.extension().is_some_and(|e| e == "toml");
    let mut loader = T::loader().env_map(std::iter::empty::<(String, String)>());
    let mut notes = Vec::new();
    if yaml {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", shown_path(path)))?;
        let deployed =
            crate::deployed::read(path, &text, target.service).map_err(|e| format!("{}: {e}", shown_path(path)))?;
        for file in &deployed.env_files {
            loader = loader.dotenv(file);
        }
        notes = not_operators(&T::schema(), &deployed.pairs);
        loader = loader.env_map(deployed.pairs);
    } else if toml {
        loader = toml_file(loader, path)?;
    } else {
        loader = loader.dotenv(path);
    }
    if let Some(p) = target.profile {
        loader = loader.profile(p);
    }
    if let Some(c) = target.component {
        loader = loader.component(c);
    }
    match loader.load() {
        Ok(loaded) => Ok(loaded.warnings().iter().map(|w| w.to_string()).chain(notes).collect()),
        Err(e) => Err(e.to_string()),
    }
}

/// A manifest is the operator's: one that sets a variable the program, a platform or tests
/// set is a warning (a reserved one the loader reports itself).
fn not_operators(schema: &ConfigSchema, pairs: &[(String, String)]) -> Vec<String> {
    let set: std::collections::HashSet<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    schema
        .variables
        .iter()
        .filter(|v| v.role != Role::Reserved && set.contains(v.name.as_str()))
        .filter_map(|v| v.role.why_not_set().map(|why| format!("{} {why}", v.name)))
        .collect()
}

/// A configuration file (`config.example.toml` filled in): keys by field path.
#[cfg(feature = "toml")]
fn toml_file<T: EnvConfig>(loader: envspec::Loader<T>, path: &Path) -> Result<envspec::Loader<T>, String> {
    Ok(loader.toml_file(path))
}

#[cfg(not(feature = "toml"))]
fn toml_file<T: EnvConfig>(_: envspec::Loader<T>, path: &Path) -> Result<envspec::Loader<T>, String> {
    Err(format!("{}: reading a TOML file needs envspec-docs's `toml` feature", shown_path(path)))
}

fn validate_file<T: EnvConfig>(target: &Target<'_>) -> Result<Vec<String>, String> {
    validate_target::<T>(target)
}

/// A path as a report line may show it: escaped, so no name can add a line.
fn shown_path(path: &Path) -> String {
    Escaped(&path.to_string_lossy()).to_string()
}
