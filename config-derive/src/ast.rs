//! The model of a derive input, built once from the syntax and the parsed attributes. Every
//! input kind (a struct of settings, a backend group, an `EnvEnum`) is modelled here, and a
//! field is a sum type: a value with its value attributes, or a nested struct with only a
//! prefix and a section, so that no later stage has to ask which keys a nested field carries.

use crate::attr::{At, Attrs, doc_of};
use crate::ctxt::Ctxt;
use crate::symbol::{self, Place};
use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase};
use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

/// Which derive is running.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    /// `#[derive(EnvConfig)]`: a struct of settings, or an enum that is a backend group.
    Config,
    /// `#[derive(EnvEnum)]`: a fieldless enum read from one variable.
    Enum,
}

/// A derive input.
pub struct Input<'a> {
    pub ident: &'a syn::Ident,
    pub doc: String,
    /// The path of `envspec` (`crate = "..."`).
    pub krate: TokenStream,
    pub data: Data<'a>,
}

pub enum Data<'a> {
    Struct(Struct<'a>),
    Group(Group<'a>),
    Enum(ValueEnum<'a>),
}

/// A struct deriving `EnvConfig`.
pub struct Struct<'a> {
    pub prefix: Option<At<LitStr>>,
    pub section: Option<At<LitStr>>,
    pub empty_is_value: bool,
    pub strict_bool: bool,
    pub profiles: Vec<At<String>>,
    /// `components(api, worker)` on the struct.
    pub components: Vec<At<String>>,
    pub checks: Vec<(syn::Path, LitStr)>,
    pub claims: Vec<LitStr>,
    pub name_rules: Vec<crate::attr::NameRuleAttr>,
    pub docs: Option<At<LitStr>>,
    pub fields: Vec<Field<'a>>,
}

/// One field of a struct.
pub enum Field<'a> {
    Value(ValueField<'a>),
    Nested(NestedField<'a>),
}

/// How a value field is parsed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Parser {
    /// Through `EnvValue`.
    Value,
    /// Through `serde_json`.
    Json,
    /// Through `FromStr`.
    FromStr,
}

/// A field read from one variable.
pub struct ValueField<'a> {
    pub ident: &'a syn::Ident,
    /// The field's name without a raw-identifier `r#`, computed once (checks look fields up
    /// by it).
    pub name: String,
    /// The variable name without the prefix: see [`ValueField::base_name`].
    base: String,
    pub ty: &'a syn::Type,
    pub doc: String,
    pub parser: Parser,
    /// Every value attribute; nothing a nested field or a struct would carry.
    pub attrs: Box<Attrs>,
}

/// A field holding a nested configuration struct (or backend group).
pub struct NestedField<'a> {
    pub ident: &'a syn::Ident,
    pub ty: &'a syn::Type,
    /// `Some("")` for `flatten`; `None` takes the nested struct's own prefix.
    pub prefix: Option<At<LitStr>>,
    pub section: Option<At<LitStr>>,
    /// `components(api, worker)`: the components that read its variables (a field inside
    /// may name its own).
    pub components: Vec<At<String>>,
}

/// An enum deriving `EnvConfig`: a selector variable picks one variant's settings.
pub struct Group<'a> {
    pub selector: At<LitStr>,
    pub aliases: Vec<LitStr>,
    pub default: Option<At<String>>,
    pub prefix: Option<At<LitStr>>,
    pub section: Option<At<LitStr>>,
    pub variants: Vec<GroupVariant<'a>>,
}

/// A variant of a backend group: a unit variant, or one holding a config struct.
pub struct GroupVariant<'a> {
    pub ident: &'a syn::Ident,
    pub doc: String,
    pub spelling: At<String>,
    pub aliases: Vec<LitStr>,
    pub prefix: Option<At<LitStr>>,
    pub ty: Option<&'a syn::Type>,
}

/// A fieldless enum deriving `EnvEnum`.
pub struct ValueEnum<'a> {
    pub rename_all: Option<At<LitStr>>,
    pub variants: Vec<EnumVariant<'a>>,
}

/// A variant of an `EnvEnum`.
pub struct EnumVariant<'a> {
    pub ident: &'a syn::Ident,
    pub doc: String,
    pub spelling: At<String>,
    pub aliases: Vec<LitStr>,
}

/// The cases `rename_all` accepts.
pub const CASES: &[&str] =
    &["snake_case", "kebab-case", "lowercase", "UPPERCASE", "SCREAMING_SNAKE_CASE", "PascalCase"];

impl<'a> Input<'a> {
    /// Builds the model, recording shape errors (a tuple struct, generics, a variant with
    /// fields where none are allowed). `None` when nothing can be modelled.
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput, derive: Derive) -> Option<Self> {
        if !input.generics.params.is_empty() {
            let what = match (&input.data, derive) {
                (syn::Data::Enum(_), Derive::Enum) => "`EnvEnum` does not support generic enums",
                (syn::Data::Enum(_), Derive::Config) => "`EnvConfig` does not support generic enums",
                _ => {
                    "`EnvConfig` does not support generic structs: a configuration's variables must be known at compile time"
                }
            };
            cx.error_spanned_by(&input.generics, what);
        }
        let place = match (&input.data, derive) {
            (syn::Data::Enum(_), Derive::Config) => Place::Group,
            (_, Derive::Enum) => Place::Enum,
            _ => Place::Struct,
        };
        let attrs = Attrs::parse(cx, &input.attrs, place);
        let krate = match &attrs.crate_path {
            Some(p) => {
                let p = &p.value;
                quote!(#p)
            }
            None => quote!(::envspec),
        };
        let data = match (&input.data, derive) {
            (syn::Data::Struct(s), Derive::Config) => Data::Struct(Struct::from_ast(cx, input, s, attrs)?),
            (syn::Data::Enum(e), Derive::Config) => Data::Group(Group::from_ast(cx, e, attrs)?),
            (syn::Data::Enum(e), Derive::Enum) => Data::Enum(ValueEnum::from_ast(cx, input, e, attrs)),
            (syn::Data::Union(u), Derive::Config) => {
                cx.error_at(u.union_token.span, "`EnvConfig` needs a struct, not a union");
                return None;
            }
            (_, Derive::Enum) => {
                cx.error_spanned_by(
                    &input.ident,
                    "`EnvEnum` needs an enum of unit variants; for a struct of settings use `#[derive(EnvConfig)]`",
                );
                return None;
            }
        };
        Some(Input { ident: &input.ident, doc: doc_of(&input.attrs), krate, data })
    }
}

impl<'a> Struct<'a> {
    fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput, data: &'a syn::DataStruct, attrs: Attrs) -> Option<Self> {
        let syn::Fields::Named(named) = &data.fields else {
            cx.error_spanned_by(&input.ident, "`EnvConfig` needs a struct with named fields");
            return None;
        };
        let fields = named.named.iter().map(|f| Field::from_ast(cx, f)).collect();
        Some(Struct {
            prefix: attrs.prefix,
            section: attrs.section,
            empty_is_value: attrs.empty_is_value.is_some_and(|e| e.value),
            strict_bool: attrs.strict_bool.is_some(),
            profiles: attrs.profiles,
            components: attrs.components,
            claims: attrs.claims,
            name_rules: attrs.name_rules,
            checks: attrs.checks,
            docs: attrs.docs,
            fields,
        })
    }

    pub fn prefix(&self) -> String {
        self.prefix.as_ref().map(|p| p.value.value()).unwrap_or_default()
    }

    /// The value fields, with their index among all fields.
    pub fn values(&self) -> impl Iterator<Item = (usize, &ValueField<'a>)> {
        self.fields.iter().enumerate().filter_map(|(i, f)| match f {
            Field::Value(v) => Some((i, v)),
            Field::Nested(_) => None,
        })
    }

    /// The value field with this Rust name.
    pub fn value(&self, name: &str) -> Option<&ValueField<'a>> {
        self.values().map(|(_, v)| v).find(|v| v.name == name)
    }

    /// Whether a nested field has this Rust name.
    pub fn has_nested(&self, name: &str) -> bool {
        self.nested(name).is_some()
    }

    /// The nested field named `name`.
    pub fn nested(&self, name: &str) -> Option<&NestedField<'a>> {
        self.fields.iter().find_map(|f| match f {
            Field::Nested(n) if ident_name(n.ident) == name => Some(n),
            _ => None,
        })
    }
}

impl<'a> Field<'a> {
    fn from_ast(cx: &Ctxt, f: &'a syn::Field) -> Self {
        let attrs = Attrs::parse(cx, &f.attrs, Place::Field);
        let ident = f.ident.as_ref().expect("named fields have identifiers");
        if attrs.nested.is_none() && attrs.flatten.is_none() {
            if let Some(p) = &attrs.prefix {
                cx.error_at(p.span, "`prefix` on a field needs `nested`; to rename the variable use `name = \"...\"`");
            }
            let parser = match (&attrs.json, &attrs.from_str) {
                (Some(_), Some(from_str)) => {
                    cx.error_at(from_str.span, "`from_str` and `json` cannot be combined: pick one parser");
                    Parser::Json
                }
                (Some(_), None) => Parser::Json,
                (None, Some(_)) => Parser::FromStr,
                (None, None) => Parser::Value,
            };
            let name = ident_name(ident);
            let base = match &attrs.name {
                Some(n) => n.value.value(),
                None => variable_name(&name),
            };
            return Field::Value(ValueField {
                ident,
                name,
                base,
                ty: &f.ty,
                doc: doc_of(&f.attrs),
                parser,
                attrs: Box::new(attrs),
            });
        }
        let which = if attrs.flatten.is_some() { "flatten" } else { "nested" };
        if let (Some(_), Some(flatten)) = (&attrs.nested, &attrs.flatten) {
            cx.error_at(
                flatten.span,
                "`flatten` and `nested` cannot be combined: `flatten` is `nested` without a sub-prefix",
            );
        }
        // A nested field reads no variable of its own: every value key is a mistake, reported
        // where it is written.
        let mut rules_reported = false;
        for (key, span) in &attrs.seen {
            if symbol::NESTED_FIELD_KEYS.contains(key) {
                continue;
            }
            let rule = symbol::lookup(key.0).is_some_and(|_| is_rule_key(*key));
            if rule {
                if !rules_reported {
                    cx.error_at(*span, format!("rules apply to one variable and cannot be used on a `{which}` field"));
                    rules_reported = true;
                }
                continue;
            }
            cx.error_at(
                *span,
                format!("`{key}` applies to one variable and cannot be used on a `{which}` struct field; put it on the nested struct's fields"),
            );
        }
        let prefix = match (attrs.prefix, &attrs.flatten) {
            (Some(p), Some(_)) => {
                cx.error_at(p.span, "`prefix` cannot be used with `flatten`; use `nested` to add a sub-prefix");
                None
            }
            (Some(p), None) => {
                if p.value.value().chars().any(|c| !(c.is_ascii_alphanumeric() || c == '_')) {
                    cx.error_spanned_by(&p.value, "a prefix may contain only letters, digits and `_`");
                }
                Some(p)
            }
            (None, Some(flatten)) => Some(At { value: LitStr::new("", flatten.span), span: flatten.span }),
            (None, None) => None,
        };
        Field::Nested(NestedField { ident, ty: &f.ty, prefix, section: attrs.section, components: attrs.components })
    }
}

fn is_rule_key(key: symbol::Symbol) -> bool {
    use symbol::*;
    [RANGE, MIN, MAX, GT, LT, MIN_LEN, MAX_LEN, LEN, PATTERN, ITEM_PATTERN, KEY, SCHEMES, NON_EMPTY, FORBID]
        .contains(&key)
}

impl ValueField<'_> {
    /// The variable name without the prefix: the rename, or the field name in SCREAMING_SNAKE_CASE.
    pub fn base_name(&self) -> String {
        self.base.clone()
    }

    /// The variable name as this struct sees it (nested parents may add more prefix).
    pub fn local_name(&self, prefix: &str) -> String {
        if self.attrs.no_prefix.is_some() { self.base_name() } else { format!("{prefix}{}", self.base_name()) }
    }

    /// Every name this struct reads the field under: its name and its aliases, prefixed.
    pub fn local_names(&self, prefix: &str) -> Vec<String> {
        let pre = if self.attrs.no_prefix.is_some() { "" } else { prefix };
        std::iter::once(self.local_name(prefix))
            .chain(self.attrs.aliases.iter().map(|a| format!("{pre}{}", a.value())))
            .collect()
    }
}

impl<'a> Group<'a> {
    fn from_ast(cx: &Ctxt, data: &'a syn::DataEnum, attrs: Attrs) -> Option<Self> {
        let Some(selector) = attrs.selector else {
            cx.error_at(
                data.enum_token.span,
                "`EnvConfig` on an enum makes a backend group and needs `#[env(selector = \"BACKEND_VARIABLE\")]`; for an enum of accepted values use `#[derive(EnvEnum)]`",
            );
            return None;
        };
        let default = attrs.default.and_then(|d| match d.value {
            crate::attr::DefaultAttr::Literal { text, expr } => {
                if !matches!(&expr, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(_), .. })) {
                    cx.error_spanned_by(
                        &expr,
                        "a backend group's `default` names a variant, as in `default = \"file\"`",
                    );
                }
                Some(At { value: text, span: syn::spanned::Spanned::span(&expr) })
            }
            _ => {
                cx.error_at(d.span, "a backend group's `default` names a variant, as in `default = \"file\"`");
                None
            }
        });
        let mut variants = Vec::new();
        for v in &data.variants {
            let va = Attrs::parse(cx, &v.attrs, Place::GroupVariant);
            let ty = match &v.fields {
                syn::Fields::Unit => None,
                syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => Some(&f.unnamed[0].ty),
                other => {
                    cx.error_spanned_by(other, "a backend group variant is either a unit variant or holds exactly one config struct, as in `AwsKms(AwsKmsSettings)`");
                    continue;
                }
            };
            if let (None, Some(pre)) = (ty, &va.prefix) {
                cx.error_at(
                    pre.span,
                    "`prefix` applies to a variant holding a config struct; a unit variant reads no variables",
                );
            }
            variants.push(GroupVariant {
                ident: &v.ident,
                doc: doc_of(&v.attrs),
                spelling: spelling(&v.ident, va.rename.as_ref(), "snake_case"),
                aliases: va.aliases,
                prefix: va.prefix,
                ty,
            });
        }
        Some(Group {
            selector,
            aliases: attrs.aliases,
            default,
            prefix: attrs.prefix,
            section: attrs.section,
            variants,
        })
    }
}

impl<'a> ValueEnum<'a> {
    fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput, data: &'a syn::DataEnum, attrs: Attrs) -> Self {
        let case = attrs.rename_all.as_ref().map(|r| r.value.value()).unwrap_or_else(|| "snake_case".into());
        if data.variants.is_empty() {
            cx.error_spanned_by(&input.ident, "`EnvEnum` needs at least one variant");
        }
        let mut variants = Vec::new();
        for v in &data.variants {
            if !matches!(v.fields, syn::Fields::Unit) {
                cx.error_spanned_by(
                    &v.fields,
                    "`EnvEnum` variants cannot carry data: a variable holds one of a fixed set of words",
                );
                continue;
            }
            let va = Attrs::parse(cx, &v.attrs, Place::EnumVariant);
            variants.push(EnumVariant {
                ident: &v.ident,
                doc: doc_of(&v.attrs),
                spelling: spelling(&v.ident, va.rename.as_ref(), &case),
                aliases: va.aliases,
            });
        }
        ValueEnum { rename_all: attrs.rename_all, variants }
    }
}

/// A variant's canonical spelling: its `rename`, or its name in `case`.
fn spelling(ident: &syn::Ident, rename: Option<&At<LitStr>>, case: &str) -> At<String> {
    match rename {
        Some(r) => At { value: r.value.value(), span: r.value.span() },
        None => At { value: recase(&ident.to_string(), case), span: ident.span() },
    }
}

fn recase(ident: &str, case: &str) -> String {
    match case {
        "kebab-case" => ident.to_kebab_case(),
        "lowercase" => ident.to_lowercase(),
        "UPPERCASE" => ident.to_uppercase(),
        "SCREAMING_SNAKE_CASE" => ident.to_shouty_snake_case(),
        "PascalCase" => ident.to_owned(),
        _ => ident.to_snake_case(),
    }
}

/// A field name as a variable name: SCREAMING_SNAKE_CASE, keeping leading and trailing
/// underscores (`_seed` reads `_SEED`, never `SEED`).
pub fn variable_name(field: &str) -> String {
    let core = field.trim_matches('_');
    let lead = field.len() - field.trim_start_matches('_').len();
    let trail = field.len() - field.trim_end_matches('_').len();
    format!("{}{}{}", "_".repeat(lead), core.to_shouty_snake_case(), "_".repeat(trail))
}

/// A field's name without a raw-identifier `r#`.
pub fn ident_name(ident: &syn::Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}

/// `Some(T)` when `ty` is spelled `Option<T>`: only for `json` and `from_str`, whose parsers
/// are not `EnvValue` and so cannot dispatch on `Option` through the trait.
pub fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match args.args.first()? {
        syn::GenericArgument::Type(t) if args.args.len() == 1 => Some(t),
        _ => None,
    }
}
