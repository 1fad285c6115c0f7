//! `default_from` templates: text with `{field}` placeholders, each optionally passed through
//! a filter (`{repository_sqlite_path|parent}`, `{api_url|trim_suffix:/api}`). The derive
//! checks templates with [`parse`], the runtime renders them with [`render`], and the schema
//! shows them with their fields replaced by variable names ([`map_fields`]).

use std::fmt;

/// A filter applied to a placeholder's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter<'a> {
    /// The directory part of a path: `a/b/c.db` → `a/b`, `c.db` → `.`, `/c` → `/`.
    Parent,
    /// The value without this suffix (and without trailing `/`): `https://x/api` → `https://x`.
    TrimSuffix(&'a str),
}

/// One piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// Text copied as is.
    Text(&'a str),
    /// `{field}` or `{field|filter}`.
    Field {
        /// The field (or variable) named.
        field: &'a str,
        /// The filter applied to its value.
        filter: Option<Filter<'a>>,
    },
}

/// Why a template is malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// A `{` without its `}`.
    Unclosed,
    /// `{}`: a placeholder without a field.
    EmptyPlaceholder,
    /// A filter that does not exist, as written.
    UnknownFilter(String),
    /// No placeholder at all: the template is a constant.
    NoPlaceholder,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Unclosed => f.write_str("unclosed `{`"),
            TemplateError::EmptyPlaceholder => f.write_str("`{}` names no field"),
            TemplateError::UnknownFilter(name) => write!(
                f,
                "unknown filter `{name}`; the filters are `{{field|parent}}` (the directory part of a path) and `{{field|trim_suffix:TEXT}}`"
            ),
            TemplateError::NoPlaceholder => f.write_str("no `{field}` placeholder"),
        }
    }
}

impl<'a> Filter<'a> {
    /// The filter named by the text after `|`.
    pub fn parse(text: &'a str) -> Result<Self, TemplateError> {
        let text = text.trim();
        if text == "parent" {
            return Ok(Filter::Parent);
        }
        match text.strip_prefix("trim_suffix:") {
            Some(suffix) if !suffix.is_empty() => Ok(Filter::TrimSuffix(suffix)),
            _ => Err(TemplateError::UnknownFilter(text.to_owned())),
        }
    }

    /// The filtered value.
    pub fn apply(self, value: &str) -> String {
        let trimmed = value.trim_end_matches('/');
        match self {
            Filter::Parent => match trimmed.rfind('/') {
                Some(0) => "/".to_owned(),
                Some(i) => trimmed[..i].to_owned(),
                None => ".".to_owned(),
            },
            Filter::TrimSuffix(suffix) => trimmed.strip_suffix(suffix).unwrap_or(trimmed).to_owned(),
        }
    }
}

impl fmt::Display for Filter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Parent => f.write_str("parent"),
            Filter::TrimSuffix(s) => write!(f, "trim_suffix:{s}"),
        }
    }
}

/// The pieces of a template, or why it is malformed. A template needs at least one field.
pub fn parse(template: &str) -> Result<Vec<Part<'_>>, TemplateError> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(Part::Text(&rest[..open]));
        }
        let close = rest[open..].find('}').ok_or(TemplateError::Unclosed)? + open;
        let inner = &rest[open + 1..close];
        let (field, filter) = match inner.split_once('|') {
            Some((field, filter)) => (field.trim(), Some(Filter::parse(filter)?)),
            None => (inner.trim(), None),
        };
        if field.is_empty() {
            return Err(TemplateError::EmptyPlaceholder);
        }
        parts.push(Part::Field { field, filter });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest));
    }
    if !parts.iter().any(|p| matches!(p, Part::Field { .. })) {
        return Err(TemplateError::NoPlaceholder);
    }
    Ok(parts)
}

/// The fields a template reads, in order (empty for a malformed template).
pub fn fields(template: &str) -> Vec<&str> {
    parse(template)
        .map(|parts| {
            parts
                .into_iter()
                .filter_map(|p| match p {
                    Part::Field { field, .. } => Some(field),
                    Part::Text(_) => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Renders a template, reading each field's value through `value_of`; `None` when a field has
/// no value (or the template is malformed).
pub fn render(template: &str, mut value_of: impl FnMut(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    for part in parse(template).ok()? {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Field { field, filter } => {
                let value = value_of(field)?;
                match filter {
                    Some(f) => out.push_str(&f.apply(&value)),
                    None => out.push_str(&value),
                }
            }
        }
    }
    Some(out)
}

/// The template with each field renamed by `rename` (filters kept): how the schema shows a
/// template over variable names, `{APP_API_URL|trim_suffix:/api}`.
pub fn map_fields(template: &str, mut rename: impl FnMut(&str) -> String) -> String {
    let Ok(parts) = parse(template) else { return template.to_owned() };
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Field { field, filter } => {
                out.push('{');
                out.push_str(&rename(field));
                if let Some(f) = filter {
                    out.push('|');
                    out.push_str(&f.to_string());
                }
                out.push('}');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fields_and_filters() {
        let parts = parse("{a|parent}/x{b}").unwrap();
        assert_eq!(
            parts,
            [
                Part::Field { field: "a", filter: Some(Filter::Parent) },
                Part::Text("/x"),
                Part::Field { field: "b", filter: None }
            ]
        );
        assert_eq!(parse("{a"), Err(TemplateError::Unclosed));
        assert_eq!(parse("{a|upper}"), Err(TemplateError::UnknownFilter("upper".into())));
        assert_eq!(parse("{a|trim_suffix:}"), Err(TemplateError::UnknownFilter("trim_suffix:".into())));
        assert_eq!(parse("plain"), Err(TemplateError::NoPlaceholder));
        assert_eq!(parse("{ }"), Err(TemplateError::EmptyPlaceholder));
    }

    #[test]
    fn filters_apply_to_paths_and_urls() {
        assert_eq!(Filter::Parent.apply("~/.orcheo/workflows.sqlite"), "~/.orcheo");
        assert_eq!(Filter::Parent.apply("/data/"), "/");
        assert_eq!(Filter::Parent.apply("file.db"), ".");
        assert_eq!(Filter::TrimSuffix("/api").apply("https://x.test/api/"), "https://x.test");
        assert_eq!(Filter::TrimSuffix("/api").apply("https://x.test"), "https://x.test");
    }

    #[test]
    fn renders_and_renames() {
        let out = render("{a}/consent", |f| (f == "a").then(|| "https://x".to_owned()));
        assert_eq!(out.as_deref(), Some("https://x/consent"));
        assert_eq!(render("{b}", |_| None), None);
        assert_eq!(map_fields("{a|trim_suffix:/api}/x", |f| f.to_uppercase()), "{A|trim_suffix:/api}/x");
    }
}
