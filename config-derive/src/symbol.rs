//! Every attribute keyword, in one place, so unknown keys can be matched against them.

/// Keys accepted in `#[env(...)]` on a struct.
pub const CONTAINER_KEYS: &[&str] =
    &["prefix", "section", "empty", "strict_bool", "profiles", "check", "crate", "docs"];

/// Keys accepted in `#[env(...)]` on a field.
pub const FIELD_KEYS: &[&str] = &[
    "name",
    "no_prefix",
    "alias",
    "default",
    "default_from",
    "same_as",
    "secret",
    "bootstrap",
    "deprecated",
    "example",
    "generate",
    "used_by",
    "section",
    "nested",
    "flatten",
    "prefix",
    "json",
    "from_str",
    "file",
    "strict_bool",
    "profile",
    "range",
    "min",
    "max",
    "gt",
    "lt",
    "min_len",
    "max_len",
    "len",
    "pattern",
    "item_pattern",
    "key",
    "schemes",
    "non_empty",
    "forbid",
    "validate",
    "required_if",
    "read_if",
    "separator",
    "required_with",
    "required_in",
    "forbidden_in",
    "not_default_in",
    "dev_default",
    "warn_in",
    "fallback",
];

/// Keys accepted in `#[env(...)]` on an enum deriving `EnvConfig` (a backend group).
pub const GROUP_KEYS: &[&str] = &["selector", "default", "prefix", "section", "crate"];

/// Keys accepted in `#[env(...)]` on a backend group's variant.
pub const GROUP_VARIANT_KEYS: &[&str] = &["rename", "alias", "prefix"];

/// Keys accepted in `#[env(...)]` on an `EnvEnum` enum.
pub const ENUM_KEYS: &[&str] = &["rename_all", "crate"];

/// Keys accepted in `#[env(...)]` on an `EnvEnum` variant.
pub const VARIANT_KEYS: &[&str] = &["rename", "alias"];

/// The accepted key closest to `key`, for "did you mean" hints.
pub fn closest(key: &str, keys: &[&'static str]) -> Option<&'static str> {
    keys.iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// "unknown attribute `x`", with a suggestion or the list of valid keys.
pub fn unknown_key_message(key: &str, keys: &[&'static str], place: &str) -> String {
    match closest(key, keys) {
        Some(k) => format!("unknown {place} attribute `{key}`; did you mean `{k}`?"),
        None => format!("unknown {place} attribute `{key}`; expected one of: {}", keys.join(", ")),
    }
}
