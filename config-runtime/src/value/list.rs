//! Lists and sets: comma-separated (`a, b, c`) or a JSON array (`["a","b"]`).

use super::{EnvValue, ParseContext, ValueError, ValueView};
use envspec_schema::TypeKind;
use envspec_schema::spelling;
use std::collections::{BTreeSet, HashSet};
use std::hash::Hash;

fn parse_items<T: EnvValue>(raw: &str, cx: &ParseContext) -> Result<Vec<T>, ValueError> {
    spelling::split_items(raw, cx.separator)
        .map_err(|e| {
            ValueError::new("JSON array or comma-separated list")
                .detail(format!("invalid JSON at line {} column {}", e.line, e.column))
        })?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            T::parse_env(item, cx).map_err(|e| {
                ValueError::new(format!("list of {}", T::type_kind())).detail(format!("item {}: {e}", i + 1))
            })
        })
        .collect()
}

/// Spells items back: comma-separated when no item contains a comma, else a JSON array.
fn join_items<'a, T: EnvValue + 'a>(items: impl Iterator<Item = &'a T>) -> Option<String> {
    let spelled: Option<Vec<String>> = items.map(T::to_env).collect();
    let spelled = spelled?;
    if spelled.iter().any(|s| s.contains(',') || s.trim() != s || s.is_empty()) {
        serde_json::to_string(&spelled).ok()
    } else {
        Some(spelled.join(","))
    }
}

impl<T: EnvValue> EnvValue for Vec<T> {
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
        parse_items(raw, cx)
    }
    fn type_kind() -> TypeKind {
        TypeKind::List { item: Box::new(T::type_kind()), unique: false, separator: None }
    }
    fn to_env(&self) -> Option<String> {
        join_items(self.iter())
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::List(self.iter().map(T::view).collect())
    }
}

impl<T: EnvValue + Ord> EnvValue for BTreeSet<T> {
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
        parse_items(raw, cx).map(|v| v.into_iter().collect())
    }
    fn type_kind() -> TypeKind {
        TypeKind::List { item: Box::new(T::type_kind()), unique: true, separator: None }
    }
    fn to_env(&self) -> Option<String> {
        join_items(self.iter())
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::List(self.iter().map(T::view).collect())
    }
}

impl<T: EnvValue + Eq + Hash, S: std::hash::BuildHasher + Default> EnvValue for HashSet<T, S> {
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
        parse_items(raw, cx).map(|v| v.into_iter().collect())
    }
    fn type_kind() -> TypeKind {
        TypeKind::List { item: Box::new(T::type_kind()), unique: true, separator: None }
    }
    fn to_env(&self) -> Option<String> {
        // Sorted so that a documented default does not change from run to run.
        let mut items: Vec<String> = self.iter().map(T::to_env).collect::<Option<_>>()?;
        items.sort();
        join_items(items.iter())
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::List(self.iter().map(T::view).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_accept_commas_or_json() {
        let cx = ParseContext::default();
        let a = Vec::<String>::parse_env("Card, ListView,", &cx).unwrap();
        let b = Vec::<String>::parse_env(r#"["Card","ListView"]"#, &cx).unwrap();
        assert_eq!(a, vec!["Card", "ListView"]);
        assert_eq!(a, b);
        assert_eq!(Vec::<u16>::parse_env("[1, 2]", &cx).unwrap(), vec![1, 2]);
        let err = Vec::<u16>::parse_env("1,x", &cx).unwrap_err();
        assert_eq!(err.reason(), Some("item 2: expected integer 0–65535 (not a whole number)"));
        assert!(Vec::<String>::parse_env("[1,", &cx).is_err());
    }

    #[test]
    fn sets_drop_duplicates_and_spell_back_sorted() {
        let cx = ParseContext::default();
        let s = HashSet::<String>::parse_env("b,a,b", &cx).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s.to_env().as_deref(), Some("a,b"));
        let with_comma = vec!["a,b".to_string()];
        assert_eq!(with_comma.to_env().as_deref(), Some(r#"["a,b"]"#));
    }
}
