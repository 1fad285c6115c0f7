//! A successful load: the config, its warnings and provenance, and runtime overlays.

use crate::error::Warning;
use crate::model::Model;
use crate::record::{Record, provenance};
use crate::report::{Provenance, State, Status, StatusLine};
use crate::source::Snapshot;
use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A loaded configuration with what the load found out about it. Derefs to the config.
pub struct Loaded<T> {
    pub(crate) config: T,
    pub(crate) warnings: Vec<Warning>,
    /// What the load read; [`provenance`](Self::provenance) is built from it on first use.
    pub(crate) records: Vec<Record>,
    pub(crate) provenance: OnceLock<Vec<Provenance>>,
    pub(crate) profile: Option<String>,
    pub(crate) snapshot: Snapshot,
    pub(crate) settings: Settings,
    pub(crate) model: &'static Model,
}

/// Settings that a load and any later overlay of it share.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    pub(crate) profile: Option<String>,
    pub(crate) strict: bool,
    pub(crate) home: Option<PathBuf>,
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

impl<T> Loaded<T> {
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
        self.provenance.get_or_init(|| provenance(self.model, &self.records))
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

    #[cfg(feature = "fingerprint")]
    fn raw_of(&self, p: &Provenance) -> Option<zeroize::Zeroizing<String>> {
        use crate::report::ValueSource;
        match &p.source {
            ValueSource::SecretFile { path } => crate::source::read_secret_file(path).ok(),
            ValueSource::Set(_) => {
                let name = p.read_from.as_deref().unwrap_or(&p.variable);
                self.snapshot.get(name).and_then(|e| e.value.as_ref().ok()).cloned()
            }
            _ => None,
        }
    }
}
