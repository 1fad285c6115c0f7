//! The parsers behind `#[env(json)]` and `#[env(from_str)]`, for types that do not implement
//! [`EnvValue`](super::EnvValue) themselves.

use super::{ParseContext, ValueError};
use std::fmt::Display;
use std::str::FromStr;

/// Reads any `DeserializeOwned` type from JSON text.
pub fn parse_json<T: serde::de::DeserializeOwned>(raw: &str, _: &ParseContext) -> Result<T, ValueError> {
    serde_json::from_str(raw).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => "JSON of the wrong shape",
            _ => "invalid JSON",
        };
        ValueError::new(format!("JSON ({})", short_type_name::<T>())).detail(format!(
            "{what} at line {} column {}",
            e.line(),
            e.column()
        ))
    })
}

/// Reads any `FromStr` type; the type's error message is kept when it is short and does not
/// quote the input.
pub fn parse_from_str<T: FromStr>(raw: &str, _: &ParseContext) -> Result<T, ValueError>
where
    T::Err: Display,
{
    raw.parse::<T>().map_err(|e| {
        let err = ValueError::new(short_type_name::<T>());
        let msg = e.to_string();
        if !raw.is_empty() && msg.contains(raw) { err } else { err.detail(msg) }
    })
}

/// `my_crate::module::Type<Arg>` as `Type<Arg>`.
pub(crate) fn short_type_name<T>() -> String {
    let full = std::any::type_name::<T>();
    let head = full.split('<').next().unwrap_or(full);
    let short = head.rsplit("::").next().unwrap_or(head);
    format!("{short}{}", &full[head.len()..])
}
