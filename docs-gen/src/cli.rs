//! The `docs-gen` command: regenerate or check the documents of registered configurations,
//! validate an env file against one, and scan sources for undeclared environment reads.
//!
//! A workspace registers its configurations once, in a small binary:
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

use crate::{Format, RenderOptions, drift, inject, region_content, scan};
use envspec::schema::Role;
use envspec::{ConfigSchema, EnvConfig, Escaped};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

type Validate = fn(&Path, Option<&str>, Option<&str>) -> Result<Vec<String>, String>;

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

    fn options(&self, entry: &Entry) -> RenderOptions {
        RenderOptions { slug: entry.name.clone(), profile: "production".to_owned() }
    }
}

/// What `validate` checks: an env file, a Kubernetes manifest or a Compose file.
pub struct Target<'a> {
    /// The file.
    pub path: &'a Path,
    /// The profile whose rules apply (`None`: the one the file selects).
    pub profile: Option<&'a str>,
    /// The Compose service, when the file is a Compose file with several.
    pub service: Option<&'a str>,
}

/// Loads what `target` deploys, alone (not the process environment), with the loader the
/// service uses; the warnings, or the report of every problem.
pub fn validate_target<T: EnvConfig>(target: &Target<'_>) -> Result<Vec<String>, String> {
    let path = target.path;
    let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
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
    } else {
        loader = loader.dotenv(path);
    }
    if let Some(p) = target.profile {
        loader = loader.profile(p);
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

fn validate_file<T: EnvConfig>(
    path: &Path,
    profile: Option<&str>,
    service: Option<&str>,
) -> Result<Vec<String>, String> {
    validate_target::<T>(&Target { path, profile, service })
}

const USAGE: &str = "\
usage:
  docs-gen [--check] [--out DIR] [--format md,env,json,k8s] [--config NAME]... [--profile P]
      regenerate every registered document (with --check: write nothing, fail with a diff
      when one is stale); manifests are rendered for --profile (default: production)
  docs-gen validate <config> <file> [--profile PROFILE] [--service NAME]
      check what a deployment hands the service, without starting anything: a .env file, a
      Kubernetes manifest (ConfigMap data, Secret stringData and data) or a Compose file
      (a service's env_file and environment)
  docs-gen scan [PATH]... [--check]
      list environment reads in Rust sources that no registered configuration declares
  docs-gen list
      list the registered configurations
";

/// Runs the command with the process's arguments and exits with its status.
pub fn main(registry: &Registry) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = run(registry, args, &mut stdout.lock(), &mut stderr.lock());
    ExitCode::from(code)
}

/// Runs the command with `args` (without the program name), writing to `out` and `err`.
/// Returns the exit status: 0 success, 1 stale documents or invalid input, 2 usage errors.
pub fn run(registry: &Registry, args: Vec<String>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = match args.first().map(String::as_str) {
        Some("validate") => validate(registry, &args[1..], out),
        Some("scan") => scan_cmd(registry, &args[1..], out),
        Some("list") => {
            for e in &registry.entries {
                let _ = writeln!(out, "{}\t{}\t{}", e.name, (e.schema)().name, e.out_dir.display());
            }
            Ok(0)
        }
        Some("help" | "--help" | "-h") => {
            let _ = write!(out, "{USAGE}");
            Ok(0)
        }
        Some("generate") => generate(registry, &args[1..], out),
        _ => generate(registry, &args, out),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            let _ = writeln!(err, "error: {message}\n\n{USAGE}");
            2
        }
        Err(Failure::Io(message)) => {
            let _ = writeln!(err, "error: {message}");
            1
        }
    }
}

enum Failure {
    Usage(String),
    Io(String),
}

fn usage(message: impl Into<String>) -> Failure {
    Failure::Usage(message.into())
}

fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str, Failure> {
    *i += 1;
    args.get(*i).map(String::as_str).ok_or_else(|| usage(format!("{flag} needs a value")))
}

fn generate(registry: &Registry, args: &[String], out: &mut dyn Write) -> Result<u8, Failure> {
    let mut check = false;
    let mut out_dir: Option<PathBuf> = None;
    let mut formats: Vec<Format> = Format::ALL.to_vec();
    let mut only: Vec<String> = Vec::new();
    let mut profile: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--check" => check = true,
            "--profile" => profile = Some(value(args, &mut i, "--profile")?.to_string()),
            "--out" => out_dir = Some(PathBuf::from(value(args, &mut i, "--out")?)),
            "--format" => {
                formats = value(args, &mut i, "--format")?
                    .split(',')
                    .map(|f| {
                        Format::from_name(f.trim())
                            .ok_or_else(|| usage(format!("unknown format `{f}` (md, env, json, k8s)")))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--config" => {
                let name = value(args, &mut i, "--config")?;
                if registry.entry(name).is_none() {
                    return Err(usage(format!(
                        "no configuration named `{name}`; known: {}",
                        registry.names().join(", ")
                    )));
                }
                only.push(name.to_string());
            }
            other => return Err(usage(format!("unexpected argument `{other}`"))),
        }
        i += 1;
    }
    // (path shown to the user, absolute path, expected content)
    let mut files: Vec<(String, PathBuf, String)> = Vec::new();
    for entry in &registry.entries {
        if !only.is_empty() && !only.contains(&entry.name) {
            continue;
        }
        let schema = (entry.schema)();
        let mut opts = registry.options(entry);
        if let Some(p) = &profile {
            opts = opts.with_profile(p.clone());
        }
        let dir = match &out_dir {
            Some(d) => d.join(&entry.name),
            None => entry.out_dir.clone(),
        };
        for &format in &formats {
            let rel = dir.join(format.file_name());
            let text = crate::render(&schema, format, &opts);
            files.push((rel.display().to_string(), registry.resolve(&rel), text));
        }
    }
    if out_dir.is_none() && only.is_empty() {
        for page in &registry.pages {
            let path = registry.resolve(page);
            let src = std::fs::read_to_string(&path).map_err(|e| Failure::Io(format!("{}: {e}", page.display())))?;
            let text = inject::inject(
                &src,
                |name| {
                    let config = name.split(':').next().unwrap_or(name);
                    registry.entry(config).map(|e| region_content(&(e.schema)(), name))
                },
                &registry.names(),
            )
            .map_err(|e| Failure::Io(format!("{}: {e}", page.display())))?;
            files.push((page.display().to_string(), path, text));
        }
    }
    let mut stale = 0;
    for (shown, path, expected) in &files {
        let committed = std::fs::read_to_string(path).ok();
        if committed.as_deref() == Some(expected.as_str()) {
            continue;
        }
        stale += 1;
        if check {
            match &committed {
                Some(c) => {
                    let _ = write!(out, "{}", drift::unified_diff(c, expected, shown));
                }
                None => {
                    let _ = writeln!(out, "{shown}: missing");
                }
            }
        } else {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Failure::Io(format!("{}: {e}", parent.display())))?;
            }
            std::fs::write(path, expected).map_err(|e| Failure::Io(format!("{shown}: {e}")))?;
            let _ = writeln!(out, "wrote {shown}");
        }
    }
    if check && stale > 0 {
        let _ = writeln!(
            out,
            "\n{stale} of {} generated files are stale: the declarations changed and the documents were not regenerated.\nFix: {}",
            files.len(),
            registry.command
        );
        return Ok(1);
    }
    let _ =
        writeln!(out, "{} generated files {}", files.len(), if stale == 0 { "are fresh" } else { "written or fresh" });
    Ok(0)
}

fn validate(registry: &Registry, args: &[String], out: &mut dyn Write) -> Result<u8, Failure> {
    let mut positional = Vec::new();
    let mut profile = None;
    let mut service = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--profile" => profile = Some(value(args, &mut i, "--profile")?.to_string()),
            "--service" => service = Some(value(args, &mut i, "--service")?.to_string()),
            s if s.starts_with("--") => return Err(usage(format!("unexpected flag `{s}`"))),
            s => positional.push(s.to_string()),
        }
        i += 1;
    }
    let [config, file] = positional.as_slice() else {
        return Err(usage("validate needs <config> and <env-file>"));
    };
    let entry = registry
        .entry(config)
        .ok_or_else(|| usage(format!("no configuration named `{config}`; known: {}", registry.names().join(", "))))?;
    let shown = profile.as_deref().map(|p| format!(" in the {p} profile")).unwrap_or_default();
    match (entry.validate)(Path::new(file), profile.as_deref(), service.as_deref()) {
        Ok(warnings) => {
            let _ = writeln!(out, "{}: valid for {config}{shown}", Escaped(file));
            for w in warnings {
                let _ = writeln!(out, "  warning: {w}");
            }
            Ok(0)
        }
        Err(report) => {
            let _ = writeln!(out, "{}: not valid for {config}{shown}\n{report}", Escaped(file));
            Ok(1)
        }
    }
}

/// Names Cargo sets for crates and build scripts; never part of a service's settings.
fn is_build_variable(name: &str) -> bool {
    name.starts_with("CARGO_")
        || name.starts_with("DEP_")
        || matches!(
            name,
            "CARGO" | "OUT_DIR" | "TARGET" | "HOST" | "PROFILE" | "OPT_LEVEL" | "DEBUG" | "NUM_JOBS" | "RUSTC"
        )
}

fn scan_cmd(registry: &Registry, args: &[String], out: &mut dyn Write) -> Result<u8, Failure> {
    let mut check = false;
    let mut paths = Vec::new();
    for a in args {
        match a.as_str() {
            "--check" => check = true,
            s if s.starts_with("--") => return Err(usage(format!("unexpected flag `{s}`"))),
            s => paths.push(PathBuf::from(s)),
        }
    }
    if paths.is_empty() {
        paths.push(registry.root.clone());
    }
    let mut declared: BTreeSet<String> = registry.allowed.iter().map(|(n, _)| n.clone()).collect();
    for e in &registry.entries {
        let schema = (e.schema)();
        for v in &schema.variables {
            declared.insert(v.name.clone());
            declared.extend(v.aliases.iter().cloned());
            declared.extend(v.file_variable.iter().cloned());
            declared.extend(v.fallback.iter().cloned());
        }
        declared.extend(schema.profile.iter().map(|p| p.variable.clone()));
    }
    let mut undeclared = 0;
    let mut total = 0;
    let mut unscanned = 0;
    for path in &paths {
        let (reads, errors) = scan::scan(path);
        for e in errors {
            unscanned += 1;
            let _ = writeln!(out, "{}: cannot scan: {}", shown_path(&e.file), Escaped(&e.message));
        }
        for r in reads {
            total += 1;
            if declared.contains(&r.name) || is_build_variable(&r.name) {
                continue;
            }
            undeclared += 1;
            let file = r.file.strip_prefix(&registry.root).unwrap_or(&r.file);
            let _ = writeln!(
                out,
                "{}:{}: {} reads {} but no configuration declares it",
                shown_path(file),
                r.line,
                r.via,
                Escaped(&r.name)
            );
        }
    }
    let _ = write!(out, "{total} environment reads found, {undeclared} undeclared");
    if unscanned > 0 {
        let _ = write!(out, ", {unscanned} files could not be scanned");
    }
    let _ = writeln!(out);
    // A file that cannot be scanned may hide a read: `--check` fails on it too.
    Ok(if check && (undeclared > 0 || unscanned > 0) { 1 } else { 0 })
}

/// A path as a report line may show it: escaped, so no name can add a line.
fn shown_path(path: &Path) -> String {
    Escaped(&path.to_string_lossy()).to_string()
}
