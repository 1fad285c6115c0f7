//! What generated code calls. Not a public API: it changes without notice.

pub use crate::ctx::Ctx;
pub use crate::desc::{CheckDesc, DefaultDesc, EmptyValues, FieldDesc, FieldType, StructDesc};
pub use crate::enums::{EnumVariant, enum_kind, parse_enum};
pub use crate::loader::EnvConfig;
pub use crate::model::{Model, ModelCell};
pub use crate::value::{EnvValue, ParseContext, SecretType, ValueError, ValueView, parse_from_str, parse_json};
pub use core::option::Option::{self, None, Some};
pub use core::result::Result::{self, Err, Ok};
pub use envspec_schema::{Bound, Condition, KeyEncoding, NameRule, ProfileRule, ProfileRuleKind, Rule, Text, TypeKind};
pub use std::borrow::Cow;

use crate::rule_types::{
    BoolValue, DurationValue, ForbidRule, LenientValue, ListValue, NumberRule, OptionalValue, TextItemsRule,
    TextOrListRule, TextRule,
};

/// Unwraps a field that `__build` has checked is `Some`. Used instead of `?` so that a
/// struct of N fields does not get N early returns each dropping up to N values, which made
/// release builds grow quadratically with the field count.
#[inline]
pub fn take<T>(value: Option<T>) -> T {
    match value {
        Some(v) => v,
        None => unchecked_field(),
    }
}

/// `extern "C"` so that calls to it cannot unwind: no landing pads, hence no per-field
/// cleanup code (a panic here aborts, and it is unreachable).
#[cold]
#[inline(never)]
extern "C" fn unchecked_field() -> ! {
    panic!("EnvConfig: a field was read as unset after every field was checked (a bug in the derive)")
}

/// The descriptor of a nested configuration, as a `fn` pointer for static tables.
pub fn desc_of<C: EnvConfig>() -> &'static StructDesc {
    C::DESC
}

/// Whether a nested field is `Option<Struct>`: all or nothing.
pub const fn is_optional<C: EnvConfig>() -> bool {
    C::OPTIONAL
}

/// A value field's type as generated code uses it: its description and its read, behind one
/// bound, so that a type that cannot be read gets one error, not one per use.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from an environment variable",
    label = "this field's type does not implement `EnvValue`",
    note = "for an enum of accepted words, derive them: `#[derive(EnvEnum)]` on `{Self}`",
    note = "otherwise implement `envspec::EnvValue` for `{Self}`, or mark the field `#[env(from_str)]` (any `FromStr` type) or `#[env(json)]` (any `DeserializeOwned` type)",
    note = "for a struct of several variables, derive `EnvConfig` on it and mark the field `#[env(nested)]`"
)]
pub trait Field: Sized {
    /// The type description, as a `fn` pointer for static tables.
    const TYPE: fn() -> FieldType;
    /// Reads field `i` of the current struct.
    fn read(ctx: &mut Ctx<'_>, i: usize) -> Option<Self>;
}

impl<T: EnvValue> Field for T {
    const TYPE: fn() -> FieldType = FieldType::of::<T>;
    fn read(ctx: &mut Ctx<'_>, i: usize) -> Option<Self> {
        ctx.value::<T>(i)
    }
}

/// The spelling of `T::default()`, for documenting `#[env(default)]`.
pub fn default_spelling<T: EnvValue + Default>() -> Option<String> {
    T::default().to_env()
}

/// `None`, for `unset` of required marker fields.
pub fn required<T>() -> Option<T> {
    None
}

/// `Some(None)`, for `unset` of optional marker fields.
pub fn optional<T>() -> Option<Option<T>> {
    Some(None)
}

/// Wraps a parser's output in `Some`, for optional marker fields.
pub fn parse_some<T>(
    parse: fn(&str, &ParseContext) -> Result<T, ValueError>,
    raw: &str,
    cx: &ParseContext,
) -> Result<Option<T>, ValueError> {
    parse(raw, cx).map(Some)
}

/// Describes a `#[env(json)]` field of type `T`.
pub fn json_type<T>() -> FieldType {
    FieldType::json::<T>(false)
}

/// Describes a `#[env(json)]` field of type `Option<T>`.
pub fn json_type_opt<T>() -> FieldType {
    FieldType::json::<T>(true)
}

/// Describes a `#[env(from_str)]` field of type `T`.
pub fn from_str_type<T>() -> FieldType {
    FieldType::parsed_from_str::<T>(false)
}

/// Describes a `#[env(from_str)]` field of type `Option<T>`.
pub fn from_str_type_opt<T>() -> FieldType {
    FieldType::parsed_from_str::<T>(true)
}

/// Compile-time checks emitted by the derive; each does nothing at run time.
pub const fn assert_secret<T: SecretType + ?Sized>() {}
pub const fn assert_number_rule<T: NumberRule + ?Sized>() {}
pub const fn assert_text_rule<T: TextRule + ?Sized>() {}
pub const fn assert_text_or_list_rule<T: TextOrListRule + ?Sized>() {}
pub const fn assert_text_items_rule<T: TextItemsRule + ?Sized>() {}
pub const fn assert_forbid_rule<T: ForbidRule + ?Sized>() {}
pub const fn assert_list<T: ListValue + ?Sized>() {}
pub const fn assert_bool<T: BoolValue + ?Sized>() {}
pub const fn assert_optional<T: OptionalValue + ?Sized>() {}
pub const fn assert_duration<T: DurationValue + ?Sized>() {}
pub const fn assert_lenient<T: LenientValue + ?Sized>() {}

/// Whether a step of a path (`core.api_url`) names a field of `desc`: a value field when it is
/// the last step, a nested one otherwise. Evaluated at compile time.
pub const fn has_path_step(desc: &StructDesc, step: &str, last: bool) -> bool {
    let mut i = 0;
    while i < desc.fields.len() {
        let f = &desc.fields[i];
        if f.nested.is_some() != last && const_str_eq(f.ident, step) {
            return true;
        }
        i += 1;
    }
    false
}

const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
