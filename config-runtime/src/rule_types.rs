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
impls!(TextRule: url::Url);
#[cfg(feature = "url")]
impls!(TextOrListRule: url::Url);

impl<T: NumberRule> NumberRule for Option<T> {}
impl<T: TextRule> TextRule for Option<T> {}
impl<T: TextOrListRule> TextOrListRule for Option<T> {}
impl<T: NumberRule + Zeroize> NumberRule for SecretBox<T> {}
impl<T: TextRule + Zeroize + ?Sized> TextRule for SecretBox<T> {}
impl<T: TextOrListRule + Zeroize + ?Sized> TextOrListRule for SecretBox<T> {}
impl<T> TextOrListRule for Vec<T> {}
impl<T> TextOrListRule for std::collections::BTreeSet<T> {}
impl<T, S> TextOrListRule for std::collections::HashSet<T, S> {}
