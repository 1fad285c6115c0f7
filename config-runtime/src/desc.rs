//! Static descriptors that `#[derive(EnvConfig)]` emits: one [`StructDesc`] per struct, one
//! [`FieldDesc`] per field, built with `const fn`s so new options never break generated code.
//! The runtime walks these tables; the schema model is built from them on demand.

use crate::enums::EnumVariant;
use crate::value::{EnvValue, short_type_name};
use envspec_schema::{Condition, NameRule, ProfileRule, Role, Rule, TypeKind, ValueType};

/// Who sets a variable, as the derive declares it: [`Role`] in a form a `const` can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    Operator,
    Internal,
    Reserved,
    SetBy(&'static str),
    TestOnly,
}

impl Who {
    pub(crate) fn role(self) -> Role {
        match self {
            Who::Operator => Role::Operator,
            Who::Internal => Role::Internal,
            Who::Reserved => Role::Reserved,
            Who::SetBy(by) => Role::SetBy { by: by.into() },
            Who::TestOnly => Role::TestOnly,
        }
    }
}

/// How an empty value (`VAR=`) is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmptyValues {
    /// An empty value counts as unset: defaults apply and required variables are missing.
    Unset,
    /// An empty value is a value, parsed like any other (an empty `String` is `""`).
    Value,
}

/// A struct-level check: a function over the whole struct, described in words.
#[derive(Debug)]
pub struct CheckDesc {
    pub(crate) description: &'static str,
}

impl CheckDesc {
    /// A check described as `description`.
    pub const fn new(description: &'static str) -> Self {
        CheckDesc { description }
    }
}

/// A struct deriving `EnvConfig`.
#[derive(Debug)]
pub struct StructDesc {
    pub(crate) name: &'static str,
    pub(crate) doc: &'static str,
    pub(crate) prefix: &'static str,
    pub(crate) section: Option<&'static str>,
    pub(crate) empty: EmptyValues,
    pub(crate) strict_bool: bool,
    pub(crate) fields: &'static [FieldDesc],
    pub(crate) checks: &'static [CheckDesc],
    pub(crate) profiles: &'static [&'static str],
    pub(crate) claims: &'static [&'static str],
    pub(crate) components: &'static [&'static str],
    pub(crate) name_rules: &'static [NameRule],
}

impl StructDesc {
    /// A struct named `name` with these fields and every option at its default.
    pub const fn new(name: &'static str, fields: &'static [FieldDesc]) -> Self {
        StructDesc {
            name,
            doc: "",
            prefix: "",
            section: None,
            empty: EmptyValues::Unset,
            strict_bool: false,
            fields,
            checks: &[],
            profiles: &[],
            claims: &[],
            components: &[],
            name_rules: &[],
        }
    }
    /// The derive's `doc`: sets it and returns the description.
    pub const fn doc(mut self, doc: &'static str) -> Self {
        self.doc = doc;
        self
    }
    /// The derive's `prefix`: sets it and returns the description.
    pub const fn prefix(mut self, prefix: &'static str) -> Self {
        self.prefix = prefix;
        self
    }
    /// The derive's `section`: sets it and returns the description.
    pub const fn section(mut self, section: &'static str) -> Self {
        self.section = Some(section);
        self
    }
    /// The derive's `empty`: sets it and returns the description.
    pub const fn empty(mut self, empty: EmptyValues) -> Self {
        self.empty = empty;
        self
    }
    /// The derive's `strict_bool`: sets it and returns the description.
    pub const fn strict_bool(mut self) -> Self {
        self.strict_bool = true;
        self
    }
    /// The derive's `checks`: sets it and returns the description.
    pub const fn checks(mut self, checks: &'static [CheckDesc]) -> Self {
        self.checks = checks;
        self
    }
    /// The derive's `profiles`: sets it and returns the description.
    pub const fn profiles(mut self, profiles: &'static [&'static str]) -> Self {
        self.profiles = profiles;
        self
    }
    /// `components(api, worker)`: the components (processes) that read the configuration.
    pub const fn components(mut self, components: &'static [&'static str]) -> Self {
        self.components = components;
        self
    }
    /// `forbid_names("TEST_*", only_in = production)`.
    pub const fn name_rules(mut self, rules: &'static [NameRule]) -> Self {
        self.name_rules = rules;
        self
    }
    /// `claims("KAFKA_")`: name prefixes that belong to the configuration.
    pub const fn claims(mut self, claims: &'static [&'static str]) -> Self {
        self.claims = claims;
        self
    }

    /// The index of the field with this Rust name.
    pub(crate) fn field_index(&self, ident: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.ident == ident)
    }
}

/// What applies when a variable is unset.
#[derive(Debug, Clone, Copy)]
pub enum DefaultDesc {
    /// Required, unless the type is optional.
    None,
    /// A literal, parsed like an environment value.
    Literal(&'static str),
    /// `Default::default()`, with a way to spell it for the docs.
    TypeDefault(fn() -> Option<String>),
    /// A template over sibling fields: `{field}/oauth/consent`.
    Template(&'static str),
    /// The value of a sibling field.
    SameAs(&'static str),
}

/// How a nested struct is reached.
#[derive(Debug, Clone, Copy)]
pub struct NestedDesc {
    /// The prefix added to the parent's; `None` takes the nested struct's own prefix.
    pub(crate) prefix: Option<&'static str>,
    pub(crate) desc: fn() -> &'static StructDesc,
    /// `Option<Struct>`: `None` when none of its variables is set, all or nothing otherwise.
    pub(crate) optional: bool,
}

/// One field of a struct deriving `EnvConfig`.
#[derive(Debug)]
pub struct FieldDesc {
    pub(crate) ident: &'static str,
    pub(crate) name: &'static str,
    pub(crate) no_prefix: bool,
    pub(crate) aliases: &'static [&'static str],
    pub(crate) doc: &'static str,
    pub(crate) section: Option<&'static str>,
    pub(crate) default: DefaultDesc,
    pub(crate) secret: bool,
    pub(crate) bootstrap: bool,
    pub(crate) deprecated: Option<&'static str>,
    pub(crate) examples: &'static [&'static str],
    pub(crate) generate: Option<&'static str>,
    /// `components(api, worker)`: the components that read it; empty: every component.
    pub(crate) components: &'static [&'static str],
    /// `required_for(worker)`.
    pub(crate) required_for: &'static [&'static str],
    /// `default_for(cli = "...")`: component and default.
    pub(crate) default_for: &'static [(&'static str, &'static str)],
    pub(crate) file_var: Option<bool>,
    pub(crate) strict_bool: bool,
    pub(crate) profile: bool,
    pub(crate) ty: fn() -> FieldType,
    pub(crate) nested: Option<NestedDesc>,
    pub(crate) rules: &'static [Rule],
    pub(crate) required_if: &'static [Condition],
    /// `read_if`: the variable is read only when one of these holds.
    pub(crate) read_if: &'static [Condition],
    /// `separator`: how list items are split when not by commas.
    pub(crate) separator: Option<&'static str>,
    pub(crate) required_with: &'static [&'static str],
    pub(crate) profile_rules: &'static [ProfileRule],
    pub(crate) fallback: &'static [&'static str],
    pub(crate) has_validator: Option<&'static str>,
    /// For a backend group's variant field: the selector value that picks it.
    pub(crate) group_value: Option<&'static str>,
    /// This field is a backend group's selector.
    pub(crate) selector: bool,
    /// `on_invalid = "default"`: an invalid value gives way to the default, with a warning.
    pub(crate) lenient: bool,
    /// `flag`: a secret that may be given as a command-line flag.
    pub(crate) flag: bool,
    /// `unit = "ms"`: the unit of a bare number read as a duration.
    pub(crate) unit: Option<&'static str>,
    /// Who sets the variable (`internal`, `reserved`, `set_by`, `test_only`).
    pub(crate) role: Who,
}

impl FieldDesc {
    /// A value field: Rust name, variable name (without prefix) and type description.
    pub const fn value(ident: &'static str, name: &'static str, ty: fn() -> FieldType) -> Self {
        FieldDesc {
            ident,
            name,
            no_prefix: false,
            aliases: &[],
            doc: "",
            section: None,
            default: DefaultDesc::None,
            secret: false,
            bootstrap: false,
            deprecated: None,
            examples: &[],
            generate: None,
            components: &[],
            required_for: &[],
            default_for: &[],
            file_var: None,
            strict_bool: false,
            profile: false,
            ty,
            nested: None,
            rules: &[],
            required_if: &[],
            read_if: &[],
            separator: None,
            required_with: &[],
            profile_rules: &[],
            fallback: &[],
            has_validator: None,
            group_value: None,
            selector: false,
            lenient: false,
            flag: false,
            unit: None,
            role: Who::Operator,
        }
    }

    /// A nested struct field whose variables take `prefix` after the parent's (`None`: the
    /// nested struct's own prefix; `Some("")` flattens).
    pub const fn nested(
        ident: &'static str,
        prefix: Option<&'static str>,
        desc: fn() -> &'static StructDesc,
        optional: bool,
    ) -> Self {
        let mut f = FieldDesc::value(ident, "", FieldType::nested);
        f.nested = Some(NestedDesc { prefix, desc, optional });
        f
    }
    /// The derive's `no_prefix`: sets it and returns the description.
    pub const fn no_prefix(mut self) -> Self {
        self.no_prefix = true;
        self
    }
    /// The derive's `aliases`: sets it and returns the description.
    pub const fn aliases(mut self, aliases: &'static [&'static str]) -> Self {
        self.aliases = aliases;
        self
    }
    /// The derive's `doc`: sets it and returns the description.
    pub const fn doc(mut self, doc: &'static str) -> Self {
        self.doc = doc;
        self
    }
    /// The derive's `section`: sets it and returns the description.
    pub const fn section(mut self, section: &'static str) -> Self {
        self.section = Some(section);
        self
    }
    /// The derive's `default`: sets it and returns the description.
    pub const fn default(mut self, default: DefaultDesc) -> Self {
        self.default = default;
        self
    }
    /// The derive's `secret`: sets it and returns the description.
    pub const fn secret(mut self) -> Self {
        self.secret = true;
        self
    }
    /// The derive's `bootstrap`: sets it and returns the description.
    pub const fn bootstrap(mut self) -> Self {
        self.bootstrap = true;
        self
    }
    /// The derive's `deprecated`: sets it and returns the description.
    pub const fn deprecated(mut self, note: &'static str) -> Self {
        self.deprecated = Some(note);
        self
    }
    /// The derive's `examples`: sets it and returns the description.
    pub const fn examples(mut self, examples: &'static [&'static str]) -> Self {
        self.examples = examples;
        self
    }
    /// The derive's `generate`: sets it and returns the description.
    pub const fn generate(mut self, how: &'static str) -> Self {
        self.generate = Some(how);
        self
    }
    /// `components(api, worker)`.
    pub const fn components(mut self, components: &'static [&'static str]) -> Self {
        self.components = components;
        self
    }
    /// `required_for(worker)`.
    pub const fn required_for(mut self, components: &'static [&'static str]) -> Self {
        self.required_for = components;
        self
    }
    /// `default_for(cli = "...")`.
    pub const fn default_for(mut self, defaults: &'static [(&'static str, &'static str)]) -> Self {
        self.default_for = defaults;
        self
    }
    /// The derive's `file_var`: sets it and returns the description.
    pub const fn file_var(mut self, accept: bool) -> Self {
        self.file_var = Some(accept);
        self
    }
    /// The derive's `strict_bool`: sets it and returns the description.
    pub const fn strict_bool(mut self) -> Self {
        self.strict_bool = true;
        self
    }
    /// The derive's `profile`: sets it and returns the description.
    pub const fn profile(mut self) -> Self {
        self.profile = true;
        self
    }
    /// The derive's `rules`: sets it and returns the description.
    pub const fn rules(mut self, rules: &'static [Rule]) -> Self {
        self.rules = rules;
        self
    }
    /// The derive's `required_if`: sets it and returns the description.
    pub const fn required_if(mut self, conditions: &'static [Condition]) -> Self {
        self.required_if = conditions;
        self
    }
    /// The derive's `read_if`: sets it and returns the description.
    pub const fn read_if(mut self, conditions: &'static [Condition]) -> Self {
        self.read_if = conditions;
        self
    }
    /// The derive's `separator`: sets it and returns the description.
    pub const fn separator(mut self, separator: &'static str) -> Self {
        self.separator = Some(separator);
        self
    }
    /// The derive's `required_with`: sets it and returns the description.
    pub const fn required_with(mut self, fields: &'static [&'static str]) -> Self {
        self.required_with = fields;
        self
    }
    /// The derive's `profile_rules`: sets it and returns the description.
    pub const fn profile_rules(mut self, rules: &'static [ProfileRule]) -> Self {
        self.profile_rules = rules;
        self
    }
    /// The derive's `fallback`: sets it and returns the description.
    pub const fn fallback(mut self, names: &'static [&'static str]) -> Self {
        self.fallback = names;
        self
    }
    /// Marks a nested field as the variant of a backend group picked by `value`.
    pub const fn group_value(mut self, value: &'static str) -> Self {
        self.group_value = Some(value);
        self
    }
    /// Marks the field as a backend group's selector.
    pub const fn selector(mut self) -> Self {
        self.selector = true;
        self
    }
    /// `internal`: the program sets it for a process it starts.
    pub const fn internal(mut self) -> Self {
        self.role = Who::Internal;
        self
    }
    /// `reserved`: declared, not read yet.
    pub const fn reserved(mut self) -> Self {
        self.role = Who::Reserved;
        self
    }
    /// `set_by = "…"`: a framework or platform sets it.
    pub const fn set_by(mut self, by: &'static str) -> Self {
        self.role = Who::SetBy(by);
        self
    }
    /// `test_only`: only tests set it.
    pub const fn test_only(mut self) -> Self {
        self.role = Who::TestOnly;
        self
    }
    /// `flag`: a secret accepted as a command-line flag.
    pub const fn flag(mut self) -> Self {
        self.flag = true;
        self
    }
    /// `on_invalid = "default"`.
    pub const fn lenient(mut self) -> Self {
        self.lenient = true;
        self
    }
    /// `unit = "ms"`.
    pub const fn unit(mut self, unit: &'static str) -> Self {
        self.unit = Some(unit);
        self
    }
    /// The derive's `validator`: sets it and returns the description.
    pub const fn validator(mut self, description: &'static str) -> Self {
        self.has_validator = Some(description);
        self
    }
}

/// The schema description of a field's type: its kind, Rust name, and whether it is optional
/// or secret.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct FieldType {
    pub value_type: ValueType,
    pub optional: bool,
    pub secret: bool,
}

impl FieldType {
    /// Describes an [`EnvValue`] type.
    pub fn of<T: EnvValue>() -> Self {
        FieldType {
            value_type: ValueType::new(T::type_kind(), std::any::type_name::<T>()),
            optional: T::unset().is_some(),
            secret: T::SECRET,
        }
    }

    /// The placeholder type of a nested struct field (never shown: its fields are).
    pub fn nested() -> Self {
        FieldType {
            value_type: ValueType::new(TypeKind::Custom { name: "struct".into() }, ""),
            optional: false,
            secret: false,
        }
    }

    /// Describes a backend group's selector: one of the variants' spellings.
    pub fn selector(variants: &'static [EnumVariant]) -> Self {
        FieldType {
            value_type: ValueType::new(crate::enums::enum_kind(variants), "selector"),
            optional: false,
            secret: false,
        }
    }

    /// Describes a `#[env(json)]` field of type `T` (`optional` for `Option<T>`).
    pub fn json<T>(optional: bool) -> Self {
        FieldType { value_type: ValueType::new(TypeKind::Json, std::any::type_name::<T>()), optional, secret: false }
    }

    /// Describes a `#[env(from_str)]` field of type `T` (`optional` for `Option<T>`).
    pub fn parsed_from_str<T>(optional: bool) -> Self {
        FieldType {
            value_type: ValueType::new(TypeKind::Custom { name: short_type_name::<T>() }, std::any::type_name::<T>()),
            optional,
            secret: false,
        }
    }
}
