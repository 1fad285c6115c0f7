//! Filters of `default_from` placeholders: `{field|parent}`, `{field|trim_suffix:/api}`.
//! The derive checks filter names at compile time; these apply them at load time.

/// `field|filter` split at the first `|`.
pub(crate) fn split(placeholder: &str) -> (&str, Option<&str>) {
    match placeholder.split_once('|') {
        Some((field, filter)) => (field.trim(), Some(filter.trim())),
        None => (placeholder.trim(), None),
    }
}

/// Applies a filter; `None` for an unknown one (the derive refuses those).
pub(crate) fn apply(filter: &str, value: &str) -> Option<String> {
    if filter == "parent" {
        let trimmed = value.trim_end_matches('/');
        return Some(match trimmed.rfind('/') {
            Some(0) => "/".to_owned(),
            Some(i) => trimmed[..i].to_owned(),
            None => ".".to_owned(),
        });
    }
    if let Some(suffix) = filter.strip_prefix("trim_suffix:") {
        let trimmed = value.trim_end_matches('/');
        return Some(trimmed.strip_suffix(suffix).unwrap_or(trimmed).to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_is_the_directory() {
        assert_eq!(apply("parent", "~/.orcheo/workflows.sqlite").as_deref(), Some("~/.orcheo"));
        assert_eq!(apply("parent", "/data/").as_deref(), Some("/"));
        assert_eq!(apply("parent", "file.db").as_deref(), Some("."));
    }

    #[test]
    fn trim_suffix_removes_one_suffix() {
        assert_eq!(apply("trim_suffix:/api", "https://x.test/api").as_deref(), Some("https://x.test"));
        assert_eq!(apply("trim_suffix:/api", "https://x.test/api/").as_deref(), Some("https://x.test"));
        assert_eq!(apply("trim_suffix:/api", "https://x.test").as_deref(), Some("https://x.test"));
        assert_eq!(apply("upper", "x"), None);
    }
}
