//! What a successful load reports beside the config: where each value came from, a
//! secret-safe status, and warnings.

use crate::mask::Escaped;
use crate::source::Origin;
use std::fmt;
use std::path::PathBuf;

/// Where a variable's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueSource {
    /// Read from a source (environment, `.env` file, in-memory map or overlay).
    Set(Origin),
    /// Read from the file named by `<VAR>_FILE`.
    SecretFile {
        /// The file.
        path: PathBuf,
    },
    /// The declared default (or the type's `Default`).
    Default,
    /// Computed from other variables (a template or "same as" default).
    Derived,
    /// Unset, and optional.
    Unset,
}

impl fmt::Display for ValueSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueSource::Set(origin) => origin.fmt(f),
            ValueSource::SecretFile { path } => write!(f, "file {}", crate::mask::path(path)),
            ValueSource::Default => f.write_str("default"),
            ValueSource::Derived => f.write_str("derived from other variables"),
            ValueSource::Unset => f.write_str("unset"),
        }
    }
}

/// Where one variable's value came from. Holds no value: safe to print for secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Provenance {
    /// The variable's declared name.
    pub variable: String,
    /// The Rust field path.
    pub path: String,
    /// Where the value came from.
    pub source: ValueSource,
    /// The name actually read when it is not `variable`: an alias, a fallback, or `<VAR>_FILE`.
    pub read_from: Option<String>,
    /// Whether the variable is secret.
    pub secret: bool,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", Escaped(&self.variable), self.source)?;
        if let Some(from) = &self.read_from {
            write!(f, " (via {})", Escaped(from))?;
        }
        Ok(())
    }
}

/// Whether a variable is set, defaulted or unset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// A source set it.
    Set,
    /// A default applies.
    Defaulted,
    /// Unset and optional.
    Unset,
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            State::Set => "set",
            State::Defaulted => "defaulted",
            State::Unset => "unset",
        })
    }
}

/// One line of a status report: like `settings.status()`, never a value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct StatusLine {
    /// The variable's name.
    pub variable: String,
    /// Set, defaulted or unset.
    pub state: State,
    /// Whether the variable is secret.
    pub secret: bool,
    /// A short keyed fingerprint of a set secret, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

/// A secret-safe status of every variable, for a health endpoint: serializes as a list of
/// `{variable, state, secret}` objects (with `fingerprint` when asked for), never a value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Status {
    pub(crate) lines: Vec<StatusLine>,
}

impl Status {
    /// The lines, in declaration order.
    pub fn lines(&self) -> &[StatusLine] {
        &self.lines
    }

    /// The line of one variable.
    pub fn get(&self, variable: &str) -> Option<&StatusLine> {
        self.lines.iter().find(|l| l.variable == variable)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self.lines.iter().map(|l| l.variable.len()).max().unwrap_or(0);
        for l in &self.lines {
            write!(f, "{:width$}  {}", Escaped(&l.variable).to_string(), l.state)?;
            if l.secret {
                f.write_str(" (secret")?;
                if let Some(fp) = &l.fingerprint {
                    write!(f, ", fingerprint {fp}")?;
                }
                f.write_str(")")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

impl From<&ValueSource> for State {
    fn from(s: &ValueSource) -> State {
        match s {
            ValueSource::Set(_) | ValueSource::SecretFile { .. } => State::Set,
            ValueSource::Default | ValueSource::Derived => State::Defaulted,
            ValueSource::Unset => State::Unset,
        }
    }
}

/// A short keyed fingerprint: the first 8 bytes of HMAC-SHA-256(key, value), in hex.
#[cfg(feature = "fingerprint")]
pub(crate) fn fingerprint(key: &[u8], value: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(value.as_bytes());
    let out = mac.finalize().into_bytes();
    out[..8].iter().map(|b| format!("{b:02x}")).collect()
}
