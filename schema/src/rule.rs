//! Constraints on a single value, each with the phrase that errors and docs share.

use crate::{List, Text};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A constraint on a variable's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// A numeric range; a missing bound is open.
    Range {
        /// The lower bound.
        min: Option<Bound>,
        /// The upper bound.
        max: Option<Bound>,
    },
    /// A length in characters (for a list: in items).
    Length {
        /// The fewest characters (items).
        min: Option<u64>,
        /// The most characters (items).
        max: Option<u64>,
    },
    /// A regular expression the whole value must match.
    Pattern {
        /// The regular expression.
        regex: Text,
    },
    /// A key of `bytes` bytes spelled in one of `encodings`.
    Key {
        /// The key's length in bytes.
        bytes: u32,
        /// The spellings accepted.
        encodings: List<KeyEncoding>,
    },
    /// A URL whose scheme is one of these.
    Schemes {
        /// The schemes, without `://`.
        schemes: List<Text>,
    },
    /// A list with at least one item.
    NonEmpty,
    /// Every list item matches this regular expression.
    ItemPattern {
        /// The regular expression.
        regex: Text,
    },
    /// These values (or list items) are not accepted.
    Forbid {
        /// The values refused.
        values: List<Text>,
    },
    /// A check written as a function, described in words.
    Custom {
        /// What the function checks.
        description: Text,
    },
}

/// One end of a numeric range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bound {
    /// The bound's value.
    pub value: f64,
    /// The bound as written in the declaration, such as `0.0` or `65535`.
    pub text: Text,
    /// Whether the bound itself is accepted.
    pub inclusive: bool,
}

/// How a key may be spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyEncoding {
    /// Two hex digits per byte.
    Hex,
    /// Standard base64 with padding.
    Base64,
}

impl KeyEncoding {
    /// The length in characters of a key of `bytes` bytes in this encoding.
    pub const fn encoded_len(self, bytes: u32) -> u32 {
        match self {
            KeyEncoding::Hex => bytes * 2,
            KeyEncoding::Base64 => bytes.div_ceil(3) * 4,
        }
    }

    /// The encoding's name in phrases.
    pub const fn name(self) -> &'static str {
        match self {
            KeyEncoding::Hex => "hex",
            KeyEncoding::Base64 => "base64",
        }
    }
}

/// A number a rule compares: integers exactly, floats as floats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A whole number (every integer type fits).
    Int(i128),
    /// A floating-point number.
    Float(f64),
}

impl Number {
    /// How `self` compares with `other`, exactly (no integer goes through `f64`); `None` when
    /// either is NaN.
    pub fn compare(self, other: Number) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(&b)),
            (Number::Float(a), Number::Float(b)) => a.partial_cmp(&b),
            (Number::Int(a), Number::Float(b)) => int_vs_float(a, b),
            (Number::Float(a), Number::Int(b)) => int_vs_float(b, a).map(std::cmp::Ordering::reverse),
        }
    }
}

/// Compares an integer with a float without rounding the integer.
fn int_vs_float(i: i128, f: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    // Every i128 lies strictly inside ±2^127, which f64 represents exactly.
    const LIMIT: f64 = 170141183460469231731687303715884105728.0;
    if f >= LIMIT {
        return Some(Ordering::Less);
    }
    if f < -LIMIT {
        return Some(Ordering::Greater);
    }
    let floor = f.floor();
    // `floor` is a whole number within i128's range, so the cast is exact.
    let whole = floor as i128;
    match i.cmp(&whole) {
        Ordering::Equal if f > floor => Some(Ordering::Less),
        other => Some(other),
    }
}

impl Bound {
    /// A bound from its value and the way it was written.
    pub const fn new(value: f64, text: &'static str, inclusive: bool) -> Self {
        Bound { value, text: Text::Borrowed(text), inclusive }
    }

    /// A bound written as `text` (`65535`, `-1`, `0.5`), or `None` when it is not a number.
    pub fn parse(text: impl Into<Text>, inclusive: bool) -> Option<Self> {
        let text = text.into();
        let value = match crate::spelling::parse_integer(&text) {
            Some(i) => i as f64,
            None => text.trim().parse::<f64>().ok().filter(|x| x.is_finite())?,
        };
        Some(Bound { value, text, inclusive })
    }

    /// The bound as an exact number: integers from their text, so that `9007199254740993`
    /// is not rounded to the nearest `f64`.
    pub fn number(&self) -> Number {
        match crate::spelling::parse_integer(&self.text) {
            Some(i) => Number::Int(i),
            None => Number::Float(self.value),
        }
    }

    /// Whether `x` is on the accepted side of this bound taken as a minimum.
    pub fn admits_above(&self, x: Number) -> bool {
        use std::cmp::Ordering::*;
        match x.compare(self.number()) {
            Some(Greater) => true,
            Some(Equal) => self.inclusive,
            _ => false,
        }
    }

    /// Whether `x` is on the accepted side of this bound taken as a maximum.
    pub fn admits_below(&self, x: Number) -> bool {
        use std::cmp::Ordering::*;
        match x.compare(self.number()) {
            Some(Less) => true,
            Some(Equal) => self.inclusive,
            _ => false,
        }
    }

    /// Whether no number is at least `lo` and at most `hi` (bounds taken as a minimum and a
    /// maximum): `10..=1`, `gt = 5, lt = 5`.
    pub fn empty_between(lo: &Bound, hi: &Bound) -> bool {
        use std::cmp::Ordering::*;
        match lo.number().compare(hi.number()) {
            Some(Greater) => true,
            Some(Equal) => !(lo.inclusive && hi.inclusive),
            _ => false,
        }
    }
}

impl Rule {
    /// A numeric range.
    pub const fn range(min: Option<Bound>, max: Option<Bound>) -> Self {
        Rule::Range { min, max }
    }
    /// A length range in characters.
    pub const fn length(min: Option<u64>, max: Option<u64>) -> Self {
        Rule::Length { min, max }
    }
    /// A regular expression the whole value must match.
    pub const fn pattern(regex: &'static str) -> Self {
        Rule::Pattern { regex: Text::Borrowed(regex) }
    }
    /// A key of `bytes` bytes in one of `encodings`.
    pub const fn key(bytes: u32, encodings: &'static [KeyEncoding]) -> Self {
        Rule::Key { bytes, encodings: List::Borrowed(encodings) }
    }
    /// A URL scheme allow-list.
    pub const fn schemes(schemes: &'static [Text]) -> Self {
        Rule::Schemes { schemes: List::Borrowed(schemes) }
    }
    /// Every list item matches `regex`.
    pub const fn item_pattern(regex: &'static str) -> Self {
        Rule::ItemPattern { regex: Text::Borrowed(regex) }
    }
    /// Values that are refused.
    pub const fn forbid(values: &'static [Text]) -> Self {
        Rule::Forbid { values: List::Borrowed(values) }
    }
    /// A custom check described in words.
    pub const fn custom(description: &'static str) -> Self {
        Rule::Custom { description: Text::Borrowed(description) }
    }
}

/// What a rule asks, after a variable's name: `must be 1–65535`, `should be at least 32
/// characters`, `must not be `*``. `modal` is `must` or `should`; `phrase` is a rule's
/// [`Display`](fmt::Display).
pub fn demand(modal: &str, phrase: &str) -> String {
    match phrase.strip_prefix("not ") {
        Some(rest) => format!("{modal} not be {rest}"),
        None => format!("{modal} be {phrase}"),
    }
}

impl Rule {
    /// What the rule asks, after a variable's name (see [`demand`]).
    pub fn demand(&self, modal: &str) -> String {
        demand(modal, &self.to_string())
    }
}

impl fmt::Display for Rule {
    /// The phrase errors and docs share: `1–65535`, `≥ 60`, `at least 32 characters`,
    /// `64 hex characters`, `scheme redis or rediss`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Range { min: Some(lo), max: Some(hi) } if lo.inclusive && hi.inclusive => {
                write!(f, "{}–{}", lo.text, hi.text)
            }
            Rule::Range { min, max } => {
                let mut first = true;
                if let Some(lo) = min {
                    write!(f, "{} {}", if lo.inclusive { "≥" } else { ">" }, lo.text)?;
                    first = false;
                }
                if let Some(hi) = max {
                    if !first {
                        f.write_str(" and ")?;
                    }
                    write!(f, "{} {}", if hi.inclusive { "≤" } else { "<" }, hi.text)?;
                }
                Ok(())
            }
            Rule::Length { min: Some(a), max: Some(b) } if a == b => write!(f, "exactly {a} characters"),
            Rule::Length { min: Some(a), max: Some(b) } => write!(f, "{a}–{b} characters"),
            Rule::Length { min: Some(a), max: None } => write!(f, "at least {a} characters"),
            Rule::Length { min: None, max: Some(b) } => write!(f, "at most {b} characters"),
            Rule::Length { min: None, max: None } => f.write_str("any length"),
            Rule::Pattern { regex } => write!(f, "matching `{regex}`"),
            Rule::Key { bytes, encodings } => {
                for (i, e) in encodings.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    write!(f, "{} {} characters", e.encoded_len(*bytes), e.name())?;
                }
                Ok(())
            }
            Rule::Schemes { schemes } => {
                f.write_str("scheme ")?;
                for (i, s) in schemes.iter().enumerate() {
                    if i > 0 {
                        f.write_str(if i + 1 == schemes.len() { " or " } else { ", " })?;
                    }
                    write!(f, "{s}://")?;
                }
                Ok(())
            }
            Rule::NonEmpty => f.write_str("not empty"),
            Rule::ItemPattern { regex } => write!(f, "items matching `{regex}`"),
            Rule::Forbid { values } => {
                f.write_str("not ")?;
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" nor ")?;
                    }
                    write!(f, "`{v}`")?;
                }
                Ok(())
            }
            Rule::Custom { description } => f.write_str(description),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_read_as_the_seeds_write_them() {
        let port = Rule::range(Some(Bound::new(1.0, "1", true)), Some(Bound::new(65535.0, "65535", true)));
        assert_eq!(port.to_string(), "1–65535");
        assert_eq!(Rule::range(Some(Bound::new(0.0, "0", false)), None).to_string(), "> 0");
        assert_eq!(Rule::range(Some(Bound::new(60.0, "60", true)), None).to_string(), "≥ 60");
        assert_eq!(Rule::length(Some(32), None).to_string(), "at least 32 characters");
        assert_eq!(Rule::length(Some(64), Some(64)).to_string(), "exactly 64 characters");
        let key = Rule::key(32, &[KeyEncoding::Hex, KeyEncoding::Base64]);
        assert_eq!(key.to_string(), "64 hex characters or 44 base64 characters");
        let schemes = Rule::schemes(&[Text::Borrowed("redis"), Text::Borrowed("rediss")]);
        assert_eq!(schemes.to_string(), "scheme redis:// or rediss://");
    }

    #[test]
    fn integer_bounds_compare_exactly() {
        let max = Bound::parse("9007199254740992", true).unwrap();
        assert!(max.admits_below(Number::Int(9007199254740992)));
        assert!(!max.admits_below(Number::Int(9007199254740993)));
        let lt = Bound::parse(u64::MAX.to_string(), false).unwrap();
        assert!(!lt.admits_below(Number::Int(u64::MAX as i128)));
        assert!(lt.admits_below(Number::Int(u64::MAX as i128 - 1)));
        let half = Bound::parse("0.5", true).unwrap();
        assert!(!half.admits_above(Number::Int(0)));
        assert!(half.admits_above(Number::Int(1)));
        assert!(Number::Int(i128::MAX).compare(Number::Float(f64::MAX)) == Some(std::cmp::Ordering::Less));
        assert!(Bound::empty_between(&Bound::parse("5", false).unwrap(), &Bound::parse("5", false).unwrap()));
        assert!(!Bound::empty_between(&Bound::parse("5", true).unwrap(), &Bound::parse("5", true).unwrap()));
    }

    #[test]
    fn rules_round_trip_through_json() {
        let rule = Rule::key(32, &[KeyEncoding::Hex]);
        let json = serde_json::to_string(&rule).unwrap();
        let back: Rule = serde_json::from_str(&json).unwrap();
        assert_eq!(rule, back);
    }
}
