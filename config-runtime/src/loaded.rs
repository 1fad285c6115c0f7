//! A successful load: the config, its warnings and provenance, and runtime overlays.

use crate::error::{LoadError, Problem, Warning};
use crate::loader::{Settings, run};
use crate::record::Reads;
use crate::report::{Provenance, State, Status, StatusLine, ValueSource};
use crate::source::{Entry, Origin, Snapshot};
use crate::{EnvConfig, suggest};
use std::fmt;
use std::sync::OnceLock;
use zeroize::Zeroizing;

/// A loaded configuration with what the load found out about it. Derefs to the config.
pub struct Loaded<T> {
    pub(crate) config: T,
    pub(crate) warnings: Vec<Warning>,
    /// What the load read; [`provenance`](Self::provenance) is built from it on first use.
    pub(crate) reads: Reads,
    pub(crate) provenance: OnceLock<Vec<Provenance>>,
    pub(crate) profile: Option<String>,
    pub(crate) snapshot: Snapshot,
    pub(crate) settings: Settings,
}

impl<T> std::ops::Deref for Loaded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.config
    }
}

impl<T: fmt::Debug> fmt::Debug for Loaded<T> {
    /// The config's own `Debug` (secret types print nothing), the profile and warnings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Loaded")
            .field("config", &self.config)
            .field("profile", &self.profile)
            .field("warnings", &self.warnings)
            .finish_non_exhaustive()
    }
}

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
    BootstrapOnly { key: String, variable: String },
    /// No variable has this name or field path.
    UnknownKey { key: String, suggestion: Option<String> },
    /// The overlaid configuration does not load.
    Invalid(Problem),
}

impl fmt::Display for OverlayProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OverlayProblem::NotAnObject => f.write_str("the overlay must be a JSON object"),
            OverlayProblem::BootstrapOnly { key, variable } => write!(
                f,
                "{key}: {variable} is bootstrap-only and can be set only in the environment (restart to change it)"
            ),
            OverlayProblem::UnknownKey { key, suggestion } => {
                write!(f, "{key}: no setting has this name")?;
                if let Some(s) = suggestion {
                    write!(f, "; did you mean {s}?")?;
                }
                Ok(())
            }
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
    /// The configuration.
    pub fn config(&self) -> &T {
        &self.config
    }

    /// The configuration, dropping the report.
    pub fn into_inner(self) -> T {
        self.config
    }

    /// Warnings: deprecated or alias names used, unknown prefixed variables, soft rules.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Where every variable's value came from, in declaration order.
    pub fn provenance(&self) -> &[Provenance] {
        self.provenance.get_or_init(|| self.reads.provenance())
    }

    /// The profile whose rules applied, if any.
    pub fn profile(&self) -> Option<&str> {
        self.profile.as_deref()
    }

    /// Set / defaulted / unset for every variable; never a value.
    pub fn status(&self) -> Status {
        self.status_lines(|_| None)
    }

    /// Like [`status`](Self::status), with a short keyed fingerprint (HMAC-SHA-256 under
    /// `key`, first 8 bytes in hex) of each set secret, so an operator can tell which secret
    /// is loaded without seeing it. Keep `key` private: without it a fingerprint reveals
    /// nothing useful.
    #[cfg(feature = "fingerprint")]
    pub fn status_with_fingerprints(&self, key: &[u8]) -> Status {
        self.status_lines(|p| self.raw_of(p).map(|raw| crate::report::fingerprint(key, &raw)))
    }

    fn status_lines(&self, fingerprint: impl Fn(&Provenance) -> Option<String>) -> Status {
        let lines = self
            .provenance()
            .iter()
            .map(|p| {
                let state = State::from(&p.source);
                StatusLine {
                    variable: p.variable.clone(),
                    state,
                    secret: p.secret,
                    fingerprint: if p.secret && state == State::Set { fingerprint(p) } else { None },
                }
            })
            .collect();
        Status { lines }
    }

    #[cfg_attr(not(feature = "fingerprint"), allow(dead_code))]
    fn raw_of(&self, p: &Provenance) -> Option<Zeroizing<String>> {
        match &p.source {
            ValueSource::SecretFile { path } => crate::source::read_secret_file(path).ok(),
            ValueSource::Set(_) => {
                let name = p.read_from.as_deref().unwrap_or(&p.variable);
                self.snapshot.get(name).and_then(|e| e.value.as_ref().ok()).cloned()
            }
            _ => None,
        }
    }

    /// Applies runtime settings (as an admin panel or a settings table holds them) on top of
    /// this load, refusing bootstrap-only keys. See [`overlay_with`](Self::overlay_with).
    pub fn overlay(&self, settings: &serde_json::Value) -> Result<Loaded<T>, OverlayError> {
        self.overlay_with(settings, OverlayMode::Refuse)
    }

    /// Applies a JSON object of runtime settings and loads again with the same rules.
    ///
    /// Keys are variable names (`CADENCE_API_PORT`) or field paths (`api_port`, `s3.region`);
    /// values are strings, numbers, booleans, arrays (for lists), or `null` to unset. A key of
    /// a bootstrap-only variable is refused (or, with [`OverlayMode::Strip`], dropped and
    /// reported as a warning); an unknown key is refused with the closest name.
    pub fn overlay_with(&self, settings: &serde_json::Value, mode: OverlayMode) -> Result<Loaded<T>, OverlayError> {
        let Some(object) = settings.as_object() else {
            return Err(OverlayError { problems: vec![OverlayProblem::NotAnObject] });
        };
        let schema = T::schema();
        let mut problems = Vec::new();
        let mut stripped = Vec::new();
        let mut snapshot = self.snapshot.clone();
        let mut keys: Vec<&String> = object.keys().collect();
        keys.sort();
        for key in keys {
            let Some(var) = schema.variables.iter().find(|v| &v.name == key || &v.path == key) else {
                let names = schema.variables.iter().flat_map(|v| [v.name.as_str(), v.path.as_str()]);
                let suggestion = suggest::closest(key, names).map(str::to_owned);
                problems.push(OverlayProblem::UnknownKey { key: key.clone(), suggestion });
                continue;
            };
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
            for name in var.aliases.iter().chain(var.file_variable.iter()) {
                snapshot.remove(name);
            }
            match json_to_raw(&object[key.as_str()]) {
                None => snapshot.remove(&var.name),
                Some(raw) => snapshot.insert(var.name.clone(), Entry::new(Ok(Zeroizing::new(raw)), Origin::Overlay)),
            }
        }
        if !problems.is_empty() {
            return Err(OverlayError { problems });
        }
        match run::<T>(snapshot, &self.settings, Vec::new()) {
            Ok(mut loaded) => {
                loaded.warnings.splice(0..0, stripped);
                Ok(loaded)
            }
            Err(LoadError { problems, .. }) => {
                Err(OverlayError { problems: problems.into_iter().map(OverlayProblem::Invalid).collect() })
            }
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
