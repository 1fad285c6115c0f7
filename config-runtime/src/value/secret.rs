//! Secret values, held in `secrecy` boxes that zeroize on drop and never print.

use super::{EnvValue, ParseContext, ValueError, ValueView};
use envspec_schema::TypeKind;
use secrecy::{ExposeSecret, SecretBox, SecretString};
use std::borrow::Cow;
use zeroize::Zeroize;

impl EnvValue for SecretString {
    fn parse_env(raw: &str, _: &ParseContext) -> Result<Self, ValueError> {
        Ok(SecretString::from(raw.to_owned()))
    }
    fn type_kind() -> TypeKind {
        TypeKind::String
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::Str(Cow::Borrowed(self.expose_secret()))
    }
    const SECRET: bool = true;
}

impl<T: EnvValue + Zeroize> EnvValue for SecretBox<T> {
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
        T::parse_env(raw, cx).map(|v| SecretBox::new(Box::new(v)))
    }
    fn type_kind() -> TypeKind {
        T::type_kind()
    }
    fn view(&self) -> ValueView<'_> {
        self.expose_secret().view()
    }
    const SECRET: bool = true;
}

/// Field types that keep their value out of `Debug`; `#[env(secret)]` requires one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` would print a secret in `Debug` output",
    label = "`#[env(secret)]` needs a type that never prints its value",
    note = "use `SecretString`, `SecretUrl` (for a URL or DSN) or `SecretBox<T>`, or `Option` of one (all re-exported by envspec)"
)]
pub trait SecretType {}
impl<S: Zeroize + ?Sized> SecretType for SecretBox<S> {}
impl<T: SecretType> SecretType for Option<T> {}
