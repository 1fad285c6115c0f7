//! The command line of a docs tool, parsed with `clap` (feature `cli`).
//!
//! The parser is built from the derive below, then completed from the [`Registry`]: the
//! registered names become the possible values of `--config` and of `validate <config>`, so
//! a misspelt one gets a suggestion and shell completions offer them.

use super::Registry;
use crate::{Format, drift, inject, region_content};
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::error::ErrorKind;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use envspec::{ConfigSchema, Escaped};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The name the command calls itself in help, errors and completions.
const NAME: &str = "docs-gen";

#[derive(Parser, Debug)]
#[command(
    name = NAME,
    version,
    about = "Regenerate or check the documents of this workspace's configurations, validate what a deployment hands a service, and scan sources for undeclared environment reads.",
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "With no subcommand, regenerates every registered document (as `generate`).\n\nExit status: 0 fresh or valid, 1 findings (stale or missing documents, an invalid file, undeclared reads, unreadable files), 2 usage errors."
)]
struct Cli {
    // Options for every subcommand go here, declared `global = true`.
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    generate: GenerateArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Regenerate every registered document (the default); with --check, write nothing and
    /// fail with a diff when one is stale.
    Generate(GenerateArgs),
    /// Check what a deployment hands the service, without starting anything: a .env file, a
    /// Kubernetes manifest (ConfigMap data, Secret stringData and data) or a Compose file (a
    /// service's env_file and environment).
    Validate(ValidateArgs),
    /// List environment reads in Rust sources that no registered configuration declares.
    Scan(ScanArgs),
    /// List the registered configurations: name, type, output directory.
    List,
    /// Print a shell completion script to standard output.
    Completions(CompletionsArgs),
}

#[derive(Args, Debug)]
struct GenerateArgs {
    /// Write nothing; exit 1 with a unified diff and the fix when a document is stale.
    #[arg(long)]
    check: bool,
    /// Write under DIR/<config>/ instead of the registered directories.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The formats to write, comma-separated.
    #[arg(long, value_name = "FORMATS", value_delimiter = ',', default_value = "md,env,json,k8s,toml")]
    format: Vec<FormatArg>,
    /// Only this configuration (repeatable).
    #[arg(long = "config", value_name = "NAME")]
    config: Vec<String>,
    /// The deployment profile the Kubernetes manifests are rendered for.
    #[arg(long, value_name = "PROFILE", default_value = "production")]
    profile: String,
    /// Only the view of this component (process), under <dir>/<component>/, for the
    /// configurations that declare it. Without it, a configuration that declares components
    /// gets its whole documents and one view per component.
    #[arg(long, value_name = "NAME")]
    component: Option<String>,
}

#[derive(Args, Debug)]
struct ValidateArgs {
    /// The registered configuration the file deploys.
    // Indices kept explicit: the registry's names are attached to this argument afterwards.
    #[arg(index = 1, value_name = "CONFIG")]
    config: String,
    /// A .env file, a TOML configuration file (.toml), a Kubernetes manifest or a Compose
    /// file (.yaml, .yml).
    #[arg(index = 2, value_name = "FILE")]
    file: PathBuf,
    /// Apply this profile's rules (default: the profile the file selects).
    #[arg(long, value_name = "PROFILE")]
    profile: Option<String>,
    /// The Compose service to read, when the file has several.
    #[arg(long, value_name = "NAME")]
    service: Option<String>,
    /// Load as this component (process): only the variables it reads, with what it requires.
    #[arg(long, value_name = "NAME")]
    component: Option<String>,
}

#[derive(Args, Debug)]
struct ScanArgs {
    /// Files or directories to scan (default: the registry's root).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Exit 1 when a read is undeclared or a file cannot be scanned.
    #[arg(long)]
    check: bool,
}

#[derive(Args, Debug)]
struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_name = "SHELL")]
    shell: clap_complete::Shell,
}

/// A document format as the command line names it.
#[derive(Clone, Copy, Debug)]
struct FormatArg(Format);

impl ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [FormatArg; 5] = [
            FormatArg(Format::Markdown),
            FormatArg(Format::DotEnv),
            FormatArg(Format::JsonSchema),
            FormatArg(Format::Kubernetes),
            FormatArg(Format::Toml),
        ];
        &ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.name()).alias(self.0.file_name()).help(self.0.file_name()))
    }
}

/// The parser, with the registry's names as the values `--config` and `validate` accept.
fn command(registry: &Registry) -> clap::Command {
    let names = PossibleValuesParser::new(registry.names());
    let config = |arg: clap::Arg| arg.value_parser(names.clone());
    Cli::command()
        .mut_arg("config", config)
        .mut_subcommand("generate", |c| c.mut_arg("config", config))
        .mut_subcommand("validate", |c| c.mut_arg("config", config))
}

/// Runs the command with the process's arguments and exits with its status.
pub fn main(registry: &Registry) -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = run_os(registry, args, &mut stdout.lock(), &mut stderr.lock());
    ExitCode::from(code)
}

/// Runs the command with `args` (without the program name), writing to `out` and `err`.
/// Returns the exit status: 0 success, 1 findings (stale documents, invalid input,
/// undeclared reads), 2 usage errors. `--help` and `--version` write to `out` and return 0.
pub fn run(registry: &Registry, args: Vec<String>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    run_os(registry, args.into_iter().map(OsString::from).collect(), out, err)
}

fn run_os(registry: &Registry, args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut cmd = command(registry);
    let parsed = cmd
        .try_get_matches_from_mut(std::iter::once(OsString::from(NAME)).chain(args))
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let e = e.format(&mut cmd);
            let text = e.render().to_string();
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = write!(out, "{text}");
                return 0;
            }
            let _ = write!(err, "{text}");
            return 2;
        }
    };
    let result = match cli.command {
        None => generate(registry, &cli.generate, out),
        Some(Command::Generate(args)) => generate(registry, &args, out),
        Some(Command::Validate(args)) => validate(registry, &args, out),
        Some(Command::Scan(args)) => scan(registry, &args, out),
        Some(Command::List) => {
            for e in &registry.entries {
                let _ = writeln!(out, "{}\t{}\t{}", e.name, (e.schema)().name, e.out_dir.display());
            }
            Ok(0)
        }
        Some(Command::Completions(args)) => {
            clap_complete::generate(args.shell, &mut cmd, NAME, out);
            Ok(0)
        }
    };
    match result {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            let _ = writeln!(err, "error: {message}\n\nFor more information, try '--help'.");
            2
        }
        Err(Failure::Io(message)) => {
            let _ = writeln!(err, "error: {message}");
            1
        }
    }
}

enum Failure {
    /// What the command line asked for cannot be done as asked (exit 2).
    Usage(String),
    /// A file could not be read or written (exit 1).
    Io(String),
}

fn generate(registry: &Registry, args: &GenerateArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let formats: Vec<Format> = args.format.iter().map(|f| f.0).collect();
    let only = &args.config;
    // (path shown to the user, absolute path, expected content)
    let mut files: Vec<(String, PathBuf, String)> = Vec::new();
    let mut with_component = 0;
    for entry in &registry.entries {
        if !only.is_empty() && !only.contains(&entry.name) {
            continue;
        }
        let whole = (entry.schema)();
        let dir = match &args.out {
            Some(d) => d.join(&entry.name),
            None => entry.out_dir.clone(),
        };
        // The whole configuration, then each component's view in its own directory.
        let mut views: Vec<(ConfigSchema, PathBuf)> = Vec::new();
        match &args.component {
            Some(c) => views.extend(whole.for_component(c).map(|view| (view, dir.join(c)))),
            None => {
                for c in &whole.components {
                    views.extend(whole.for_component(c).map(|view| (view, dir.join(c))));
                }
                views.insert(0, (whole, dir));
            }
        }
        with_component += views.len();
        for (schema, dir) in views {
            let mut opts = registry.options(&schema).with_profile(args.profile.clone());
            if let Some(c) = &schema.component {
                opts.slug = format!("{}-{c}", opts.slug);
            }
            for &format in &formats {
                let rel = dir.join(format.file_name());
                let text = crate::render(&schema, format, &opts);
                files.push((rel.display().to_string(), registry.resolve(&rel), text));
            }
        }
    }
    if let (Some(c), 0) = (&args.component, with_component) {
        return Err(Failure::Usage(format!("no registered configuration declares the component `{}`", Escaped(c))));
    }
    if args.out.is_none() && only.is_empty() {
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
        if args.check {
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
    if args.check && stale > 0 {
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

fn validate(registry: &Registry, args: &ValidateArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    // The parser accepts registered names only.
    let entry = registry.entry(&args.config).expect("a registered configuration");
    let config = &args.config;
    let file = args.file.to_string_lossy();
    let shown = args.profile.as_deref().map(|p| format!(" in the {p} profile")).unwrap_or_default();
    let target = super::Target::new(&args.file)
        .profile(args.profile.as_deref())
        .service(args.service.as_deref())
        .component(args.component.as_deref());
    let shown = match &args.component {
        Some(c) => format!("{shown} as the {c} component"),
        None => shown,
    };
    match (entry.validate)(&target) {
        Ok(warnings) => {
            let _ = writeln!(out, "{}: valid for {config}{shown}", Escaped(&file));
            for w in warnings {
                let _ = writeln!(out, "  warning: {w}");
            }
            Ok(0)
        }
        Err(report) => {
            let _ = writeln!(out, "{}: not valid for {config}{shown}\n{report}", Escaped(&file));
            Ok(1)
        }
    }
}

#[cfg(not(feature = "scan"))]
fn scan(_: &Registry, _: &ScanArgs, _: &mut dyn Write) -> Result<u8, Failure> {
    Err(Failure::Usage("this docs tool was built without `scan`: enable the `scan` feature of envspec-docs".into()))
}

/// Names Cargo sets for crates and build scripts; never part of a service's settings.
#[cfg(feature = "scan")]
fn is_build_variable(name: &str) -> bool {
    name.starts_with("CARGO_")
        || name.starts_with("DEP_")
        || matches!(
            name,
            "CARGO" | "OUT_DIR" | "TARGET" | "HOST" | "PROFILE" | "OPT_LEVEL" | "DEBUG" | "NUM_JOBS" | "RUSTC"
        )
}

#[cfg(feature = "scan")]
fn scan(registry: &Registry, args: &ScanArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    use super::shown_path;
    use std::collections::BTreeSet;
    let mut paths = args.paths.clone();
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
        let (reads, errors) = crate::scan::scan(path);
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
    Ok(if args.check && (undeclared > 0 || unscanned > 0) { 1 } else { 0 })
}
