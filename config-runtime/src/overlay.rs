//! Runtime overlays: settings from an admin panel or a settings table applied on top of a
//! load, parsed and checked by the same rules, never touching a bootstrap-only variable.

use crate::error::{LoadError, Problem, Warning};
use crate::loaded::Loaded;
use crate::loader::{EnvConfig, run};
use crate::mask::Escaped;
use crate::model::ReadAs;
use crate::source::{Entry, Origin};
use crate::suggest;
use std::fmt;

/// What an overlay does with a key naming a bootstrap-only variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OverlayMode {
    /// Refuse the whole overlay.
    #[default]
    Refuse,
    /// Drop the key and report it as a warning.
    Strip,
}

/// Why an overlay was refused.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum OverlayProblem {
    /// The overlay is not a JSON object.
    NotAnObject,
    /// The key names a bootstrap-only variable.
    BootstrapOnly {
        /// The key, as written.
        key: String,
        /// The variable's name.
        variable: String,
    },
    /// No variable has this name or field path.
    UnknownKey {
        /// The key, as written (a loaded secret inside it masked).
        key: String,
        /// The closest name, when one is near enough to be meant.
        suggestion: Option<String>,
    },
    /// Applying these keys would change a bootstrap-only variable through a default, a
    /// fallback or a condition that reads them.
    ChangesBootstrap {
        /// The keys of the overlay.
        keys: Vec<String>,
        /// The variable's name.
        variable: String,
    },
    /// The overlaid configuration does not load.
    Invalid(Problem),
}

impl fmt::Display for OverlayProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OverlayProblem::NotAnObject => f.write_str("the overlay must be a JSON object"),
            OverlayProblem::BootstrapOnly { key, variable } => write!(
                f,
                "{}: {variable} is bootstrap-only: it is read at start-up only (the environment, files, flags), so restart to change it",
                Escaped(key)
            ),
            OverlayProblem::UnknownKey { key, suggestion } => {
                write!(f, "{}: no setting has this name", Escaped(key))?;
                if let Some(s) = suggestion {
                    write!(f, "; did you mean {s}?")?;
                }
                Ok(())
            }
            OverlayProblem::ChangesBootstrap { keys, variable } => write!(
                f,
                "{}: would change {variable}, which is bootstrap-only and derived from these settings; change them in the environment and restart",
                keys.iter().map(|k| Escaped(k).to_string()).collect::<Vec<_>>().join(", ")
            ),
            OverlayProblem::Invalid(p) => p.fmt(f),
        }
    }
}

/// Every reason an overlay was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlayError {
    problems: Vec<OverlayProblem>,
}

impl OverlayError {
    /// The reasons, keys in sorted order, then load problems in declaration order.
    pub fn problems(&self) -> &[OverlayProblem] {
        &self.problems
    }
}

impl fmt::Display for OverlayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "overlay refused: {n} problem{}", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for OverlayError {}

impl<T: EnvConfig> Loaded<T> {
    /// Applies runtime settings (as an admin panel or a settings table holds them) on top of
    /// this load, refusing bootstrap-only keys. See [`overlay_with`](Self::overlay_with).
    pub fn overlay(&self, settings: &serde_json::Value) -> Result<Loaded<T>, OverlayError> {
        self.overlay_with(settings, OverlayMode::Refuse)
    }

    /// Applies a JSON object of runtime settings and loads again with the same rules.
    ///
    /// Keys are variable names (`CADENCE_API_PORT`), their aliases, or field paths
    /// (`api_port`, `s3.region`); values are strings, numbers, booleans, arrays (for lists),
    /// or `null` to unset. A key of a bootstrap-only variable is refused (or, with
    /// [`OverlayMode::Strip`], dropped and reported as a warning); an unknown key is refused
    /// with the closest name. The profile variable is bootstrap-only. An overlay that would
    /// change a bootstrap-only variable by another route (its `same_as` or `default_from`
    /// default, a fallback, a condition it is read under) is refused too.
    pub fn overlay_with(&self, settings: &serde_json::Value, mode: OverlayMode) -> Result<Loaded<T>, OverlayError> {
        let Some(object) = settings.as_object() else {
            return Err(OverlayError { problems: vec![OverlayProblem::NotAnObject] });
        };
        let model = self.model;
        let mut problems = Vec::new();
        let mut stripped = Vec::new();
        let mut applied = Vec::new();
        let mut snapshot = self.snapshot.clone();
        // Nested objects name fields by path: `{"db": {"max_connections": 5}}` is
        // `db.max_connections`.
        let mut flat = Vec::new();
        let mut redactor = None;
        flatten(model, "", object, &mut flat);
        flat.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, value) in &flat {
            let key = &key.clone();
            let found = match model.var_named(key) {
                Some((v, ReadAs::Name | ReadAs::Alias(_))) => Some(v),
                Some((_, _)) => None,
                None => model.var_at_path(key),
            };
            let Some(v) = found else {
                let names = model.vars.iter().flat_map(|v| [v.name.as_str(), v.path.as_str()]);
                let suggestion = suggest::closest(key, names).map(str::to_owned);
                // A key is the caller's text: one that repeats a loaded secret is masked.
                let redactor = redactor.get_or_insert_with(|| self.redactor());
                let key = redactor.shown(key).map_or_else(|| "(a key holding a secret)".to_owned(), |k| k.into_owned());
                problems.push(OverlayProblem::UnknownKey { key, suggestion });
                continue;
            };
            let var = &model.vars[v];
            if var.bootstrap {
                match mode {
                    OverlayMode::Refuse => {
                        problems.push(OverlayProblem::BootstrapOnly { key: key.clone(), variable: var.name.clone() })
                    }
                    OverlayMode::Strip => {
                        stripped.push(Warning::BootstrapStripped { key: key.clone(), variable: var.name.clone() })
                    }
                }
                continue;
            }
            for name in var.aliases.iter().chain(var.file.iter()) {
                snapshot.remove(name);
            }
            match json_to_raw(value) {
                None => snapshot.remove(&var.name),
                Some(raw) => {
                    snapshot.insert(&var.name, Entry::new(Ok(crate::source::Value::new(raw)), Origin::Overlay))
                }
            }
            applied.push(key.clone());
        }
        if !problems.is_empty() {
            return Err(OverlayError { problems });
        }
        let mut loaded = match run::<T>(snapshot, &self.settings, Vec::new(), Vec::new()) {
            Ok(loaded) => loaded,
            Err(LoadError { problems, .. }) => {
                return Err(OverlayError { problems: problems.into_iter().map(OverlayProblem::Invalid).collect() });
            }
        };
        // Bootstrap-only variables keep the value they were loaded with, whatever route the
        // overlay took to them.
        fn pinned(records: &[crate::record::Record], v: usize) -> Option<Option<&str>> {
            records.iter().find(|r| r.var == v).map(|r| r.kept.as_ref().map(|p| p.as_str()))
        }
        for v in (0..model.vars.len()).filter(|&v| model.vars[v].bootstrap) {
            if pinned(&self.records, v) != pinned(&loaded.records, v) {
                problems.push(OverlayProblem::ChangesBootstrap {
                    keys: applied.clone(),
                    variable: model.vars[v].name.clone(),
                });
            }
        }
        if !problems.is_empty() {
            return Err(OverlayError { problems });
        }
        loaded.warnings.splice(0..0, stripped);
        Ok(loaded)
    }
}

/// The keys of an overlay object, nested objects flattened into field paths. An object is a
/// value, not a level, when its key names a variable (a JSON field).
fn flatten<'v>(
    model: &crate::model::Model,
    path: &str,
    object: &'v serde_json::Map<String, serde_json::Value>,
    out: &mut Vec<(String, &'v serde_json::Value)>,
) {
    for (k, v) in object {
        let key = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
        let names_a_variable = model.var_named(&key).is_some() || model.var_at_path(&key).is_some();
        let is_level =
            model.vars.iter().any(|var| var.path.starts_with(&key) && var.path[key.len()..].starts_with('.'));
        match v {
            serde_json::Value::Object(inner) if !names_a_variable && is_level => flatten(model, &key, inner, out),
            _ => out.push((key, v)),
        }
    }
}

/// A JSON value as an environment spelling: strings as is, arrays and objects as JSON.
fn json_to_raw(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}
