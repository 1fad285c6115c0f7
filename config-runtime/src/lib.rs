//! # EnvConfig
//!
//! One declaration of a service's environment configuration, from which it is parsed,
//! validated and documented. Annotate a struct with `#[derive(EnvConfig)]`, then load it:
//!
//! ```
//! use envspec::{EnvConfig, SecretString, ExposeSecret};
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
//! - [`LoadError`]: every [`Problem`] of a failed load. With the `miette` feature it, each
//!   [`Problem`] and each [`Warning`] implement `miette::Diagnostic`: a stable code
//!   (`envspec::invalid`), help (the valid values, the closest name, how to generate a
//!   secret), and the line of the `.env` or TOML file that set the value, masked.
//!
//! The library never writes to the process environment: it reads it once into a snapshot.
//! With a prefix, the snapshot holds only the prefixed variables (read, or reported as
//! unknown) and the declared names outside the prefix (`no_prefix` fields, fallbacks), plus
//! `HOME`; other variables are neither copied nor kept.

#![warn(missing_docs)]

mod ctx;
mod desc;
#[cfg(feature = "miette")]
mod diagnostic;
mod enums;
mod error;
#[cfg(feature = "clap")]
#[cfg_attr(docsrs, doc(cfg(feature = "clap")))]
pub mod flags;
mod loaded;
mod loader;
mod lookup;
mod mask;
mod model;
mod overlay;
mod record;
mod report;
mod rule_types;
mod rules;
mod schema_build;
mod source;
mod suggest;
mod value;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use envspec_derive::{EnvConfig, EnvEnum};
pub use envspec_schema as schema;
pub use envspec_schema::{ConfigSchema, TypeKind, ValueType, Variable};
pub use error::{LoadError, Problem, ShownValue, Warning};
#[cfg(feature = "clap")]
pub use flags::Flags;
pub use loaded::Loaded;
pub use loader::{EnvConfig, Loader};
pub use lookup::Step;
pub use mask::{Escaped, breaks_lines, mask_url_credentials};
pub use overlay::{OverlayError, OverlayMode, OverlayProblem};
pub use report::{Provenance, State, Status, StatusLine, ValueSource};
pub use rule_types::{
    BoolValue, DurationValue, ForbidRule, LenientValue, ListValue, NumberRule, OptionalValue, TextItem, TextItemsRule,
    TextOrListRule, TextRule,
};
pub use secrecy::{self, ExposeSecret, SecretBox, SecretString};
pub use source::{MAX_FILE_BYTES, Origin};
#[cfg(feature = "url")]
pub use url::{self, Url};
#[cfg(feature = "url")]
pub use value::SecretUrl;
pub use value::{EnvValue, ParseContext, SecretType, ValueError, ValueView};

/// The package README's examples, compiled and run as doctests (the workspace README's are
/// run by the `envconfig-tests` crate).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
