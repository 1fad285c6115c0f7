//! What a load reports: problems that fail it and warnings that do not. Nothing here ever
//! holds a secret's value: values are captured through [`ShownValue`], which masks them.

use crate::mask::{Escaped, Redactor, path};
use crate::source::Origin;
use crate::value::ValueError;
use envspec_schema::{NameRule, Severity};
use std::fmt;
use std::path::PathBuf;

/// A raw value as it may be shown to a person: secrets are hidden, URL passwords and secrets
/// inside other values masked, long values truncated, and the text escaped when printed.
#[derive(Clone, PartialEq, Eq)]
pub struct ShownValue(Shown);

#[derive(Clone, PartialEq, Eq)]
enum Shown {
    Text(String),
    Secret,
    /// Not secret itself, but holding a secret too short to mask inside it.
    HoldsSecret,
}

/// How many characters of a value an error shows.
const SHOWN_CHARS: usize = 60;

impl ShownValue {
    /// Captures `raw` for display: a secret keeps nothing; a URL's password is masked.
    pub fn new(raw: &str, secret: bool) -> Self {
        Self::redacted(raw, secret, &Redactor::default())
    }

    /// Like [`new`](Self::new), also masking the load's secrets wherever `raw` holds one.
    pub(crate) fn redacted(raw: &str, secret: bool, redactor: &Redactor) -> Self {
        if secret {
            return ShownValue(Shown::Secret);
        }
        let Some(text) = redactor.shown(raw) else { return ShownValue(Shown::HoldsSecret) };
        let mut s: String = text.chars().take(SHOWN_CHARS).collect();
        if text.chars().count() > SHOWN_CHARS {
            s.push('…');
        }
        ShownValue(Shown::Text(s))
    }

    /// The shown text (masked), `None` for a secret.
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            Shown::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl fmt::Display for ShownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            // Debug quoting escapes every control character and line separator.
            Shown::Text(s) => write!(f, "{s:?}"),
            Shown::Secret => f.write_str("(secret value hidden)"),
            Shown::HoldsSecret => f.write_str("(value hidden: it holds a secret)"),
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
        /// The variable's name.
        variable: String,
        /// Why it is required when that is conditional (`required when STORAGE_ADAPTER=mongodb`).
        reason: Option<String>,
    },
    /// A value could not be parsed.
    Invalid {
        /// The variable's name.
        variable: String,
        /// The variable actually read (an alias, a fallback or a `_FILE` variable), when not `variable`.
        read_from: Option<String>,
        /// The value as reports show it: masked when secret.
        value: ShownValue,
        /// What is wrong with the value.
        error: ValueError,
        /// Where the value was set (a file and line, a flag), when a source set it.
        origin: Option<Box<Origin>>,
    },
    /// A parsed value breaks a declared rule.
    Rule {
        /// The variable's name.
        variable: String,
        /// The value as reports show it: masked when secret.
        value: ShownValue,
        /// The rule's phrase, such as `at least 32 characters`.
        rule: String,
        /// The profile the rule applies in, when it is profile-specific.
        profile: Option<String>,
        /// Where the value was set (a file and line, a flag), when a source set it.
        origin: Option<Box<Origin>>,
    },
    /// A profile rule is broken (`CADENCE_DEBUG must not be enabled in production`).
    Profile {
        /// The variable's name.
        variable: String,
        /// What the rule demands, such as `must be set`.
        demand: String,
        /// The profile, when one applies.
        profile: String,
    },
    /// A field's custom validator refused the value.
    Validation {
        /// The variable's name.
        variable: String,
        /// What went wrong.
        message: String,
    },
    /// Several names for the same variable are set (a name and an alias, or `VAR` and `VAR_FILE`).
    Conflict {
        /// The variable's name.
        variable: String,
        /// The names under which it is set.
        names: Vec<String>,
    },
    /// A value is not valid UTF-8.
    NotUnicode {
        /// The variable's name.
        variable: String,
    },
    /// A `<VAR>_FILE` file could not be used.
    SecretFile {
        /// The variable's name.
        variable: String,
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A `.env` file could not be used.
    Source {
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: Option<usize>,
        /// What went wrong.
        message: String,
    },
    /// A variable with the configuration's prefix that nothing declares (strict mode).
    Unknown {
        /// The variable's name.
        variable: String,
        /// The closest name, when one is near enough to be meant.
        suggestion: Option<String>,
        /// The line of the `.env` file that set it (`None` for the process environment or an
        /// in-memory map).
        origin: Option<Box<Origin>>,
    },
    /// A set variable's name matches a forbidden pattern (`forbid_names`).
    ForbiddenName {
        /// The variable's name.
        variable: String,
        /// The pattern the name matches.
        pattern: String,
        /// The profile, when one applies.
        profile: Option<String>,
    },
    /// A key of a TOML file names no field (strict mode).
    UnknownKey {
        /// The key, as written.
        key: String,
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// The closest name, when one is near enough to be meant.
        suggestion: Option<String>,
    },
    /// The loader was asked for a component the configuration does not declare.
    UnknownComponent {
        /// The component asked for.
        component: String,
        /// The components the configuration declares.
        known: Vec<String>,
        /// The closest name, when one is near enough to be meant.
        suggestion: Option<String>,
    },
    /// A struct-level check failed.
    Check {
        /// What went wrong.
        message: String,
    },
    /// A declared default does not parse: a bug in the declaration, not in the environment.
    BadDefault {
        /// The variable's name.
        variable: String,
        /// What is wrong with the value.
        error: ValueError,
    },
    /// A mistake in the declaration that spans several structs, so the derive could not see
    /// it (two fields reading one variable, a non-secret taking a secret's value, …).
    Declaration {
        /// What went wrong.
        message: String,
    },
}

/// Something worth knowing that does not fail the load.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Warning {
    /// A deprecated variable is set.
    Deprecated {
        /// The variable's name.
        variable: String,
        /// What the declaration says to use instead.
        note: String,
    },
    /// A variable was read through an alias.
    AliasUsed {
        /// The variable's name.
        variable: String,
        /// The alias it was read from.
        alias: String,
    },
    /// A variable with the configuration's prefix that nothing declares.
    Unknown {
        /// The variable's name.
        variable: String,
        /// The closest name, when one is near enough to be meant.
        suggestion: Option<String>,
        /// The line of the `.env` file that set it (`None` for the process environment or an
        /// in-memory map).
        origin: Option<Box<Origin>>,
    },
    /// A value rule that is only a warning in the active profile.
    Rule {
        /// The variable's name.
        variable: String,
        /// The rule's phrase, such as `at least 32 characters`.
        rule: String,
        /// The profile, when one applies.
        profile: Option<String>,
    },
    /// A problem downgraded to a warning in the active profile.
    Downgraded(Problem),
    /// An overlay key naming a bootstrap-only variable was dropped.
    BootstrapStripped {
        /// The key, as written.
        key: String,
        /// The variable's name.
        variable: String,
    },
    /// A variable the operator should not set is set: reserved, or internal.
    NotOperators {
        /// The variable's name.
        variable: String,
        /// Why, as said after the name.
        why: String,
    },
    /// A value was set aside for the default (`on_invalid = "default"`): what was wrong.
    Ignored {
        /// The variable's name.
        variable: String,
        /// The value as reports show it: masked when secret.
        value: ShownValue,
        /// What was wrong with the value.
        reason: String,
    },
    /// A key of a TOML file names no field.
    UnknownKey {
        /// The key, as written.
        key: String,
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// The closest name, when one is near enough to be meant.
        suggestion: Option<String>,
    },
    /// A set variable's name matches a pattern `forbid_names` warns about in this profile.
    ForbiddenName {
        /// The variable's name.
        variable: String,
        /// The pattern the name matches.
        pattern: String,
        /// The profile, when one applies.
        profile: Option<String>,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing { variable, reason: None } => write!(f, "{} is required but not set", Escaped(variable)),
            Problem::Missing { variable, reason: Some(r) } => {
                write!(f, "{} is required {} but not set", Escaped(variable), Escaped(r))
            }
            Problem::Invalid { variable, read_from, value, error, .. } => {
                write!(f, "{}", Escaped(variable))?;
                if let Some(from) = read_from {
                    write!(f, " (read from {})", Escaped(from))?;
                }
                write!(f, " = {value} is invalid: {error}")
            }
            Problem::Rule { variable, value, rule, profile, .. } => {
                write!(f, "{} = {value} {}", Escaped(variable), envspec_schema::demand("must", rule))?;
                if let Some(p) = profile {
                    write!(f, " in {}", Escaped(p))?;
                }
                Ok(())
            }
            Problem::Profile { variable, demand, profile } => {
                write!(f, "{} {demand} in {}", Escaped(variable), Escaped(profile))
            }
            Problem::Validation { variable, message } => write!(f, "{}: {}", Escaped(variable), Escaped(message)),
            Problem::Conflict { variable, names } => {
                let names: Vec<String> = names.iter().map(|n| Escaped(n).to_string()).collect();
                write!(f, "{} is set more than once, as {}: set only one", Escaped(variable), names.join(" and "))
            }
            Problem::NotUnicode { variable } => write!(f, "{} is not valid UTF-8", Escaped(variable)),
            Problem::SecretFile { variable, path: p, message } => {
                write!(f, "{}: file {} {message}", Escaped(variable), path(p))
            }
            Problem::Source { path: p, line: Some(l), message } => write!(f, "{}:{l}: {message}", path(p)),
            Problem::Source { path: p, line: None, message } => write!(f, "{} {message}", path(p)),
            Problem::Unknown { variable, suggestion, origin } => write_unknown(f, variable, suggestion, origin),
            Problem::ForbiddenName { variable, pattern, profile } => {
                write_forbidden(f, Severity::Error, variable, pattern, profile)
            }
            Problem::UnknownKey { key, path: p, line, suggestion } => write_unknown_key(f, key, p, *line, suggestion),
            Problem::UnknownComponent { component, known, suggestion } => {
                write!(f, "unknown component {}", Escaped(component))?;
                match suggestion {
                    Some(s) => write!(f, "; did you mean {}?", Escaped(s)),
                    None if known.is_empty() => write!(f, "; the configuration declares none"),
                    None => write!(f, "; expected one of: {}", known.join(", ")),
                }
            }
            Problem::Check { message } => write!(f, "{}", Escaped(message)),
            Problem::BadDefault { variable, error } => {
                write!(f, "{}: the declared default is invalid ({error}); fix the declaration", Escaped(variable))
            }
            Problem::Declaration { message } => write!(f, "declaration error: {}", Escaped(message)),
        }
    }
}

fn write_forbidden(
    f: &mut fmt::Formatter<'_>,
    severity: Severity,
    variable: &str,
    pattern: &str,
    profile: &Option<String>,
) -> fmt::Result {
    write!(f, "{} {}", Escaped(variable), NameRule::demand(severity))?;
    if let Some(p) = profile {
        write!(f, " in {}", Escaped(p))?;
    }
    write!(f, ": it matches `{}`", Escaped(pattern))
}

fn write_unknown_key(
    f: &mut fmt::Formatter<'_>,
    key: &str,
    file: &std::path::Path,
    line: usize,
    suggestion: &Option<String>,
) -> fmt::Result {
    write!(f, "{}:{line}: the key {} names no setting", path(file), Escaped(key))?;
    if let Some(s) = suggestion {
        write!(f, "; did you mean {}?", Escaped(s))?;
    }
    Ok(())
}

fn write_unknown(
    f: &mut fmt::Formatter<'_>,
    variable: &str,
    suggestion: &Option<String>,
    origin: &Option<Box<Origin>>,
) -> fmt::Result {
    if let Some(origin) = origin {
        write!(f, "{origin}: ")?;
    }
    write!(f, "{} is set but no setting declares it", Escaped(variable))?;
    if let Some(s) = suggestion {
        write!(f, "; did you mean {}?", Escaped(s))?;
    }
    Ok(())
}

impl Warning {
    /// The variable (or key) the warning is about.
    pub fn variable(&self) -> &str {
        match self {
            Warning::Deprecated { variable, .. }
            | Warning::AliasUsed { variable, .. }
            | Warning::Unknown { variable, .. }
            | Warning::Rule { variable, .. }
            | Warning::BootstrapStripped { variable, .. }
            | Warning::Ignored { variable, .. }
            | Warning::NotOperators { variable, .. }
            | Warning::ForbiddenName { variable, .. } => variable,
            Warning::UnknownKey { key, .. } => key,
            Warning::Downgraded(p) => p.variable().unwrap_or(""),
        }
    }
}

impl Problem {
    /// Where the offending value was set (a `.env` or TOML file and line, a flag), when the
    /// problem is about a value a source set, or where an undeclared variable was set (a `.env`
    /// file's line).
    pub fn origin(&self) -> Option<&Origin> {
        match self {
            Problem::Invalid { origin, .. } | Problem::Rule { origin, .. } | Problem::Unknown { origin, .. } => {
                origin.as_deref()
            }
            _ => None,
        }
    }

    /// The variable the problem is about, when it is about one.
    pub fn variable(&self) -> Option<&str> {
        match self {
            Problem::Missing { variable, .. }
            | Problem::Invalid { variable, .. }
            | Problem::Rule { variable, .. }
            | Problem::Profile { variable, .. }
            | Problem::Validation { variable, .. }
            | Problem::Conflict { variable, .. }
            | Problem::NotUnicode { variable }
            | Problem::SecretFile { variable, .. }
            | Problem::Unknown { variable, .. }
            | Problem::ForbiddenName { variable, .. }
            | Problem::BadDefault { variable, .. } => Some(variable),
            Problem::Source { .. }
            | Problem::UnknownKey { .. }
            | Problem::Check { .. }
            | Problem::Declaration { .. }
            | Problem::UnknownComponent { .. } => None,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Deprecated { variable, note } => {
                write!(f, "{} is deprecated: {}", Escaped(variable), Escaped(note))
            }
            Warning::AliasUsed { variable, alias } => {
                write!(f, "{} was read from its alias {}", Escaped(variable), Escaped(alias))
            }
            Warning::Unknown { variable, suggestion, origin } => write_unknown(f, variable, suggestion, origin),
            Warning::Rule { variable, rule, profile } => {
                write!(f, "{} {}", Escaped(variable), envspec_schema::demand("should", rule))?;
                if let Some(p) = profile {
                    write!(f, " in {}", Escaped(p))?;
                }
                Ok(())
            }
            Warning::Downgraded(p) => write!(f, "{p}"),
            Warning::BootstrapStripped { key, variable } => {
                write!(f, "overlay key {} was dropped: {} is bootstrap-only", Escaped(key), Escaped(variable))
            }
            Warning::NotOperators { variable, why } => write!(f, "{} {why}", Escaped(variable)),
            Warning::Ignored { variable, value, reason } => {
                write!(f, "{} = {value} is invalid ({}); its default applies", Escaped(variable), Escaped(reason))
            }
            Warning::ForbiddenName { variable, pattern, profile } => {
                write_forbidden(f, Severity::Warning, variable, pattern, profile)
            }
            Warning::UnknownKey { key, path: p, line, suggestion } => write_unknown_key(f, key, p, *line, suggestion),
        }
    }
}

/// Every problem found in one load, with the warnings found beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub(crate) problems: Vec<Problem>,
    pub(crate) warnings: Vec<Warning>,
    /// What a miette report adds to each problem and warning: the model's help, the line.
    #[cfg(feature = "miette")]
    pub(crate) details: Vec<crate::diagnostic::Detail>,
}

impl LoadError {
    /// A failed load's report; `model` adds what only the declaration knows (feature `miette`).
    pub(crate) fn new(problems: Vec<Problem>, warnings: Vec<Warning>, model: &crate::model::Model) -> LoadError {
        #[cfg(feature = "miette")]
        let details = crate::diagnostic::details(&problems, &warnings, Some(model));
        #[cfg(not(feature = "miette"))]
        let _ = model;
        LoadError {
            problems,
            warnings,
            #[cfg(feature = "miette")]
            details,
        }
    }

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
