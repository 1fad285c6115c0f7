//! Parses `#[env(...)]` attributes into a model. Each key is parsed once, in one place;
//! a repeated key is reported at its second occurrence, an unknown key with the closest one.

use crate::ctxt::Ctxt;
use crate::symbol;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Lit, LitStr, Token};

/// A value with the span of the attribute that set it.
#[derive(Clone)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
}

/// Sets `slot` once; a second occurrence is an error at that occurrence.
fn set_once<T>(cx: &Ctxt, slot: &mut Option<At<T>>, value: T, meta: &ParseNestedMeta, key: &str) {
    let span = meta.path.span();
    if slot.is_some() {
        cx.error_at(span, format!("duplicate `{key}` attribute"));
    } else {
        *slot = Some(At { value, span });
    }
}

/// Attributes on the struct.
#[derive(Default)]
pub struct ContainerAttrs {
    pub prefix: Option<At<LitStr>>,
    pub section: Option<At<LitStr>>,
    pub empty_is_value: Option<At<bool>>,
    pub strict_bool: Option<At<()>>,
    pub profiles: Vec<At<String>>,
    pub checks: Vec<(syn::Path, LitStr)>,
    pub crate_path: Option<At<syn::Path>>,
    pub docs: Option<At<LitStr>>,
}

/// One end of a numeric range, as written.
#[derive(Clone, Debug)]
pub struct Bound {
    pub value: f64,
    pub text: String,
    pub inclusive: bool,
}

/// A value rule on a field.
#[derive(Clone)]
pub enum RuleAttr {
    Range { min: Option<Bound>, max: Option<Bound> },
    Length { min: Option<u64>, max: Option<u64> },
    Pattern(LitStr),
    ItemPattern(LitStr),
    Key { bytes: u32, hex: bool, base64: bool },
    Schemes(Vec<LitStr>),
    NonEmpty,
    Forbid(Vec<LitStr>),
}

impl RuleAttr {
    /// Which family of types the rule needs, for the compile-time assertion.
    pub fn needs(&self) -> RuleTarget {
        match self {
            RuleAttr::Range { .. } => RuleTarget::Number,
            RuleAttr::NonEmpty | RuleAttr::ItemPattern(_) | RuleAttr::Forbid(_) | RuleAttr::Length { .. } => {
                RuleTarget::TextOrList
            }
            RuleAttr::Pattern(_) | RuleAttr::Key { .. } | RuleAttr::Schemes(_) => RuleTarget::Text,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RuleTarget {
    Number,
    Text,
    TextOrList,
}

/// A value rule, possibly limited to some profiles.
#[derive(Clone)]
pub struct RuleSpec {
    pub rule: RuleAttr,
    pub span: Span,
    pub only_in: Vec<At<String>>,
}

/// What a profile rule demands.
#[derive(Clone)]
pub enum ProfileKind {
    RequiredIn,
    ForbiddenIn,
    NotDefaultIn,
    DevDefault(LitStr),
}

/// A profile rule: `required_in(production)` and the like.
#[derive(Clone)]
pub struct ProfileSpec {
    pub kind: ProfileKind,
    pub profiles: Vec<At<String>>,
    pub span: Span,
}

/// What applies when the variable is unset.
#[derive(Clone)]
pub enum DefaultAttr {
    /// A literal, with its environment spelling.
    Literal { text: String, expr: Expr },
    /// `default` alone: `Default::default()`.
    TypeDefault,
    /// `default_from = "{field}/path"`.
    Template(LitStr),
    /// `same_as = field`.
    SameAs(Ident),
}

impl DefaultAttr {
    /// The key that wrote this default.
    pub fn key(&self) -> &'static str {
        match self {
            DefaultAttr::Literal { .. } | DefaultAttr::TypeDefault => "default",
            DefaultAttr::Template(_) => "default_from",
            DefaultAttr::SameAs(_) => "same_as",
        }
    }
}

/// One `required_if` condition: a sibling field and the values that make this one required
/// (none: when the sibling is set).
#[derive(Clone)]
pub struct CondAttr {
    pub field: Ident,
    pub values: Vec<LitStr>,
}

/// Attributes on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub name: Option<At<LitStr>>,
    pub no_prefix: Option<At<()>>,
    pub aliases: Vec<LitStr>,
    pub default: Option<At<DefaultAttr>>,
    pub secret: Option<At<()>>,
    pub bootstrap: Option<At<()>>,
    pub deprecated: Option<At<LitStr>>,
    pub examples: Vec<LitStr>,
    pub generate: Option<At<LitStr>>,
    pub used_by: Option<At<LitStr>>,
    pub section: Option<At<LitStr>>,
    pub nested: Option<At<()>>,
    pub flatten: Option<At<()>>,
    pub prefix: Option<At<LitStr>>,
    pub json: Option<At<()>>,
    pub from_str: Option<At<()>>,
    pub file: Option<At<bool>>,
    pub strict_bool: Option<At<()>>,
    pub profile: Option<At<()>>,
    pub rules: Vec<RuleSpec>,
    pub validate: Option<At<(syn::Path, Option<LitStr>)>>,
    pub required_if: Vec<At<Vec<CondAttr>>>,
    pub read_if: Vec<At<Vec<CondAttr>>>,
    pub separator: Option<At<LitStr>>,
    pub required_with: Vec<Ident>,
    pub profile_rules: Vec<ProfileSpec>,
    pub warn_in: Vec<At<String>>,
    pub fallback: Vec<LitStr>,
}

/// Attributes on an `EnvEnum` enum.
#[derive(Default)]
pub struct EnumAttrs {
    pub rename_all: Option<At<LitStr>>,
    pub crate_path: Option<At<syn::Path>>,
}

/// Attributes on an `EnvEnum` variant.
#[derive(Default)]
pub struct VariantAttrs {
    pub rename: Option<At<LitStr>>,
    pub aliases: Vec<LitStr>,
}

fn env_attrs(attrs: &[syn::Attribute]) -> impl Iterator<Item = &syn::Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("env"))
}

fn key_of(meta: &ParseNestedMeta) -> String {
    let path = &meta.path;
    path.get_ident().map(|i| i.to_string()).unwrap_or_else(|| quote::quote!(#path).to_string().replace(' ', ""))
}

/// `key = "text"`; a missing or non-string value is reported with the expected form.
pub(crate) fn lit_str(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    let key = key_of(meta);
    let hint = || format!("`{key}` takes a string, as in `{key} = \"...\"`");
    if !meta.input.peek(Token![=]) {
        return Err(syn::Error::new(meta.path.span(), hint()));
    }
    meta.value()?.parse::<LitStr>().map_err(|e| syn::Error::new(e.span(), hint()))
}

/// `(a, b)` of string literals.
fn paren_strs(meta: &ParseNestedMeta) -> syn::Result<Vec<LitStr>> {
    let content;
    syn::parenthesized!(content in meta.input);
    Ok(Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?.into_iter().collect())
}

/// The path of `crate = "::config_runtime"`.
pub(crate) fn parse_crate_path(s: &LitStr) -> syn::Result<syn::Path> {
    s.parse().map_err(|_| {
        syn::Error::new(s.span(), "`crate` takes the path of `config_runtime`, as in `crate = \"::my_config\"`")
    })
}

/// `alias = "a"` or `alias("a", "b")`.
pub(crate) fn aliases(meta: &ParseNestedMeta, example: &str) -> syn::Result<Vec<LitStr>> {
    if !meta.input.peek(syn::token::Paren) {
        return Ok(vec![lit_str(meta)?]);
    }
    let list = paren_strs(meta)?;
    if list.is_empty() {
        return Err(syn::Error::new(
            meta.path.span(),
            format!("`alias` needs at least one name, as in `alias(\"{example}\")`"),
        ));
    }
    Ok(list)
}

/// A profile name: an identifier or a string.
fn profile_name(input: ParseStream) -> syn::Result<At<String>> {
    if input.peek(LitStr) {
        let s: LitStr = input.parse()?;
        Ok(At { value: s.value().to_ascii_lowercase(), span: s.span() })
    } else {
        let i: Ident = input.parse()?;
        Ok(At { value: i.to_string().to_ascii_lowercase(), span: i.span() })
    }
}

/// `(production, staging)` or `= production` or `= "production"`.
fn profile_list(meta: &ParseNestedMeta) -> syn::Result<Vec<At<String>>> {
    if meta.input.peek(Token![=]) {
        let v = meta.value()?;
        return Ok(vec![profile_name(v)?]);
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let list = Punctuated::<At<String>, Token![,]>::parse_terminated_with(&content, profile_name)?;
    Ok(list.into_iter().collect())
}

/// A number literal, possibly negative, as (value, text, is_float).
fn number(expr: &Expr) -> Option<(f64, String, bool)> {
    match expr {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) => Some((i.base10_digits().parse().ok()?, i.base10_digits().to_owned(), false)),
            Lit::Float(f) => Some((f.base10_digits().parse().ok()?, f.base10_digits().to_owned(), true)),
            _ => None,
        },
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => {
            number(&u.expr).map(|(v, t, f)| (-v, format!("-{t}"), f))
        }
        Expr::Group(g) => number(&g.expr),
        Expr::Paren(p) => number(&p.expr),
        _ => None,
    }
}

fn bound(expr: &Expr, inclusive: bool) -> syn::Result<Bound> {
    number(expr)
        .map(|(value, text, _)| Bound { value, text, inclusive })
        .ok_or_else(|| syn::Error::new_spanned(expr, "expected a number literal"))
}

fn int<T: std::str::FromStr>(meta: &ParseNestedMeta) -> syn::Result<T>
where
    T::Err: std::fmt::Display,
{
    let key = key_of(meta);
    let hint = || format!("`{key}` takes a whole number, as in `{key} = 32`");
    if !meta.input.peek(Token![=]) {
        return Err(syn::Error::new(meta.path.span(), hint()));
    }
    let lit: syn::LitInt = meta.value()?.parse().map_err(|e: syn::Error| syn::Error::new(e.span(), hint()))?;
    lit.base10_parse().map_err(|e| syn::Error::new(lit.span(), format!("{}: {e}", hint())))
}

/// Sets the field's one default; `default`, `default_from` and `same_as` exclude each other.
fn set_default(cx: &Ctxt, slot: &mut Option<At<DefaultAttr>>, value: DefaultAttr, meta: &ParseNestedMeta) {
    let key = key_of(meta);
    match slot {
        Some(At { value: earlier, .. }) => {
            let earlier = earlier.key();
            let msg = if earlier == key {
                format!("duplicate `{key}` attribute")
            } else {
                format!("`{key}` cannot be combined with `{earlier}`: a field has one default")
            };
            cx.error_at(meta.path.span(), msg);
        }
        None => *slot = Some(At { value, span: meta.path.span() }),
    }
}

/// The environment spelling of a default literal: strings as written, numbers and booleans
/// as their tokens.
fn default_literal(expr: Expr) -> syn::Result<DefaultAttr> {
    let text = match &expr {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => s.value(),
            Lit::Bool(b) => b.value.to_string(),
            Lit::Char(c) => c.value().to_string(),
            Lit::Int(i) => {
                if !i.suffix().is_empty() {
                    let msg = format!(
                        "write the default without a type suffix, as in `default = {}`: the field's type decides",
                        i.base10_digits()
                    );
                    return Err(syn::Error::new_spanned(i, msg));
                }
                i.base10_digits().to_owned()
            }
            Lit::Float(f) => {
                if !f.suffix().is_empty() {
                    let msg = format!(
                        "write the default without a type suffix, as in `default = {}`: the field's type decides",
                        f.base10_digits()
                    );
                    return Err(syn::Error::new_spanned(f, msg));
                }
                f.base10_digits().to_owned()
            }
            _ => return Err(syn::Error::new_spanned(&expr, "expected a string, number or boolean literal")),
        },
        other => match number(other) {
            Some((_, text, _)) => text,
            None => {
                return Err(syn::Error::new_spanned(
                    other,
                    "a default must be a literal (`\"text\"`, `8080`, `true`); use `default` alone for `Default::default()`",
                ));
            }
        },
    };
    Ok(DefaultAttr::Literal { text, expr })
}

impl ContainerAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut out = ContainerAttrs::default();
        for attr in env_attrs(attrs) {
            let result = attr.parse_nested_meta(|meta| {
                let key = key_of(&meta);
                match key.as_str() {
                    "prefix" => set_once(cx, &mut out.prefix, lit_str(&meta)?, &meta, "prefix"),
                    "section" => set_once(cx, &mut out.section, lit_str(&meta)?, &meta, "section"),
                    "empty" => {
                        let s = lit_str(&meta)?;
                        let value = match s.value().as_str() {
                            "unset" => false,
                            "value" => true,
                            _ => {
                                return Err(syn::Error::new_spanned(
                                    s,
                                    "expected `empty = \"unset\"` or `empty = \"value\"`",
                                ));
                            }
                        };
                        set_once(cx, &mut out.empty_is_value, value, &meta, "empty");
                    }
                    "strict_bool" => set_once(cx, &mut out.strict_bool, (), &meta, "strict_bool"),
                    "profiles" => {
                        let profiles = profile_list(&meta)?;
                        if profiles.is_empty() {
                            return Err(syn::Error::new(
                                meta.path.span(),
                                "`profiles` needs at least one profile, as in `profiles(canary, qa)`",
                            ));
                        }
                        for p in &profiles {
                            if p.value.is_empty() || p.value.chars().any(char::is_whitespace) {
                                cx.error_at(p.span, "a profile name is one word, such as `canary`");
                            }
                        }
                        out.profiles.extend(profiles);
                    }
                    "check" => {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        let path: syn::Path = content.parse()?;
                        let hint = "`check` needs a function and what it checks, as in `check(path::to::function, \"what it checks\")`";
                        content.parse::<Token![,]>().map_err(|_| syn::Error::new(meta.path.span(), hint))?;
                        let what: LitStr = content.parse().map_err(|e| syn::Error::new(e.span(), hint))?;
                        out.checks.push((path, what));
                    }
                    "crate" => {
                        let s = lit_str(&meta)?;
                        set_once(cx, &mut out.crate_path, parse_crate_path(&s)?, &meta, "crate");
                    }
                    "docs" => set_once(cx, &mut out.docs, lit_str(&meta)?, &meta, "docs"),
                    other => {
                        let msg = if symbol::FIELD_KEYS.contains(&other) {
                            format!("`{other}` belongs on a field, not on the struct")
                        } else {
                            symbol::unknown_key_message(other, symbol::CONTAINER_KEYS, "struct")
                        };
                        return Err(meta.error(msg));
                    }
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        out
    }
}

impl FieldAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut out = FieldAttrs::default();
        for attr in env_attrs(attrs) {
            if let Err(e) = attr.parse_nested_meta(|meta| out.parse_one(cx, meta)) {
                cx.syn_error(e);
            }
        }
        out
    }

    fn parse_one(&mut self, cx: &Ctxt, meta: ParseNestedMeta) -> syn::Result<()> {
        let key = key_of(&meta);
        let span = meta.path.span();
        match key.as_str() {
            "name" => set_once(cx, &mut self.name, lit_str(&meta)?, &meta, "name"),
            "no_prefix" => set_once(cx, &mut self.no_prefix, (), &meta, "no_prefix"),
            "alias" => self.aliases.extend(aliases(&meta, "OLD_NAME")?),
            "default" => {
                let value = if meta.input.peek(Token![=]) {
                    default_literal(meta.value()?.parse()?)?
                } else {
                    DefaultAttr::TypeDefault
                };
                set_default(cx, &mut self.default, value, &meta);
            }
            "default_from" => set_default(cx, &mut self.default, DefaultAttr::Template(lit_str(&meta)?), &meta),
            "same_as" => {
                let hint = "`same_as` takes a sibling field, as in `same_as = storage_adapter`";
                if !meta.input.peek(Token![=]) {
                    return Err(syn::Error::new(span, hint));
                }
                let ident: Ident = meta.value()?.parse().map_err(|e: syn::Error| syn::Error::new(e.span(), hint))?;
                set_default(cx, &mut self.default, DefaultAttr::SameAs(ident), &meta);
            }
            "secret" => set_once(cx, &mut self.secret, (), &meta, "secret"),
            "bootstrap" => set_once(cx, &mut self.bootstrap, (), &meta, "bootstrap"),
            "deprecated" => set_once(cx, &mut self.deprecated, lit_str(&meta)?, &meta, "deprecated"),
            "example" => self.examples.push(lit_str(&meta)?),
            "generate" => set_once(cx, &mut self.generate, lit_str(&meta)?, &meta, "generate"),
            "used_by" => set_once(cx, &mut self.used_by, lit_str(&meta)?, &meta, "used_by"),
            "section" => set_once(cx, &mut self.section, lit_str(&meta)?, &meta, "section"),
            "nested" => set_once(cx, &mut self.nested, (), &meta, "nested"),
            "flatten" => set_once(cx, &mut self.flatten, (), &meta, "flatten"),
            "prefix" => set_once(cx, &mut self.prefix, lit_str(&meta)?, &meta, "prefix"),
            "json" => set_once(cx, &mut self.json, (), &meta, "json"),
            "from_str" => set_once(cx, &mut self.from_str, (), &meta, "from_str"),
            "file" => {
                let value = if meta.input.peek(Token![=]) {
                    meta.value()?
                        .parse::<syn::LitBool>()
                        .map_err(|e| {
                            syn::Error::new(e.span(), "`file` takes `true` or `false`; `file` alone means `true`")
                        })?
                        .value
                } else {
                    true
                };
                set_once(cx, &mut self.file, value, &meta, "file");
            }
            "strict_bool" => set_once(cx, &mut self.strict_bool, (), &meta, "strict_bool"),
            "profile" => set_once(cx, &mut self.profile, (), &meta, "profile"),
            "range" => {
                let expr: Expr = meta.value()?.parse()?;
                let Expr::Range(r) = &expr else {
                    return Err(syn::Error::new_spanned(
                        expr,
                        "expected a range such as `1..=65535`, `0..` or `..=10`",
                    ));
                };
                let closed = matches!(r.limits, syn::RangeLimits::Closed(_));
                let min = r.start.as_deref().map(|e| bound(e, true)).transpose()?;
                let max = r.end.as_deref().map(|e| bound(e, closed)).transpose()?;
                if min.is_none() && max.is_none() {
                    return Err(syn::Error::new_spanned(expr, "a range needs at least one bound"));
                }
                self.push_rule(RuleAttr::Range { min, max }, span);
            }
            "min" | "max" | "gt" | "lt" => {
                let expr: Expr = meta.value()?.parse()?;
                let inclusive = matches!(key.as_str(), "min" | "max");
                let b = bound(&expr, inclusive)?;
                let rule = if matches!(key.as_str(), "min" | "gt") {
                    RuleAttr::Range { min: Some(b), max: None }
                } else {
                    RuleAttr::Range { min: None, max: Some(b) }
                };
                self.push_rule(rule, span);
            }
            "min_len" | "max_len" | "len" => {
                let n: u64 = int(&meta)?;
                let (min, max) = match key.as_str() {
                    "min_len" => (Some(n), None),
                    "max_len" => (None, Some(n)),
                    _ => (Some(n), Some(n)),
                };
                // Merge with an earlier length rule so docs read `8–64 characters`.
                let existing =
                    self.rules.iter_mut().find(|r| matches!(r.rule, RuleAttr::Length { .. }) && r.only_in.is_empty());
                match existing {
                    Some(RuleSpec { rule: RuleAttr::Length { min: m0, max: m1 }, .. }) => {
                        if (min.is_some() && m0.is_some()) || (max.is_some() && m1.is_some()) {
                            let msg = match key.as_str() {
                                "min_len" => "the minimum length is already set by an earlier `min_len` or `len`",
                                "max_len" => "the maximum length is already set by an earlier `max_len` or `len`",
                                _ => {
                                    "`len` sets both the minimum and the maximum length, but an earlier `min_len`, `max_len` or `len` already sets one; use `len` alone"
                                }
                            };
                            return Err(syn::Error::new(span, msg));
                        }
                        *m0 = m0.or(min);
                        *m1 = m1.or(max);
                    }
                    _ => self.push_rule(RuleAttr::Length { min, max }, span),
                }
            }
            "pattern" => {
                let s = lit_str(&meta)?;
                self.push_rule(RuleAttr::Pattern(s), span);
            }
            "item_pattern" => {
                let s = lit_str(&meta)?;
                self.push_rule(RuleAttr::ItemPattern(s), span);
            }
            "key" => {
                let (mut bytes, mut hex, mut base64) = (None, false, false);
                meta.parse_nested_meta(|inner| {
                    if inner.path.is_ident("bytes") {
                        bytes = Some(int::<u32>(&inner)?);
                    } else if inner.path.is_ident("hex") {
                        hex = true;
                    } else if inner.path.is_ident("base64") {
                        base64 = true;
                    } else {
                        return Err(inner.error("expected `bytes = N`, `hex` or `base64`"));
                    }
                    Ok(())
                })?;
                let Some(bytes) = bytes else {
                    return Err(syn::Error::new(span, "`key` needs `bytes = N`, as in `key(bytes = 32, hex)`"));
                };
                if bytes == 0 {
                    return Err(syn::Error::new(span, "`key` needs `bytes` of at least 1"));
                }
                if !hex && !base64 {
                    return Err(syn::Error::new(span, "`key` needs an encoding: `hex`, `base64`, or both"));
                }
                self.push_rule(RuleAttr::Key { bytes, hex, base64 }, span);
            }
            "schemes" => {
                let list = paren_strs(&meta)?;
                if list.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        "`schemes` needs at least one scheme, as in `schemes(\"redis\", \"rediss\")`",
                    ));
                }
                for scheme in &list {
                    let v = scheme.value();
                    let valid = v.starts_with(|c: char| c.is_ascii_alphabetic())
                        && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
                    if !valid {
                        let bare = v.split(':').next().unwrap_or_default();
                        let msg = if v.contains(':') && !bare.is_empty() {
                            format!("write the scheme without `:` or `//`, as in `\"{bare}\"`")
                        } else {
                            format!("`{v}` is not a URL scheme, such as `\"https\"`")
                        };
                        cx.error_spanned_by(scheme, msg);
                    }
                }
                self.push_rule(RuleAttr::Schemes(list), span);
            }
            "non_empty" => self.push_rule(RuleAttr::NonEmpty, span),
            "forbid" => {
                let content;
                syn::parenthesized!(content in meta.input);
                let mut values = Vec::new();
                let mut only_in = Vec::new();
                while !content.is_empty() {
                    if content.peek(LitStr) {
                        values.push(content.parse::<LitStr>()?);
                    } else {
                        let kw: Ident = content.parse()?;
                        if kw != "only_in" {
                            return Err(syn::Error::new_spanned(kw, "expected a string or `only_in = profile`"));
                        }
                        content.parse::<Token![=]>()?;
                        only_in.push(profile_name(&content)?);
                    }
                    if !content.is_empty() {
                        content.parse::<Token![,]>()?;
                    }
                }
                if values.is_empty() {
                    return Err(syn::Error::new(span, "`forbid` needs at least one value, as in `forbid(\"*\")`"));
                }
                self.rules.push(RuleSpec { rule: RuleAttr::Forbid(values), span, only_in });
            }
            "validate" => {
                let value = if meta.input.peek(Token![=]) {
                    (meta.value()?.parse::<syn::Path>()?, None)
                } else {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let path: syn::Path = content.parse()?;
                    content.parse::<Token![,]>()?;
                    (path, Some(content.parse::<LitStr>()?))
                };
                set_once(cx, &mut self.validate, value, &meta, "validate");
            }
            "required_if" => {
                let conds = conditions(&meta, span, "`required_if(adapter = \"mongodb\")`")?;
                self.required_if.push(conds);
            }
            "read_if" => {
                let conds = conditions(&meta, span, "`read_if(storage_adapter = \"sqlite\")`")?;
                self.read_if.push(conds);
            }
            "separator" => set_once(cx, &mut self.separator, lit_str(&meta)?, &meta, "separator"),
            "required_with" => {
                let content;
                syn::parenthesized!(content in meta.input);
                let list = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
                if list.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        "`required_with` needs a field, as in `required_with(smtp_host)`",
                    ));
                }
                self.required_with.extend(list);
            }
            "required_in" | "forbidden_in" | "not_default_in" => {
                let kind = match key.as_str() {
                    "required_in" => ProfileKind::RequiredIn,
                    "forbidden_in" => ProfileKind::ForbiddenIn,
                    _ => ProfileKind::NotDefaultIn,
                };
                let profiles = profile_list(&meta)?;
                if profiles.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        format!("`{key}` needs at least one profile, as in `{key}(production)`"),
                    ));
                }
                self.profile_rules.push(ProfileSpec { kind, profiles, span });
            }
            "dev_default" => {
                let value = lit_str(&meta)?;
                let profiles = vec![At { value: "production".to_owned(), span }];
                self.profile_rules.push(ProfileSpec { kind: ProfileKind::DevDefault(value), profiles, span });
            }
            "warn_in" => {
                let profiles = profile_list(&meta)?;
                if profiles.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        "`warn_in` needs at least one profile, as in `warn_in(development)`",
                    ));
                }
                self.warn_in.extend(profiles);
            }
            "fallback" => {
                if meta.input.peek(syn::token::Paren) {
                    let list = paren_strs(&meta)?;
                    if list.is_empty() {
                        return Err(syn::Error::new(
                            span,
                            "`fallback` needs at least one variable, as in `fallback(\"LEGACY_TOKEN\")`",
                        ));
                    }
                    self.fallback.extend(list);
                } else {
                    self.fallback.push(lit_str(&meta)?);
                }
            }
            other => {
                let msg = if symbol::CONTAINER_KEYS.contains(&other) && !symbol::FIELD_KEYS.contains(&other) {
                    format!("`{other}` belongs on the struct, not on a field")
                } else {
                    symbol::unknown_key_message(other, symbol::FIELD_KEYS, "field")
                };
                return Err(meta.error(msg));
            }
        }
        Ok(())
    }

    fn push_rule(&mut self, rule: RuleAttr, span: Span) {
        self.rules.push(RuleSpec { rule, span, only_in: Vec::new() });
    }
}

/// The parenthesized conditions of `required_if(...)` or `read_if(...)`; at least one.
fn conditions(meta: &ParseNestedMeta, span: Span, example: &str) -> syn::Result<At<Vec<CondAttr>>> {
    let content;
    syn::parenthesized!(content in meta.input);
    let conds = Punctuated::<CondAttr, Token![,]>::parse_terminated_with(&content, parse_cond)?;
    if conds.is_empty() {
        let key = key_of(meta);
        return Err(syn::Error::new(span, format!("`{key}` needs a condition, as in {example}")));
    }
    Ok(At { value: conds.into_iter().collect(), span })
}

fn parse_cond(input: ParseStream) -> syn::Result<CondAttr> {
    let field: Ident = input.parse()?;
    let mut values = Vec::new();
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        if input.peek(syn::token::Bracket) {
            let content;
            let bracket = syn::bracketed!(content in input);
            values.extend(Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?);
            if values.is_empty() {
                return Err(syn::Error::new(
                    bracket.span.join(),
                    format!(
                        "an empty list of values never matches; write `required_if({field})` for \"when `{field}` is set\""
                    ),
                ));
            }
        } else {
            values.push(input.parse()?);
        }
    }
    Ok(CondAttr { field, values })
}

impl EnumAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut out = EnumAttrs::default();
        for attr in env_attrs(attrs) {
            let result = attr.parse_nested_meta(|meta| {
                match key_of(&meta).as_str() {
                    "rename_all" => set_once(cx, &mut out.rename_all, lit_str(&meta)?, &meta, "rename_all"),
                    "crate" => {
                        let s = lit_str(&meta)?;
                        set_once(cx, &mut out.crate_path, parse_crate_path(&s)?, &meta, "crate");
                    }
                    other => return Err(meta.error(symbol::unknown_key_message(other, symbol::ENUM_KEYS, "enum"))),
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        out
    }
}

impl VariantAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut out = VariantAttrs::default();
        for attr in env_attrs(attrs) {
            let result = attr.parse_nested_meta(|meta| {
                match key_of(&meta).as_str() {
                    "rename" => set_once(cx, &mut out.rename, lit_str(&meta)?, &meta, "rename"),
                    "alias" => out.aliases.extend(aliases(&meta, "pg")?),
                    other => {
                        return Err(meta.error(symbol::unknown_key_message(other, symbol::VARIANT_KEYS, "variant")));
                    }
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        out
    }
}

/// The doc comment of an item: `///` lines joined, one leading space trimmed per line.
pub fn doc_of(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) = &nv.value {
                let v = s.value();
                lines.push(v.strip_prefix(' ').map(str::to_owned).unwrap_or(v));
            }
        }
    }
    lines.join("\n").trim().to_owned()
}
