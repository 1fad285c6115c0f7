//! The model of a struct deriving `EnvConfig`: its attributes and fields, parsed once.

use crate::attr::{ContainerAttrs, FieldAttrs, doc_of};
use crate::ctxt::Ctxt;
use heck::ToShoutySnakeCase;

/// A struct deriving `EnvConfig`.
pub struct Container<'a> {
    pub ident: &'a syn::Ident,
    pub attrs: ContainerAttrs,
    pub doc: String,
    pub fields: Vec<Field<'a>>,
}

/// How a field is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Through `EnvValue`.
    Value,
    /// Through `serde_json`.
    Json,
    /// Through `FromStr`.
    FromStr,
    /// A nested configuration struct (`flatten`: without a sub-prefix).
    Nested { flatten: bool },
}

/// One field.
pub struct Field<'a> {
    pub ident: &'a syn::Ident,
    pub ty: &'a syn::Type,
    pub attrs: FieldAttrs,
    pub doc: String,
    pub kind: FieldKind,
}

impl Field<'_> {
    /// The variable name without the prefix: the rename, or the field name in SCREAMING_SNAKE_CASE.
    pub fn base_name(&self) -> String {
        match &self.attrs.name {
            Some(n) => n.value.value(),
            None => ident_name(self.ident).to_shouty_snake_case(),
        }
    }

    /// The variable name as this struct sees it (nested parents may add more prefix).
    pub fn local_name(&self, prefix: &str) -> String {
        if self.attrs.no_prefix.is_some() { self.base_name() } else { format!("{prefix}{}", self.base_name()) }
    }

    pub fn is_nested(&self) -> bool {
        matches!(self.kind, FieldKind::Nested { .. })
    }
}

/// A field's name without a raw-identifier `r#`.
pub fn ident_name(ident: &syn::Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}

impl<'a> Container<'a> {
    /// Builds the model, recording shape errors (not a struct, generics, tuple fields).
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput) -> Option<Self> {
        let fields = match &input.data {
            syn::Data::Struct(s) => match &s.fields {
                syn::Fields::Named(named) => &named.named,
                _ => {
                    cx.error_spanned_by(&input.ident, "`EnvConfig` needs a struct with named fields");
                    return None;
                }
            },
            syn::Data::Enum(e) => {
                cx.error_at(
                    e.enum_token.span,
                    "`EnvConfig` needs a struct; for an enum of accepted values use `#[derive(EnvEnum)]`",
                );
                return None;
            }
            syn::Data::Union(u) => {
                cx.error_at(u.union_token.span, "`EnvConfig` needs a struct, not a union");
                return None;
            }
        };
        if !input.generics.params.is_empty() {
            cx.error_spanned_by(&input.generics, "`EnvConfig` does not support generic structs: a configuration's variables must be known at compile time");
        }
        let attrs = ContainerAttrs::parse(cx, &input.attrs);
        let fields = fields
            .iter()
            .map(|f| {
                let attrs = FieldAttrs::parse(cx, &f.attrs);
                let kind = if attrs.nested.is_some() {
                    FieldKind::Nested { flatten: false }
                } else if attrs.flatten.is_some() {
                    FieldKind::Nested { flatten: true }
                } else if attrs.json.is_some() {
                    FieldKind::Json
                } else if attrs.from_str.is_some() {
                    FieldKind::FromStr
                } else {
                    FieldKind::Value
                };
                Field {
                    ident: f.ident.as_ref().expect("named fields have identifiers"),
                    ty: &f.ty,
                    doc: doc_of(&f.attrs),
                    attrs,
                    kind,
                }
            })
            .collect();
        Some(Container { ident: &input.ident, doc: doc_of(&input.attrs), attrs, fields })
    }

    pub fn prefix(&self) -> String {
        self.attrs.prefix.as_ref().map(|p| p.value.value()).unwrap_or_default()
    }
}

/// `Some(T)` when `ty` is spelled `Option<T>` (used only for `json` and `from_str`, whose
/// parsers are not `EnvValue` and so cannot dispatch on `Option` through the trait).
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
