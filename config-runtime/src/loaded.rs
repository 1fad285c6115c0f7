//! A successful load: the config, its warnings and provenance, and runtime overlays.

use crate::error::{ShownValue, Warning};
use crate::mask::{Escaped, Redactor};
use crate::model::{DefaultOf, Model};
use crate::record::{Record, provenance};
use crate::report::{Provenance, State, Status, StatusLine, ValueSource};
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
    /// The component (process) loading: `.component("worker")`.
    pub(crate) component: Option<String>,
    pub(crate) strict: bool,
    pub(crate) home: Option<PathBuf>,
}

impl<T> std::ops::Deref for Loaded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.config
    }
}

impl<T> fmt::Debug for Loaded<T> {
    /// The profile, every variable the load read with its value as a report may show it (a
    /// secret hidden, a URL's password and any secret inside another value masked), and the
    /// warnings. The config's own `Debug` is not used: a `Url` or `String` field would print
    /// its password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redactor = self.redactor();
        let values = Values { loaded: self, redactor: &redactor };
        f.debug_struct("Loaded")
            .field("profile", &self.profile)
            .field("values", &values)
            .field("warnings", &self.warnings)
            .finish_non_exhaustive()
    }
}

/// The values of a load, for `Debug`.
struct Values<'a, T> {
    loaded: &'a Loaded<T>,
    redactor: &'a Redactor,
}

impl<T> fmt::Debug for Values<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for r in &self.loaded.records {
            let var = &self.loaded.model.vars[r.var];
            let raw = match &r.source {
                ValueSource::Set(_) => self
                    .loaded
                    .snapshot
                    .get(var.name_as(r.read_as))
                    .and_then(|e| e.value.as_ref().ok())
                    .map(|v| v.as_str()),
                ValueSource::SecretFile { .. } | ValueSource::Derived => r.kept.as_deref().map(String::as_str),
                ValueSource::Default => match var.default {
                    DefaultOf::Literal(d) => Some(d),
                    _ => None,
                },
                ValueSource::Unset => None,
            };
            let shown = match raw {
                Some(raw) => ShownValue::redacted(raw, var.secret, self.redactor).to_string(),
                None if var.secret => "(secret value hidden)".to_owned(),
                None => format!("({})", r.source),
            };
            map.entry(&Escaped(&var.name).to_string(), &format_args!("{shown}"));
        }
        map.finish()
    }
}

impl<T> Loaded<T> {
    /// The secrets this load read, so that nothing printed beside them repeats one.
    pub(crate) fn redactor(&self) -> Redactor {
        let mut redactor = Redactor::default();
        for r in &self.records {
            if let (true, Some(kept)) = (self.model.vars[r.var].secret, &r.kept) {
                redactor.add(kept);
            }
        }
        redactor
    }

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
    /// is loaded without seeing it. The fingerprint is of the value this load read, kept
    /// since: no file is read again. Keep `key` private: without it a fingerprint reveals
    /// nothing useful.
    #[cfg(feature = "fingerprint")]
    pub fn status_with_fingerprints(&self, key: &[u8]) -> Status {
        let kept: Vec<Option<&str>> = self.records.iter().map(|r| r.kept.as_ref().map(|k| k.as_str())).collect();
        self.status_lines(|i| kept[i].map(|raw| crate::report::fingerprint(key, raw)))
    }

    fn status_lines(&self, fingerprint: impl Fn(usize) -> Option<String>) -> Status {
        let lines = self
            .provenance()
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let state = State::from(&p.source);
                StatusLine {
                    variable: p.variable.clone(),
                    state,
                    secret: p.secret,
                    fingerprint: if p.secret && state == State::Set { fingerprint(i) } else { None },
                }
            })
            .collect();
        Status { lines }
    }
}
