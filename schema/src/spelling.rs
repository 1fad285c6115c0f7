//! How values are spelled in the environment: booleans, integers, enum spellings, list items,
//! and when two spellings mean the same value. The runtime's parsers, the derive's
//! compile-time checks and the renderers all read these, so they cannot disagree.

use crate::TypeKind;
use std::borrow::Cow;

/// Spellings of `true` outside strict mode, compared case-insensitively.
pub const TRUE_WORDS: &[&str] = &["true", "1", "yes", "on"];
/// Spellings of `false` outside strict mode, compared case-insensitively.
pub const FALSE_WORDS: &[&str] = &["false", "0", "no", "off"];

/// The boolean `raw` spells (surrounding whitespace ignored). With `strict`, only `true` and
/// `false` are booleans.
pub fn parse_bool(raw: &str, strict: bool) -> Option<bool> {
    let s = raw.trim();
    if strict {
        return match s {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
    }
    if TRUE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(s)) {
        Some(true)
    } else if FALSE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(s)) {
        Some(false)
    } else {
        None
    }
}

/// Why a spelling is not an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerSpellingError {
    /// Nothing but whitespace.
    Empty,
    /// Not a sign followed by digits (`++1`, `1.5`, `0x10`, `_1`).
    NotAWholeNumber,
}

/// An integer as written in the environment, reduced to what `str::parse` accepts: surrounding
/// whitespace trimmed, at most one sign (`+` dropped), `_` allowed between digits
/// (`1_000`). `++1`, `+-1`, `_1` and `1_` are not integers.
pub fn integer_digits(raw: &str) -> Result<Cow<'_, str>, IntegerSpellingError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(IntegerSpellingError::Empty);
    }
    let (negative, body) = match s.as_bytes()[0] {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let bytes = body.as_bytes();
    let digits_ok = !bytes.is_empty()
        && bytes[0].is_ascii_digit()
        && bytes[bytes.len() - 1].is_ascii_digit()
        && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'_');
    if !digits_ok {
        return Err(IntegerSpellingError::NotAWholeNumber);
    }
    if !negative && !body.contains('_') {
        return Ok(Cow::Borrowed(body));
    }
    let mut out = String::with_capacity(body.len() + 1);
    if negative {
        out.push('-');
    }
    out.extend(body.chars().filter(|c| *c != '_'));
    Ok(Cow::Owned(out))
}

/// The integer `raw` spells, if it fits in an `i128`.
pub fn parse_integer(raw: &str) -> Option<i128> {
    integer_digits(raw).ok()?.parse().ok()
}

/// Whether `raw` is this enum spelling (surrounding whitespace ignored, any case).
pub fn spells(spelling: &str, raw: &str) -> bool {
    spelling.eq_ignore_ascii_case(raw.trim())
}

/// The index of the variant `raw` spells, by canonical name or alias. `variants` yields each
/// variant's name and aliases.
pub fn find_variant<'a, A>(raw: &str, variants: impl IntoIterator<Item = (&'a str, A)>) -> Option<usize>
where
    A: IntoIterator<Item = &'a str>,
{
    variants.into_iter().position(|(name, aliases)| spells(name, raw) || aliases.into_iter().any(|a| spells(a, raw)))
}

/// Why a list could not be split into items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSpellingError {
    /// 1-based line of the JSON syntax error.
    pub line: usize,
    /// 1-based column of the JSON syntax error.
    pub column: usize,
}

/// Splits a list into item spellings: a JSON array when it starts with `[` (strings as is,
/// other items as JSON), otherwise items split on `separator` (a comma when `None`; `" "`
/// means any whitespace), trimmed, empty items dropped.
pub fn split_items(raw: &str, separator: Option<&str>) -> Result<Vec<String>, ListSpellingError> {
    let s = raw.trim();
    if s.starts_with('[') {
        let items: Vec<serde_json::Value> =
            serde_json::from_str(s).map_err(|e| ListSpellingError { line: e.line(), column: e.column() })?;
        return Ok(items
            .into_iter()
            .map(|v| match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            })
            .collect());
    }
    let items = match separator {
        Some(" ") => s.split_whitespace().map(str::to_owned).collect(),
        sep => s.split(sep.unwrap_or(",")).map(str::trim).filter(|i| !i.is_empty()).map(str::to_owned).collect(),
    };
    Ok(items)
}

impl TypeKind {
    /// The one spelling of the value `raw` denotes, when the kind has several spellings per
    /// value: an enum's canonical name for any of its spellings, `true`/`false` for a boolean,
    /// the plain digits of an integer (`007`, `+7`, `0_7` → `7`), a number's shortest form,
    /// each item of a list. Other kinds are spelled as they are (trimmed where their parser
    /// trims). `None` when `raw` is not a value of the kind.
    pub fn canonical(&self, raw: &str) -> Option<String> {
        match self {
            TypeKind::Enum { values } => {
                find_variant(raw, values.iter().map(|v| (v.name.as_str(), v.aliases.iter().map(String::as_str))))
                    .map(|i| values[i].name.clone())
            }
            TypeKind::Boolean { strict } => parse_bool(raw, *strict).map(|b| b.to_string()),
            TypeKind::Integer { .. } => parse_integer(raw).map(|i| i.to_string()),
            TypeKind::Float { .. } => {
                raw.trim().parse::<f64>().ok().map(|x| if x == 0.0 { 0.0f64 } else { x }.to_string())
            }
            TypeKind::List { item, separator, .. } => {
                let items = split_items(raw, separator.as_deref()).ok()?;
                let items: Option<Vec<String>> = items.iter().map(|i| item.canonical(i)).collect();
                serde_json::to_string(&items?).ok()
            }
            TypeKind::Url | TypeKind::Duration { .. } | TypeKind::IpAddr | TypeKind::SocketAddr => {
                Some(raw.trim().to_owned())
            }
            _ => Some(raw.to_owned()),
        }
    }

    /// Whether `a` and `b` spell the same value of this kind (`prod` and `production` of an
    /// enum with that alias, `0` and `00` of an integer). Spellings that are not values of the
    /// kind are equal only when identical.
    pub fn same_value(&self, a: &str, b: &str) -> bool {
        match (self.canonical(a), self.canonical(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        }
    }
}

/// Whether `name` matches the glob `pattern`: `*` matches any run of characters (none
/// included), `?` exactly one, every other character itself (case matters, as in variable
/// names). No recursion: the last `*` seen is the only point it backtracks to.
pub fn glob_matches(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(c) if *c == '?' || *c == n[ni] => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    #[test]
    fn globs_match_whole_names() {
        use super::glob_matches as m;
        assert!(m("TEST_*", "TEST_MODE") && m("TEST_*", "TEST_") && !m("TEST_*", "MY_TEST_MODE"));
        assert!(m("*_DEBUG", "APP_DEBUG") && !m("*_DEBUG", "APP_DEBUG_X"));
        assert!(m("A?C", "ABC") && !m("A?C", "AC") && m("*", "") && m("**X*", "aXb"));
        assert!(!m("test_*", "TEST_MODE"), "case matters");
        assert!(m("*A*B*C*", "xxAyyByyCzz") && !m("*A*B*C*", "xxAyyCyyBzz"));
    }

    use super::*;
    use crate::EnumValue;

    #[test]
    fn integers_take_one_sign_and_inner_underscores() {
        assert_eq!(integer_digits(" +42 ").as_deref(), Ok("42"));
        assert_eq!(integer_digits("-1_000").as_deref(), Ok("-1000"));
        assert_eq!(integer_digits("0_0").as_deref(), Ok("00"));
        for bad in ["++1", "+-1", "--1", "_1", "1_", "1.5", "0x10", "+", "-", "1 2"] {
            assert_eq!(integer_digits(bad), Err(IntegerSpellingError::NotAWholeNumber), "{bad}");
        }
        assert_eq!(integer_digits("  "), Err(IntegerSpellingError::Empty));
    }

    #[test]
    fn booleans_have_loose_and_strict_spellings() {
        assert_eq!(parse_bool(" Yes ", false), Some(true));
        assert_eq!(parse_bool("OFF", false), Some(false));
        assert_eq!(parse_bool("yes", true), None);
        assert_eq!(parse_bool("true", true), Some(true));
    }

    #[test]
    fn same_value_compares_values_not_spellings() {
        let int = TypeKind::Integer { signed: false, bits: 32 };
        for zero in ["00", "+0", "0_0", " 0", "0"] {
            assert!(int.same_value(zero, "0"), "{zero}");
        }
        assert!(!int.same_value("1", "0"));
        let env = TypeKind::Enum {
            values: vec![
                EnumValue::new("development", vec![], ""),
                EnumValue::new("production", vec!["prod".into()], ""),
            ],
        };
        assert!(env.same_value("PROD", "production"));
        assert!(!env.same_value("development", "production"));
        assert!(TypeKind::Boolean { strict: false }.same_value("on", "true"));
        assert!(!TypeKind::String.same_value("A", "a"));
        let list = TypeKind::List { item: Box::new(int), unique: false, separator: None };
        assert!(list.same_value("[1, 2]", "01,2"));
    }

    #[test]
    fn lists_split_on_their_separator_or_parse_as_json() {
        assert_eq!(split_items("a, b,,c", None).unwrap(), ["a", "b", "c"]);
        assert_eq!(split_items("openid  email", Some(" ")).unwrap(), ["openid", "email"]);
        assert_eq!(split_items("a;b", Some(";")).unwrap(), ["a", "b"]);
        assert_eq!(split_items(r#"["a,b", 1]"#, None).unwrap(), ["a,b", "1"]);
        assert!(split_items("[1,", None).is_err());
    }
}
