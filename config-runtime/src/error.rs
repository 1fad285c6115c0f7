//! What a load reports: problems that fail it and warnings that do not. Nothing here ever
//! holds a secret's value: values are captured through [`ShownValue`], which masks them.

use crate::value::ValueError;
use std::fmt;
use std::path::PathBuf;

/// A raw value as it may be shown to a person: secrets are masked, long values truncated.
#[derive(Clone, PartialEq, Eq)]
pub struct ShownValue(Option<String>);

/// How many characters of a value an error shows.
const SHOWN_CHARS: usize = 60;

impl ShownValue {
    /// Captures `raw` for display; a secret keeps nothing.
    pub fn new(raw: &str, secret: bool) -> Self {
        if secret {
            return ShownValue(None);
        }
        let mut s: String = raw.chars().take(SHOWN_CHARS).collect();
        if raw.chars().count() > SHOWN_CHARS {
            s.push('…');
        }
        ShownValue(Some(s))
    }

    /// The shown text, `None` for a secret.
    pub fn as_str(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl fmt::Display for ShownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(s) => write!(f, "{s:?}"),
            None => f.write_str("(secret value hidden)"),
        }
    }
}

impl fmt::Debug for ShownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// One reason a load failed.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Problem {
    /// A required variable is unset.
    Missing {
        variable: String,
        /// Why it is required when that is conditional (`required when STORAGE_ADAPTER=mongodb`).
        reason: Option<String>,
    },
    /// A value could not be parsed.
    Invalid {
        variable: String,
        /// The variable actually read (an alias, a fallback or a `_FILE` variable), when not `variable`.
        read_from: Option<String>,
        value: ShownValue,
        error: ValueError,
    },
    /// A parsed value breaks a declared rule.
    Rule {
        variable: String,
        value: ShownValue,
        /// The rule's phrase, such as `at least 32 characters`.
        rule: String,
        /// The profile the rule applies in, when it is profile-specific.
        profile: Option<String>,
    },
    /// A profile rule is broken (`CADENCE_DEBUG must not be enabled in production`).
    Profile {
        variable: String,
        /// What the rule demands, such as `must be set`.
        demand: String,
        profile: String,
    },
    /// A field's custom validator refused the value.
    Validation { variable: String, message: String },
    /// Several names for the same variable are set (a name and an alias, or `VAR` and `VAR_FILE`).
    Conflict { variable: String, names: Vec<String> },
    /// A value is not valid UTF-8.
    NotUnicode { variable: String },
    /// A `<VAR>_FILE` file could not be used.
    SecretFile { variable: String, path: PathBuf, message: String },
    /// A `.env` file could not be used.
    Source { path: PathBuf, line: Option<usize>, message: String },
    /// A variable with the configuration's prefix that nothing declares (strict mode).
    Unknown { variable: String, suggestion: Option<String> },
    /// A struct-level check failed.
    Check { message: String },
    /// A declared default does not parse: a bug in the declaration, not in the environment.
    BadDefault { variable: String, error: ValueError },
    /// A mistake in the declaration that spans several structs, so the derive could not see
    /// it (two fields reading one variable, a non-secret taking a secret's value, …).
    Declaration { message: String },
}

/// Something worth knowing that does not fail the load.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Warning {
    /// A deprecated variable is set.
    Deprecated { variable: String, note: String },
    /// A variable was read through an alias.
    AliasUsed { variable: String, alias: String },
    /// A variable with the configuration's prefix that nothing declares.
    Unknown { variable: String, suggestion: Option<String> },
    /// A value rule that is only a warning in the active profile.
    Rule { variable: String, rule: String, profile: Option<String> },
    /// A problem downgraded to a warning in the active profile.
    Downgraded(Problem),
    /// An overlay key naming a bootstrap-only variable was dropped.
    BootstrapStripped { key: String, variable: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing { variable, reason: None } => write!(f, "{variable} is required but not set"),
            Problem::Missing { variable, reason: Some(r) } => write!(f, "{variable} is required {r} but not set"),
            Problem::Invalid { variable, read_from, value, error } => {
                write!(f, "{variable}")?;
                if let Some(from) = read_from {
                    write!(f, " (read from {from})")?;
                }
                write!(f, " = {value} is invalid: {error}")
            }
            Problem::Rule { variable, value, rule, profile } => {
                write!(f, "{variable} = {value} must be {rule}")?;
                if let Some(p) = profile {
                    write!(f, " in {p}")?;
                }
                Ok(())
            }
            Problem::Profile { variable, demand, profile } => write!(f, "{variable} {demand} in {profile}"),
            Problem::Validation { variable, message } => write!(f, "{variable}: {message}"),
            Problem::Conflict { variable, names } => {
                write!(f, "{variable} is set more than once, as {}: set only one", names.join(" and "))
            }
            Problem::NotUnicode { variable } => write!(f, "{variable} is not valid UTF-8"),
            Problem::SecretFile { variable, path, message } => {
                write!(f, "{variable}: file {} {message}", path.display())
            }
            Problem::Source { path, line: Some(l), message } => write!(f, "{}:{l}: {message}", path.display()),
            Problem::Source { path, line: None, message } => write!(f, "{} {message}", path.display()),
            Problem::Unknown { variable, suggestion } => write_unknown(f, variable, suggestion),
            Problem::Check { message } => f.write_str(message),
            Problem::BadDefault { variable, error } => {
                write!(f, "{variable}: the declared default is invalid ({error}); fix the declaration")
            }
            Problem::Declaration { message } => write!(f, "declaration error: {message}"),
        }
    }
}

fn write_unknown(f: &mut fmt::Formatter<'_>, variable: &str, suggestion: &Option<String>) -> fmt::Result {
    write!(f, "{variable} is set but no setting declares it")?;
    if let Some(s) = suggestion {
        write!(f, "; did you mean {s}?")?;
    }
    Ok(())
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Deprecated { variable, note } => write!(f, "{variable} is deprecated: {note}"),
            Warning::AliasUsed { variable, alias } => write!(f, "{variable} was read from its alias {alias}"),
            Warning::Unknown { variable, suggestion } => write_unknown(f, variable, suggestion),
            Warning::Rule { variable, rule, profile } => {
                write!(f, "{variable} should be {rule}")?;
                if let Some(p) = profile {
                    write!(f, " in {p}")?;
                }
                Ok(())
            }
            Warning::Downgraded(p) => write!(f, "{p}"),
            Warning::BootstrapStripped { key, variable } => {
                write!(f, "overlay key {key} was dropped: {variable} is bootstrap-only")
            }
        }
    }
}

/// Every problem found in one load, with the warnings found beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub(crate) problems: Vec<Problem>,
    pub(crate) warnings: Vec<Warning>,
}

impl LoadError {
    /// The problems, in declaration order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Warnings found in the same load.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "invalid configuration: {n} problem{}", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        if !self.warnings.is_empty() {
            write!(f, "\nwarnings:")?;
            for w in &self.warnings {
                write!(f, "\n  - {w}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
