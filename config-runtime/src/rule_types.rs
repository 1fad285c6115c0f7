//! Which field types each kind of rule applies to. The derive asserts these at compile
//! time, so `range` on a `String` is an error at the attribute, not a silent no-op.
//! Implement them for your own [`EnvValue`](crate::EnvValue) types whose
//! [`view`](crate::EnvValue::view) returns numbers, text or lists.

use secrecy::SecretBox;
use zeroize::Zeroize;

/// Types that numeric rules (`range`, `min`, `max`, `gt`, `lt`) can check.
#[diagnostic::on_unimplemented(
    message = "numeric rules need a number, and `{Self}` is not one",
    label = "`range`, `min`, `max`, `gt` and `lt` apply to integers, floats and durations",
    note = "for text, use `min_len`, `max_len` or `len`"
)]
pub trait NumberRule {}

/// Types that text rules (`pattern`, `key`, `schemes`) can check.
#[diagnostic::on_unimplemented(
    message = "text rules need a text value, and `{Self}` is not one",
    label = "`pattern`, `key` and `schemes` apply to strings, secrets, paths and URLs",
    note = "for numbers, use `range`; for list items, use `item_pattern`"
)]
pub trait TextRule {}

/// Types that length and list rules (`min_len`, `max_len`, `len`, `non_empty`, `forbid`,
/// `item_pattern`) can check.
#[diagnostic::on_unimplemented(
    message = "length and list rules need text or a list, and `{Self}` is neither",
    label = "`min_len`, `max_len`, `len`, `non_empty`, `forbid` and `item_pattern` apply to strings and lists",
    note = "for numbers, use `range`"
)]
pub trait TextOrListRule {}

macro_rules! impls {
    ($tr:ident: $($t:ty),*) => { $(impl $tr for $t {})* };
}

impls!(NumberRule: u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64, std::time::Duration);
impls!(TextRule: String, str, std::path::PathBuf);
impls!(TextOrListRule: String, str, std::path::PathBuf);
#[cfg(feature = "url")]
impls!(TextRule: url::Url, crate::value::SecretUrl);
#[cfg(feature = "url")]
impls!(TextOrListRule: url::Url, crate::value::SecretUrl);

impl<T: NumberRule> NumberRule for Option<T> {}
impl<T: TextRule> TextRule for Option<T> {}
impl<T: TextOrListRule> TextOrListRule for Option<T> {}
impl<T: NumberRule + Zeroize> NumberRule for SecretBox<T> {}
impl<T: TextRule + Zeroize + ?Sized> TextRule for SecretBox<T> {}
impl<T: TextOrListRule + Zeroize + ?Sized> TextOrListRule for SecretBox<T> {}
impl<T> TextOrListRule for Vec<T> {}
impl<T> TextOrListRule for std::collections::BTreeSet<T> {}
impl<T, S> TextOrListRule for std::collections::HashSet<T, S> {}

/// Types whose items are text, for rules over list items (`item_pattern`, and `forbid` on a
/// list).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list of text, which item rules check",
    label = "`item_pattern` checks each item of a list of strings, paths or URLs",
    note = "for a single value, use `pattern`"
)]
pub trait TextItemsRule {}

/// Types `forbid` can check: text, or a list of text.
#[diagnostic::on_unimplemented(
    message = "`forbid` compares text, and `{Self}` is neither text nor a list of text",
    label = "`forbid` applies to strings and to lists of strings"
)]
pub trait ForbidRule {}

/// List items that item rules compare as text.
#[diagnostic::on_unimplemented(
    message = "list items are compared as text, and `{Self}` is not text",
    label = "`item_pattern` and `forbid` check list items that are strings, paths or URLs"
)]
pub trait TextItem {}
impls!(TextItem: String, std::path::PathBuf);
#[cfg(feature = "url")]
impls!(TextItem: url::Url);

impl<T: TextItem> TextItemsRule for Vec<T> {}
impl<T: TextItem> TextItemsRule for std::collections::BTreeSet<T> {}
impl<T: TextItem, S> TextItemsRule for std::collections::HashSet<T, S> {}
impl<T: TextItemsRule> TextItemsRule for Option<T> {}
impls!(ForbidRule: String, str, std::path::PathBuf);
#[cfg(feature = "url")]
impls!(ForbidRule: url::Url);
impl<T: TextItem> ForbidRule for Vec<T> {}
impl<T: TextItem> ForbidRule for std::collections::BTreeSet<T> {}
impl<T: TextItem, S> ForbidRule for std::collections::HashSet<T, S> {}
impl<T: ForbidRule> ForbidRule for Option<T> {}
impl<T: ForbidRule + Zeroize + ?Sized> ForbidRule for SecretBox<T> {}

/// Types `separator` can split: lists and sets.
#[diagnostic::on_unimplemented(
    message = "`separator` splits list items, and `{Self}` is not a list",
    label = "`separator` applies to `Vec`, `BTreeSet` and `HashSet` fields",
    note = "a JSON array is always accepted as well"
)]
pub trait ListValue {}
impl<T> ListValue for Vec<T> {}
impl<T> ListValue for std::collections::BTreeSet<T> {}
impl<T, S> ListValue for std::collections::HashSet<T, S> {}
impl<T: ListValue> ListValue for Option<T> {}

/// Types that hold booleans, which `strict_bool` reads strictly.
#[diagnostic::on_unimplemented(
    message = "`strict_bool` changes how booleans are read, and `{Self}` holds none",
    label = "`strict_bool` applies to `bool` fields and lists of `bool`"
)]
pub trait BoolValue {}
impl BoolValue for bool {}
impl<T: BoolValue> BoolValue for Option<T> {}
impl<T: BoolValue> BoolValue for Vec<T> {}
impl<T: BoolValue> BoolValue for std::collections::BTreeSet<T> {}
impl<T: BoolValue, S> BoolValue for std::collections::HashSet<T, S> {}

/// Types that have a value when their variable is not read: `Option<T>`, behind any alias.
#[diagnostic::on_unimplemented(
    message = "a field that is not always read (`read_if`, `reserved`, `components`, `required_for`) needs an `Option<T>` type or a default, and `{Self}` is not optional",
    label = "when its variable is not read, the field gets no value from the environment",
    note = "make the field `Option<...>`, or give it a `default`"
)]
pub trait OptionalValue {}
impl<T> OptionalValue for Option<T> {}

/// Types that hold durations, whose bare numbers `unit` gives a unit.
#[diagnostic::on_unimplemented(
    message = "`unit` says what a bare number of a duration means, and `{Self}` is not a duration",
    label = "`unit` applies to `Duration` fields"
)]
pub trait DurationValue {}
impl DurationValue for std::time::Duration {}
impl<T: DurationValue> DurationValue for Option<T> {}
impl<T: DurationValue> DurationValue for Vec<T> {}

/// Types that have a value to fall back on without a declared default: `Option<T>`.
#[diagnostic::on_unimplemented(
    message = "`on_invalid = \"default\"` needs a default or an `Option<T>` field, and `{Self}` is not optional",
    label = "an invalid value would leave the field with nothing",
    note = "give the field a `default`, or make it `Option<...>`"
)]
pub trait LenientValue {}
impl<T> LenientValue for Option<T> {}
