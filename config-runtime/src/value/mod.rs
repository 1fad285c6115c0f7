//! Reading one typed value from one raw string.
//!
//! [`EnvValue`] is the trait a field type implements; this module implements it for the
//! standard types, and a user type can implement it to describe itself to the docs.

mod list;
mod markers;
mod scalar;
mod secret;
#[cfg(feature = "url")]
mod url;

use envspec_schema::TypeKind;
use std::borrow::Cow;
use std::fmt;
use std::path::Path;

pub(crate) use markers::short_type_name;
pub use markers::{parse_from_str, parse_json};
pub use secret::SecretType;
#[cfg(feature = "url")]
pub use url::SecretUrl;

/// A type that can be read from one environment variable.
///
/// Implement it for your own type to use it as a field and to tell the docs what it accepts:
///
/// ```
/// use envspec::{EnvValue, ParseContext, TypeKind, ValueError};
///
/// /// A TCP port that is not privileged.
/// struct HighPort(u16);
///
/// impl EnvValue for HighPort {
///     fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
///         let port = u16::parse_env(raw, cx)?;
///         if port < 1024 {
///             return Err(ValueError::new("port 1024–65535").detail("privileged port"));
///         }
///         Ok(HighPort(port))
///     }
///     fn type_kind() -> TypeKind {
///         TypeKind::Custom { name: "port 1024–65535".into() }
///     }
///     fn to_env(&self) -> Option<String> {
///         Some(self.0.to_string())
///     }
/// }
///
/// let cx = ParseContext::default();
/// assert!(HighPort::parse_env("8080", &cx).is_ok());
/// assert!(HighPort::parse_env("80", &cx).is_err());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from an environment variable",
    label = "this field's type does not implement `EnvValue`",
    note = "for an enum of accepted words, derive them: `#[derive(EnvEnum)]` on `{Self}`",
    note = "otherwise implement `envspec::EnvValue` for `{Self}`, or mark the field `#[env(from_str)]` (any `FromStr` type) or `#[env(json)]` (any `DeserializeOwned` type)",
    note = "for a struct of several variables, derive `EnvConfig` on it and mark the field `#[env(nested)]`"
)]
pub trait EnvValue: Sized {
    /// Parses a raw value. The error must not repeat `raw`: the loader shows it, masked
    /// when the variable is secret.
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError>;

    /// What the docs say the value looks like.
    fn type_kind() -> TypeKind;

    /// The value spelled as it would be in the environment, for documenting defaults.
    fn to_env(&self) -> Option<String> {
        None
    }

    /// A view of the value that declared rules (ranges, lengths, patterns) can check.
    fn view(&self) -> ValueView<'_> {
        ValueView::Opaque
    }

    /// The value of an unset variable: `None` makes the variable required.
    fn unset() -> Option<Self> {
        None
    }

    /// Values of this type are secrets: masked everywhere, as with `#[env(secret)]`.
    const SECRET: bool = false;
}

/// Settings that change how raw values are read.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ParseContext {
    /// Accept only `true` and `false` for booleans.
    pub strict_bool: bool,
    /// The directory a leading `~` in a path expands to.
    pub home: Option<std::path::PathBuf>,
    /// The list item separator, when a field declares one other than a comma (`" "`: any
    /// whitespace).
    pub separator: Option<&'static str>,
    /// The unit of a bare number read as a duration (`unit = "ms"`); seconds when `None`.
    pub unit: Option<&'static str>,
}

impl ParseContext {
    /// The home directory used for `~` expansion.
    pub fn home(&self) -> Option<&Path> {
        self.home.as_deref()
    }
}

/// Why a raw value was not accepted. Holds what was expected, never the value itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    expected: Cow<'static, str>,
    detail: Option<String>,
}

impl ValueError {
    /// A value that is not what `expected` describes (`integer`, `one of: a, b`).
    pub fn new(expected: impl Into<Cow<'static, str>>) -> Self {
        ValueError { expected: expected.into(), detail: None }
    }

    /// Adds why the value was refused; must not repeat the value.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// What was expected.
    pub fn expected(&self) -> &str {
        &self.expected
    }

    /// Why the value was refused, when known.
    pub fn reason(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The error as a report may show it: a parser that repeats the value it refused (against
    /// this trait's contract) has it masked, like a loaded secret or a URL's password.
    pub(crate) fn scrubbed(self, raw: &str, secret: bool, redactor: &crate::mask::Redactor) -> Self {
        let scrub = |text: &str| -> String {
            let text = if secret && raw.chars().count() >= 4 { text.replace(raw, "***") } else { text.to_owned() };
            match redactor.shown(&text) {
                Some(shown) => shown.into_owned(),
                None => "(hidden: it holds a secret)".to_owned(),
            }
        };
        let expected = scrub(&self.expected);
        let detail = self.detail.as_deref().map(scrub);
        ValueError { expected: Cow::Owned(expected), detail }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}", self.expected)?;
        if let Some(d) = &self.detail {
            write!(f, " ({d})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValueError {}

/// A parsed value as rules see it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ValueView<'a> {
    /// An integer.
    Int(i128),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// Text (also URLs, paths and secrets, for length and pattern rules).
    Str(Cow<'a, str>),
    /// A list of items.
    List(Vec<ValueView<'a>>),
    /// Nothing rules can check.
    Opaque,
    /// An unset optional value.
    None,
}

impl<T: EnvValue> EnvValue for Option<T> {
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
        T::parse_env(raw, cx).map(Some)
    }
    fn type_kind() -> TypeKind {
        T::type_kind()
    }
    fn to_env(&self) -> Option<String> {
        self.as_ref().and_then(T::to_env)
    }
    fn view(&self) -> ValueView<'_> {
        match self {
            Some(v) => v.view(),
            None => ValueView::None,
        }
    }
    fn unset() -> Option<Self> {
        Some(None)
    }
    const SECRET: bool = T::SECRET;
}
