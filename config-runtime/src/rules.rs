//! Checking declared rules against a parsed value, through its [`ValueView`].

use crate::value::ValueView;
use envspec_schema::{KeyEncoding, Number, Rule};

/// Whether `view` satisfies `rule`. Views a rule cannot judge (opaque values, unset
/// optionals) pass: the derive refuses rules on types they cannot apply to.
pub(crate) fn satisfies(rule: &Rule, view: &ValueView<'_>) -> Result<(), RuleError> {
    if matches!(view, ValueView::None | ValueView::Opaque) {
        return Ok(());
    }
    let ok = match rule {
        Rule::Range { min, max } => match number(view) {
            Some(Number::Float(x)) if !x.is_finite() => false,
            Some(x) => min.as_ref().is_none_or(|b| b.admits_above(x)) && max.as_ref().is_none_or(|b| b.admits_below(x)),
            None => true,
        },
        Rule::Length { min, max } => match length(view) {
            Some(n) => min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m),
            None => true,
        },
        Rule::Pattern { regex } => match view {
            ValueView::Str(s) => matches(regex, s)?,
            _ => true,
        },
        Rule::Key { bytes, encodings } => match view {
            ValueView::Str(s) => encodings.iter().any(|e| is_key(s, *e, *bytes)),
            _ => true,
        },
        Rule::Schemes { schemes } => match view {
            ValueView::Str(s) => {
                let scheme = s.split_once(':').map(|(s, _)| s).unwrap_or("");
                schemes.iter().any(|want| want.eq_ignore_ascii_case(scheme))
            }
            _ => true,
        },
        Rule::NonEmpty => match view {
            ValueView::List(items) => !items.is_empty(),
            ValueView::Str(s) => !s.is_empty(),
            _ => true,
        },
        Rule::ItemPattern { regex } => match view {
            ValueView::List(items) => {
                let mut all = true;
                for item in items {
                    if let ValueView::Str(s) = item {
                        all &= matches(regex, s)?;
                    }
                }
                all
            }
            _ => true,
        },
        Rule::Forbid { values } => {
            let is_forbidden = |s: &str| values.iter().any(|v| v == s);
            match view {
                ValueView::Str(s) => !is_forbidden(s),
                ValueView::List(items) => !items.iter().any(|i| matches!(i, ValueView::Str(s) if is_forbidden(s))),
                _ => true,
            }
        }
        Rule::Custom { .. } => true,
        _ => true,
    };
    if ok { Ok(()) } else { Err(RuleError::Broken) }
}

/// Why a rule did not pass.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RuleError {
    /// The value breaks the rule.
    Broken,
    /// The declared pattern is not a valid regular expression.
    #[cfg_attr(not(feature = "regex"), allow(dead_code))]
    BadPattern(String),
}

/// The number a rule compares: integers stay exact.
fn number(view: &ValueView<'_>) -> Option<Number> {
    match view {
        ValueView::Int(i) => Some(Number::Int(*i)),
        ValueView::Float(f) => Some(Number::Float(*f)),
        _ => None,
    }
}

fn length(view: &ValueView<'_>) -> Option<u64> {
    match view {
        ValueView::Str(s) => Some(s.chars().count() as u64),
        ValueView::List(items) => Some(items.len() as u64),
        _ => None,
    }
}

fn is_key(s: &str, encoding: KeyEncoding, bytes: u32) -> bool {
    if s.len() != encoding.encoded_len(bytes) as usize {
        return false;
    }
    match encoding {
        KeyEncoding::Hex => s.bytes().all(|b| b.is_ascii_hexdigit()),
        KeyEncoding::Base64 => {
            let body = s.trim_end_matches('=');
            let pad = s.len() - body.len();
            pad <= 2
                && body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
                && s.len() / 4 * 3 - pad == bytes as usize
        }
    }
}

#[cfg(feature = "regex")]
fn matches(pattern: &str, s: &str) -> Result<bool, RuleError> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<String, regex_lite::Regex>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    if !cache.contains_key(pattern) {
        let re = regex_lite::Regex::new(&format!("^(?:{pattern})$"))
            .map_err(|e| RuleError::BadPattern(format!("it is invalid ({e})")))?;
        cache.insert(pattern.to_owned(), re);
    }
    Ok(cache[pattern].is_match(s))
}

/// Without the `regex` feature a pattern cannot be checked; failing the load says so, where
/// passing would silently drop a declared rule.
#[cfg(not(feature = "regex"))]
fn matches(_: &str, _: &str) -> Result<bool, RuleError> {
    Err(RuleError::BadPattern("envspec was built without its `regex` feature".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use envspec_schema::{Bound, Text};
    use std::borrow::Cow;

    fn s(v: &str) -> ValueView<'_> {
        ValueView::Str(Cow::Borrowed(v))
    }

    #[test]
    fn ranges_are_inclusive_or_exclusive_and_refuse_nan() {
        let gt0 = Rule::range(Some(Bound::new(0.0, "0", false)), None);
        assert!(satisfies(&gt0, &ValueView::Int(1)).is_ok());
        assert!(satisfies(&gt0, &ValueView::Int(0)).is_err());
        let ratio = Rule::range(Some(Bound::new(0.0, "0.0", true)), Some(Bound::new(1.0, "1.0", true)));
        assert!(satisfies(&ratio, &ValueView::Float(1.0)).is_ok());
        assert!(satisfies(&ratio, &ValueView::Float(f64::NAN)).is_err());
        assert!(satisfies(&ratio, &ValueView::Float(f64::INFINITY)).is_err());
    }

    #[test]
    fn keys_check_length_and_alphabet() {
        let rule = Rule::key(32, &[KeyEncoding::Hex, KeyEncoding::Base64]);
        assert!(satisfies(&rule, &s(&"ab".repeat(32))).is_ok());
        assert!(satisfies(&rule, &s(&"zz".repeat(32))).is_err());
        assert!(satisfies(&rule, &s("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")).is_ok());
        assert!(satisfies(&rule, &s("AAAA")).is_err());
    }

    #[test]
    fn schemes_and_forbidden_items() {
        let rule = Rule::schemes(&[Text::Borrowed("redis"), Text::Borrowed("rediss")]);
        assert!(satisfies(&rule, &s("rediss://h:6379")).is_ok());
        assert!(satisfies(&rule, &s("http://h")).is_err());
        let star = Rule::forbid(&[Text::Borrowed("*")]);
        assert!(satisfies(&star, &ValueView::List(vec![s("a"), s("*")])).is_err());
        assert!(satisfies(&star, &ValueView::List(vec![s("a")])).is_ok());
    }

    #[cfg(feature = "regex")]
    #[test]
    fn patterns_match_the_whole_value() {
        let rule = Rule::pattern("[a-z]+");
        assert!(satisfies(&rule, &s("abc")).is_ok());
        assert!(satisfies(&rule, &s("abc1")).is_err());
        assert!(matches!(satisfies(&Rule::pattern("("), &s("x")), Err(RuleError::BadPattern(_))));
    }

    #[cfg(not(feature = "regex"))]
    #[test]
    fn without_the_regex_feature_a_pattern_fails_rather_than_passes() {
        let Err(RuleError::BadPattern(why)) = satisfies(&Rule::pattern("[a-z]+"), &s("abc")) else {
            panic!("a pattern must not pass unchecked");
        };
        assert!(why.contains("`regex` feature"), "{why}");
    }
}
