//! # EnvConfig
//!
//! One declaration of a service's environment configuration, from which it is parsed,
//! validated and documented. Annotate a struct with `#[derive(EnvConfig)]`, then load it:
//!
//! ```
//! use config_runtime::{EnvConfig, SecretString, ExposeSecret};
//!
//! /// Settings of the API process.
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "APP_")]
//! struct Settings {
//!     /// Port the API listens on.
//!     #[env(default = 8888, range = 1..=65535)]
//!     api_port: u16,
//!     /// Signs session tokens.
//!     #[env(secret, min_len = 32)]
//!     session_key: SecretString,
//!     /// Read replica; reads go to the primary when unset.
//!     replica_url: Option<String>,
//! }
//!
//! let loaded = Settings::loader()
//!     .env_map([("APP_SESSION_KEY", "k".repeat(32))])
//!     .load()
//!     .expect("valid configuration");
//! assert_eq!(loaded.api_port, 8888);
//! assert_eq!(loaded.session_key.expose_secret().len(), 32);
//! assert!(loaded.replica_url.is_none());
//!
//! // Every problem is reported at once, and secrets are never printed.
//! let err = Settings::loader()
//!     .env_map([("APP_API_PORT", "0"), ("APP_SESSION_KEY", "short")])
//!     .load()
//!     .unwrap_err();
//! assert_eq!(err.problems().len(), 2);
//! assert!(!err.to_string().contains("short"));
//! ```
//!
//! The README has the full reference of the attribute language. The pieces:
//! - [`EnvConfig`]: implemented by the derive; [`EnvConfig::schema`] returns the
//!   [`ConfigSchema`] the docs are rendered from, [`EnvConfig::loader`] configures a load.
//! - [`EnvValue`]: how one variable is parsed; implement it for your own types.
//! - [`Loaded`]: the config with its warnings, [provenance](Loaded::provenance),
//!   [status](Loaded::status) and runtime [overlays](Loaded::overlay).
//! - [`LoadError`]: every [`Problem`] of a failed load.
//!
//! The library never writes to the process environment: it reads it once into a snapshot.
//! With a prefix, the snapshot holds only the prefixed variables (read, or reported as
//! unknown) and the declared names outside the prefix (`no_prefix` fields, fallbacks), plus
//! `HOME`; other variables are neither copied nor kept.

mod ctx;
mod desc;
mod enums;
mod error;
mod loaded;
mod loader;
mod record;
mod report;
mod rule_types;
mod rules;
mod schema_build;
mod source;
mod suggest;
mod template;
mod value;

pub use config_derive::{EnvConfig, EnvEnum};
pub use config_schema as schema;
pub use config_schema::{ConfigSchema, TypeKind, ValueType, Variable};
pub use error::{LoadError, Problem, ShownValue, Warning};
pub use loaded::{Loaded, OverlayError, OverlayMode, OverlayProblem};
pub use loader::Loader;
pub use report::{Provenance, State, Status, StatusLine, ValueSource};
pub use rule_types::{NumberRule, TextOrListRule, TextRule};
pub use secrecy::{self, ExposeSecret, SecretBox, SecretString};
pub use source::{MAX_FILE_BYTES, Origin};
#[cfg(feature = "url")]
pub use url::{self, Url};
pub use value::{EnvValue, ParseContext, ValueError, ValueView};

/// A configuration struct. Implemented by `#[derive(EnvConfig)]`; see the crate docs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a configuration struct",
    label = "`nested` fields need a type that derives `EnvConfig`",
    note = "add `#[derive(EnvConfig)]` to `{Self}`, or drop `nested`/`flatten` to read it as one value"
)]
pub trait EnvConfig: Sized {
    #[doc(hidden)]
    const DESC: &'static __private::StructDesc;

    #[doc(hidden)]
    fn __build(ctx: &mut __private::Ctx<'_>) -> Option<Self>;

    /// The model of this configuration: every variable with its type, default, markers,
    /// rules and conditions. Docs and tools read this; nothing reads the macro's tokens.
    fn schema() -> ConfigSchema {
        schema_build::build(Self::DESC)
    }

    /// A loader reading the process environment, to which `.env` files and other sources
    /// can be added.
    fn loader() -> Loader<Self> {
        Loader::new()
    }

    /// Loads from the process environment alone, dropping warnings and provenance.
    fn from_env() -> Result<Self, LoadError> {
        Self::loader().load().map(Loaded::into_inner)
    }
}

/// What generated code calls. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::ctx::Ctx;
    pub use crate::desc::{CheckDesc, DefaultDesc, EmptyValues, FieldDesc, StructDesc};
    pub use crate::enums::{EnumVariant, enum_kind, parse_enum};
    pub use crate::schema::{Bound, Condition, KeyEncoding, ProfileRule, ProfileRuleKind, Rule, Text, TypeKind};
    pub use crate::value::{FieldType, SecretType, parse_from_str, parse_json};
    pub use crate::{EnvConfig, EnvValue, ParseContext, ValueError, ValueView};
    pub use core::option::Option::{self, None, Some};
    pub use core::result::Result::{self, Err, Ok};
    pub use std::borrow::Cow;

    /// Unwraps a field that `__build` has checked is `Some`. Used instead of `?` so that a
    /// struct of N fields does not get N early returns each dropping up to N values, which made
    /// release builds grow quadratically with the field count.
    #[inline]
    pub fn take<T>(value: Option<T>) -> T {
        match value {
            Some(v) => v,
            None => unchecked_field(),
        }
    }

    /// `extern "C"` so that calls to it cannot unwind: no landing pads, hence no per-field
    /// cleanup code (a panic here aborts, and it is unreachable).
    #[cold]
    #[inline(never)]
    extern "C" fn unchecked_field() -> ! {
        panic!("EnvConfig: a field was read as unset after every field was checked (a bug in the derive)")
    }

    /// The descriptor of a nested configuration, as a `fn` pointer for static tables.
    pub fn desc_of<C: EnvConfig>() -> &'static StructDesc {
        C::DESC
    }

    /// The type description of a field, as a `fn` pointer for static tables.
    pub fn field_type<T: EnvValue>() -> FieldType {
        FieldType::of::<T>()
    }

    /// The spelling of `T::default()`, for documenting `#[env(default)]`.
    pub fn default_spelling<T: EnvValue + Default>() -> Option<String> {
        T::default().to_env()
    }

    /// `None`, for `unset` of required marker fields.
    pub fn required<T>() -> Option<T> {
        None
    }

    /// `Some(None)`, for `unset` of optional marker fields.
    pub fn optional<T>() -> Option<Option<T>> {
        Some(None)
    }

    /// Wraps a parser's output in `Some`, for optional marker fields.
    pub fn parse_some<T>(
        parse: fn(&str, &ParseContext) -> Result<T, ValueError>,
        raw: &str,
        cx: &ParseContext,
    ) -> Result<Option<T>, ValueError> {
        parse(raw, cx).map(Some)
    }

    /// Describes a `#[env(json)]` field of type `T`.
    pub fn json_type<T>() -> FieldType {
        FieldType::json::<T>(false)
    }

    /// Describes a `#[env(json)]` field of type `Option<T>`.
    pub fn json_type_opt<T>() -> FieldType {
        FieldType::json::<T>(true)
    }

    /// Describes a `#[env(from_str)]` field of type `T`.
    pub fn from_str_type<T>() -> FieldType {
        FieldType::parsed_from_str::<T>(false)
    }

    /// Describes a `#[env(from_str)]` field of type `Option<T>`.
    pub fn from_str_type_opt<T>() -> FieldType {
        FieldType::parsed_from_str::<T>(true)
    }

    /// Compile-time checks emitted by the derive; each does nothing at run time.
    pub const fn assert_secret<T: SecretType + ?Sized>() {}
    pub const fn assert_number_rule<T: crate::NumberRule + ?Sized>() {}
    pub const fn assert_text_rule<T: crate::TextRule + ?Sized>() {}
    pub const fn assert_text_or_list_rule<T: crate::TextOrListRule + ?Sized>() {}
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
