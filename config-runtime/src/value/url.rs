//! `url::Url`.

use super::{EnvValue, ParseContext, ValueError, ValueView};
use config_schema::TypeKind;
use std::borrow::Cow;

impl EnvValue for url::Url {
    fn parse_env(raw: &str, _: &ParseContext) -> Result<Self, ValueError> {
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
