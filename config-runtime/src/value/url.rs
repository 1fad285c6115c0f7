//! `url::Url`.

use super::{EnvValue, ParseContext, ValueError, ValueView};
use envspec_schema::TypeKind;
use std::borrow::Cow;

impl EnvValue for url::Url {
    fn parse_env(raw: &str, _: &ParseContext) -> Result<Self, ValueError> {
        // The parser's own message never quotes the input, so it is kept as the detail.
        url::Url::parse(raw.trim())
            .map_err(|e| ValueError::new("absolute URL such as https://host:port/path").detail(e.to_string()))
    }
    fn type_kind() -> TypeKind {
        TypeKind::Url
    }
    fn to_env(&self) -> Option<String> {
        Some(self.to_string())
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::Str(Cow::Borrowed(self.as_str()))
    }
}

/// A URL that is a secret, such as a DSN with its password: zeroized on drop, never printed
/// (`Debug` shows `SecretUrl([REDACTED])`), and masked in every report like any secret. URL
/// rules (`schemes`) check it as they check a [`url::Url`].
///
/// ```
/// use envspec::{EnvConfig, ExposeSecret, SecretUrl};
///
/// #[derive(EnvConfig, Debug)]
/// struct Db {
///     #[env(secret, schemes("postgres", "postgresql"))]
///     database_url: SecretUrl,
/// }
///
/// let db = Db::loader().env_map([("DATABASE_URL", "postgres://app:pw@db/app")]).load().unwrap();
/// assert_eq!(db.database_url.url().host_str(), Some("db"));
/// assert_eq!(db.database_url.expose_secret(), "postgres://app:pw@db/app");
/// assert!(!format!("{db:?}").contains("pw"));
/// ```
pub struct SecretUrl {
    raw: zeroize::Zeroizing<String>,
}

impl SecretUrl {
    /// A parsed copy of the URL. It is not zeroized: keep it no longer than needed.
    pub fn url(&self) -> url::Url {
        url::Url::parse(&self.raw).expect("a SecretUrl holds a URL that parsed")
    }

    /// The scheme, such as `postgres`.
    pub fn scheme(&self) -> &str {
        self.raw.split_once(':').map_or("", |(s, _)| s)
    }
}

impl secrecy::ExposeSecret<str> for SecretUrl {
    fn expose_secret(&self) -> &str {
        &self.raw
    }
}

impl std::fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretUrl([REDACTED])")
    }
}

impl Clone for SecretUrl {
    fn clone(&self) -> Self {
        SecretUrl { raw: self.raw.clone() }
    }
}

impl EnvValue for SecretUrl {
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
        url::Url::parse_env(raw, cx)?;
        Ok(SecretUrl { raw: zeroize::Zeroizing::new(raw.trim().to_owned()) })
    }
    fn type_kind() -> TypeKind {
        TypeKind::Url
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::Str(Cow::Borrowed(&self.raw))
    }
    const SECRET: bool = true;
}

impl super::SecretType for SecretUrl {}
