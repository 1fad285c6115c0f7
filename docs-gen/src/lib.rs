//! Renders an EnvConfig [`ConfigSchema`] as the documents operators read, and checks that
//! committed copies still match the declarations.
//!
//! - [`markdown::reference`]: the reference page (overview, production checklist, secrets,
//!   bootstrap-only variables, profile matrix, one table per section);
//! - [`dotenv::render`]: the `.env.example` file;
//! - [`json_schema::render`]: JSON Schema, draft 2020-12;
//! - [`k8s::render`]: a ConfigMap and a Secret of placeholders;
//! - [`toml::render`]: a commented `config.example.toml`, keys by field path;
//! - [`inject::inject`]: tables injected between markers of a hand-written page.
//!
//! The [`cli`] module is the `docs-gen` command (feature `cli`); a workspace runs it for its
//! own configs with a three-line binary in a package of its own, so that neither this crate
//! nor `clap` reaches the service's build (see the README). [`assert_fresh`] is what
//! `#[env(docs = "...")]` calls from a generated test; for that, this crate is a
//! dev-dependency and needs no feature.
//!
//! Every renderer reads only the schema, and the output is deterministic: the same schema
//! gives the same bytes on every machine.
//!
//! # Features
//!
//! None is on by default.
//!
//! | feature | adds | pulls in |
//! | --- | --- | --- |
//! | `cli` | `cli::main`, `cli::run`: the `docs-gen` command line | `clap`, `clap_complete` |
//! | `scan` | the `scan` module: environment reads no configuration declares | `proc-macro2` |

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod cli;
pub mod deployed;
pub mod dotenv;
pub mod drift;
pub mod ecma;
pub mod facts;
pub mod inject;
pub mod json_schema;
pub mod k8s;
pub mod markdown;
#[cfg(feature = "scan")]
#[cfg_attr(docsrs, doc(cfg(feature = "scan")))]
pub mod scan;
pub mod text;
pub mod toml;

pub use envspec::ConfigSchema;
use std::path::Path;

/// Names and commands the documents mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// A short kebab-case name: Kubernetes object names and the JSON Schema `$id`.
    pub slug: String,
    /// The deployment profile manifests are rendered for (`production` by default).
    pub profile: String,
}

impl RenderOptions {
    /// Options named after the schema's type, less a `Settings`, `Config` or `Configuration`
    /// suffix (`OrcheoSettings` → `orcheo`, `BillingServiceConfig` → `billing-service`), for
    /// the `production` profile. The `docs-gen` command and `#[env(docs = "...")]` both render
    /// with these, so they agree on every document.
    pub fn for_schema(schema: &ConfigSchema) -> Self {
        let name = ["Configuration", "Settings", "Config"]
            .iter()
            .find_map(|suffix| schema.name.strip_suffix(suffix).filter(|rest| !rest.is_empty()))
            .unwrap_or(&schema.name);
        RenderOptions { slug: facts::slug(name), profile: "production".to_owned() }
    }

    /// The same options for another deployment profile.
    pub fn with_profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = profile.into().to_ascii_lowercase();
        self
    }
}

/// The document formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// The markdown reference page (`config.md`).
    Markdown,
    /// `.env.example`.
    DotEnv,
    /// JSON Schema (`config.schema.json`).
    JsonSchema,
    /// Kubernetes ConfigMap and Secret (`k8s.yaml`).
    Kubernetes,
    /// A commented TOML configuration file (`config.example.toml`).
    Toml,
}

impl Format {
    /// Every format, in the order they are written.
    pub const ALL: [Format; 5] =
        [Format::Markdown, Format::DotEnv, Format::JsonSchema, Format::Kubernetes, Format::Toml];

    /// The file name a format is written to in an output directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Markdown => "config.md",
            Format::DotEnv => ".env.example",
            Format::JsonSchema => "config.schema.json",
            Format::Kubernetes => "k8s.yaml",
            Format::Toml => "config.example.toml",
        }
    }

    /// The name used on the command line (`md`, `env`, `json`, `k8s`, `toml`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::DotEnv => "env",
            Format::JsonSchema => "json",
            Format::Kubernetes => "k8s",
            Format::Toml => "toml",
        }
    }

    /// The format named on the command line.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name || f.file_name() == name)
    }

    /// The format a file name implies: `*.md` markdown, `.env*` dotenv, `*.json` JSON Schema,
    /// `*.yaml`/`*.yml` Kubernetes, `*.toml` TOML.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?;
        if name.starts_with(".env") || name.ends_with(".env") || name.ends_with(".env.example") {
            Some(Format::DotEnv)
        } else if name.ends_with(".md") || name.ends_with(".markdown") {
            Some(Format::Markdown)
        } else if name.ends_with(".json") {
            Some(Format::JsonSchema)
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            Some(Format::Kubernetes)
        } else if name.ends_with(".toml") {
            Some(Format::Toml)
        } else {
            None
        }
    }
}

/// Renders one format.
pub fn render(schema: &ConfigSchema, format: Format, opts: &RenderOptions) -> String {
    match format {
        Format::Markdown => markdown::reference(schema, opts),
        Format::DotEnv => dotenv::render(schema, opts),
        Format::JsonSchema => json_schema::render(schema, opts),
        Format::Kubernetes => k8s::render(schema, opts),
        Format::Toml => toml::render(schema, opts),
    }
}

/// What the file at `path` should hold now: for a markdown page with envconfig markers, the
/// page with its regions refreshed (any marker name refers to this schema; append `:checklist`
/// for the production checklist only); otherwise the full document of the format the file
/// name implies.
pub fn expected_content(path: &Path, schema: &ConfigSchema, opts: &RenderOptions) -> Result<String, String> {
    let format = Format::from_path(path).ok_or_else(|| {
        format!(
            "{}: cannot tell the format from the file name (use .md, .env.example, .json, .yaml or .toml)",
            path.display()
        )
    })?;
    if format == Format::Markdown {
        if let Ok(existing) = std::fs::read_to_string(path) {
            let regions = inject::regions(&existing).map_err(|e| format!("{}: {e}", path.display()))?;
            if !regions.is_empty() {
                return inject::inject(&existing, |name| Some(region_content(schema, name)), &[])
                    .map_err(|e| format!("{}: {e}", path.display()));
            }
        }
    }
    Ok(render(schema, format, opts))
}

/// The content a marker `NAME` or `NAME:part` stands for: the section tables (default),
/// `checklist`, or `full` (the whole reference without its title).
pub fn region_content(schema: &ConfigSchema, name: &str) -> String {
    match name.rsplit_once(':').map(|(_, part)| part) {
        Some("checklist") => markdown::checklist(schema),
        _ => markdown::tables(schema, 3),
    }
}

/// Fails with a unified diff when a committed document differs from what `schema` renders.
/// Called by the test that `#[env(docs = "...")]` generates.
///
/// `path` is a document (its format follows the file name: see [`expected_content`]) or a
/// directory, which stands for every document the `docs-gen` command writes there
/// (`config.md`, `.env.example`, `config.schema.json`, `k8s.yaml`, `config.example.toml`)
/// that is committed, or all five when none is yet. Every stale document is reported, each with its diff. With the
/// environment variable `ENVCONFIG_BLESS=1` they are rewritten instead.
#[track_caller]
pub fn assert_fresh(path: impl AsRef<Path>, schema: &ConfigSchema) {
    let path = path.as_ref();
    let opts = RenderOptions::for_schema(schema);
    let directory = path.is_dir() || (Format::from_path(path).is_none() && !path.exists());
    let mut files: Vec<std::path::PathBuf> = if directory {
        Format::ALL.iter().map(|f| path.join(f.file_name())).filter(|f| f.exists()).collect()
    } else {
        vec![path.to_path_buf()]
    };
    if files.is_empty() {
        files = Format::ALL.iter().map(|f| path.join(f.file_name())).collect();
    }
    let bless = std::env::var_os("ENVCONFIG_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for file in &files {
        let expected = match expected_content(file, schema, &opts) {
            Ok(e) => e,
            Err(message) => panic!("{message}"),
        };
        let committed = std::fs::read_to_string(file).ok();
        if committed.as_deref() == Some(expected.as_str()) {
            continue;
        }
        if bless {
            if let Some(dir) = file.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            if let Err(e) = std::fs::write(file, &expected) {
                panic!("{}: cannot write: {e}", file.display());
            }
            continue;
        }
        let shown = file.display().to_string();
        stale.push(match committed {
            Some(committed) => format!(
                "{shown} is stale: it no longer matches the declaration of `{}`.\n\n{}",
                schema.name,
                drift::unified_diff(&committed, &expected, &shown)
            ),
            None => format!("{shown} is missing: it is generated from the declaration of `{}`.\n", schema.name),
        });
    }
    if !stale.is_empty() {
        panic!(
            "{} of {} generated documents need regenerating.\n\n{}\nRegenerate them with: ENVCONFIG_BLESS=1 cargo test",
            stale.len(),
            files.len(),
            stale.join("\n")
        );
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
