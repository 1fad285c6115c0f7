//! The one parser of `#[env(...)]`, for every place an attribute can be written (a struct, a
//! field, a backend group and its variants, an `EnvEnum` and its variants). Each key is parsed
//! once, here, into [`Attrs`]; a key written where it does not belong, a repeated key and an
//! unknown key are reported at the key, the unknown one with the closest known key.

use crate::ctxt::Ctxt;
use crate::symbol::{self, Place, Symbol};
use envspec_schema::Bound;
use proc_macro2::Span;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::parse::discouraged::Speculative;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Lit, LitStr, Token};

/// A value with the span of the attribute that set it.
#[derive(Clone)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
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

/// Which family of types a rule needs, for the compile-time assertion.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RuleTarget {
    Number,
    Text,
    TextOrList,
    /// Rules over the items of a list of text (`item_pattern`, `forbid` on a list).
    TextItems,
}

impl RuleAttr {
    pub fn needs(&self) -> RuleTarget {
        match self {
            RuleAttr::Range { .. } => RuleTarget::Number,
            RuleAttr::NonEmpty | RuleAttr::Length { .. } | RuleAttr::Forbid(_) => RuleTarget::TextOrList,
            RuleAttr::ItemPattern(_) => RuleTarget::TextItems,
            RuleAttr::Pattern(_) | RuleAttr::Key { .. } | RuleAttr::Schemes(_) => RuleTarget::Text,
        }
    }
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
    /// `recommended_in`: a `required_in` that is only ever a warning.
    RecommendedIn,
    ForbiddenIn,
    NotDefaultIn,
    DevDefault(LitStr),
}

impl ProfileKind {
    pub fn key(&self) -> Symbol {
        match self {
            ProfileKind::RequiredIn => symbol::REQUIRED_IN,
            ProfileKind::RecommendedIn => symbol::RECOMMENDED_IN,
            ProfileKind::ForbiddenIn => symbol::FORBIDDEN_IN,
            ProfileKind::NotDefaultIn => symbol::NOT_DEFAULT_IN,
            ProfileKind::DevDefault(_) => symbol::DEV_DEFAULT,
        }
    }
}

/// A profile rule: `required_in(production)` and the like.
#[derive(Clone)]
pub struct ProfileSpec {
    pub kind: ProfileKind,
    pub profiles: Vec<At<String>>,
    pub span: Span,
}

/// Who sets the variable, when it is not the operator.
#[derive(Clone)]
pub enum RoleAttr {
    Internal,
    Reserved,
    SetBy(LitStr),
    TestOnly,
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
    /// `same_as = field` or `same_as = core.field`.
    SameAs(FieldRef),
}

impl DefaultAttr {
    /// The key that wrote this default.
    pub fn key(&self) -> Symbol {
        match self {
            DefaultAttr::Literal { .. } | DefaultAttr::TypeDefault => symbol::DEFAULT,
            DefaultAttr::Template(_) => symbol::DEFAULT_FROM,
            DefaultAttr::SameAs(_) => symbol::SAME_AS,
        }
    }
}

/// A field another attribute names: a sibling (`api_url`), or a path through nested structs
/// (`core.api_url`), resolved from the declaring struct outwards to the root.
#[derive(Clone)]
pub struct FieldRef {
    pub segments: Vec<Ident>,
}

impl FieldRef {
    /// `ident` or `a.b.c`; a field access expression is the same path.
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut segments = vec![input.call(Ident::parse_any)?];
        while input.peek(Token![.]) {
            input.parse::<Token![.]>()?;
            segments.push(input.call(Ident::parse_any)?);
        }
        Ok(FieldRef { segments })
    }

    /// As the runtime reads it: `core.api_url`.
    pub fn text(&self) -> String {
        self.segments.iter().map(crate::ast::ident_name).collect::<Vec<_>>().join(".")
    }

    pub fn span(&self) -> Span {
        let first = self.segments[0].span();
        self.segments.last().and_then(|l| first.join(l.span())).unwrap_or(first)
    }
}

impl quote::ToTokens for FieldRef {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        for (i, s) in self.segments.iter().enumerate() {
            if i > 0 {
                <Token![.]>::default().to_tokens(tokens);
            }
            s.to_tokens(tokens);
        }
    }
}

impl std::fmt::Display for FieldRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// One condition of `required_if(...)` or `read_if(...)`: a field and the values that make it
/// hold (none: when the field is set).
#[derive(Clone)]
pub struct CondAttr {
    pub field: FieldRef,
    pub values: Vec<LitStr>,
}

/// Everything `#[env(...)]` can say, at any place. The model ([`crate::ast`]) takes what its
/// place may hold; the parser has already refused the rest.
#[derive(Default)]
pub struct Attrs {
    /// Every key written, with its span, in order.
    pub seen: Vec<(Symbol, Span)>,
    pub prefix: Option<At<LitStr>>,
    pub section: Option<At<LitStr>>,
    pub empty_is_value: Option<At<bool>>,
    pub strict_bool: Option<At<()>>,
    pub profiles: Vec<At<String>>,
    pub checks: Vec<(syn::Path, LitStr)>,
    /// `claims("KAFKA_", "MSK_")`: prefixes of variable names that belong to this configuration.
    pub claims: Vec<LitStr>,
    /// `forbid_names(...)`, in order.
    pub name_rules: Vec<NameRuleAttr>,
    pub crate_path: Option<At<syn::Path>>,
    pub docs: Option<At<LitStr>>,
    pub selector: Option<At<LitStr>>,
    pub rename: Option<At<LitStr>>,
    pub rename_all: Option<At<LitStr>>,
    pub name: Option<At<LitStr>>,
    pub no_prefix: Option<At<()>>,
    pub aliases: Vec<LitStr>,
    pub default: Option<At<DefaultAttr>>,
    pub secret: Option<At<()>>,
    pub bootstrap: Option<At<()>>,
    pub deprecated: Option<At<LitStr>>,
    pub examples: Vec<LitStr>,
    pub generate: Option<At<LitStr>>,
    /// `components(api, worker)`: on a struct, the components it declares; on a field, the
    /// ones that read it.
    pub components: Vec<At<String>>,
    /// `required_for(worker)`.
    pub required_for: Vec<At<String>>,
    /// `default_for(cli = "...")`: component, the default's spelling, the literal.
    pub default_for: Vec<(At<String>, String, Expr)>,
    pub nested: Option<At<()>>,
    pub flatten: Option<At<()>>,
    pub json: Option<At<()>>,
    pub from_str: Option<At<()>>,
    pub file: Option<At<bool>>,
    pub profile: Option<At<()>>,
    pub rules: Vec<RuleSpec>,
    pub validate: Option<At<(syn::Path, Option<LitStr>)>>,
    pub required_if: Vec<At<Vec<CondAttr>>>,
    pub read_if: Vec<At<Vec<CondAttr>>>,
    pub separator: Option<At<LitStr>>,
    pub required_with: Vec<FieldRef>,
    pub profile_rules: Vec<ProfileSpec>,
    pub warn_in: Vec<At<String>>,
    pub fallback: Vec<LitStr>,
    /// `on_invalid = "default"`.
    pub lenient: Option<At<()>>,
    /// `unit = "ms"`: the unit of a bare number read as a duration.
    pub unit: Option<At<LitStr>>,
    /// `flag`: a secret accepted as a command-line flag.
    pub flag: Option<At<()>>,
    /// `internal`, `reserved`, `set_by = "..."`, `test_only`: who sets the variable.
    pub role: Option<At<(Symbol, RoleAttr)>>,
}

impl Attrs {
    /// Parses every `#[env(...)]` among `attrs`, written at `place`.
    pub fn parse(cx: &Ctxt, attrs: &[syn::Attribute], place: Place) -> Self {
        let mut out = Attrs::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
            let result = attr.parse_nested_meta(|meta| {
                let key = key_of(&meta);
                match symbol::lookup(&key) {
                    Some((word, places)) if places.contains(&place) => out.parse_one(cx, word, &meta),
                    // Reported, then skipped, so the keys after it are still checked.
                    _ => {
                        cx.error_at(meta.path.span(), symbol::misplaced_message(&key, place));
                        skip_value(&meta)
                    }
                }
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        out
    }

    fn parse_one(&mut self, cx: &Ctxt, key: Symbol, meta: &ParseNestedMeta) -> syn::Result<()> {
        let span = meta.path.span();
        use symbol::*;
        match key {
            PREFIX => set_once(cx, &mut self.prefix, lit_str(meta)?, meta, key),
            SECTION => set_once(cx, &mut self.section, lit_str(meta)?, meta, key),
            EMPTY => {
                let s = lit_str(meta)?;
                let value = match s.value().as_str() {
                    "unset" => false,
                    "value" => true,
                    _ => return Err(syn::Error::new_spanned(s, "expected `empty = \"unset\"` or `empty = \"value\"`")),
                };
                set_once(cx, &mut self.empty_is_value, value, meta, key);
            }
            STRICT_BOOL => set_once(cx, &mut self.strict_bool, (), meta, key),
            PROFILES => {
                let profiles = profile_list(meta)?;
                if profiles.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        "`profiles` needs at least one profile, as in `profiles(canary, qa)`",
                    ));
                }
                for p in &profiles {
                    if p.value.is_empty() || p.value.chars().any(char::is_whitespace) {
                        cx.error_at(p.span, "a profile name is one word, such as `canary`");
                    }
                }
                self.profiles.extend(profiles);
            }
            CLAIMS => {
                let claims = paren_strs(meta)?;
                if claims.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        "`claims` needs at least one prefix, as in `claims(\"KAFKA_\")`",
                    ));
                }
                for c in &claims {
                    let v = c.value();
                    if v.is_empty() || v.chars().any(|c| !(c.is_ascii_alphanumeric() || c == '_')) {
                        cx.error_spanned_by(c, "a claimed prefix is the start of variable names: letters, digits and `_`, such as `\"KAFKA_\"`");
                    }
                }
                self.claims.extend(claims);
            }
            FORBID_NAMES => {
                let content;
                syn::parenthesized!(content in meta.input);
                let mut rule = NameRuleAttr { patterns: Vec::new(), only_in: Vec::new(), warn_in: Vec::new() };
                while !content.is_empty() {
                    if content.peek(LitStr) {
                        rule.patterns.push(content.parse::<LitStr>()?);
                    } else {
                        let kw = content.call(Ident::parse_any)?;
                        let list = if kw == ONLY_IN.0 {
                            &mut rule.only_in
                        } else if kw == WARN_IN.0 {
                            &mut rule.warn_in
                        } else {
                            return Err(syn::Error::new_spanned(
                                kw,
                                "expected a pattern such as `\"TEST_*\"`, `only_in = profile` or `warn_in = profile`",
                            ));
                        };
                        content.parse::<Token![=]>()?;
                        list.push(profile_name(&content)?);
                    }
                    if !content.is_empty() {
                        content.parse::<Token![,]>()?;
                    }
                }
                if rule.patterns.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        "`forbid_names` needs at least one pattern, as in `forbid_names(\"TEST_*\", only_in = production)`",
                    ));
                }
                self.name_rules.push(rule);
            }
            CHECK => {
                let content;
                syn::parenthesized!(content in meta.input);
                let path: syn::Path = content.parse()?;
                let hint = "`check` needs a function and what it checks, as in `check(path::to::function, \"what it checks\")`";
                content.parse::<Token![,]>().map_err(|_| syn::Error::new(span, hint))?;
                let what: LitStr = content.parse().map_err(|e| syn::Error::new(e.span(), hint))?;
                self.checks.push((path, what));
            }
            CRATE => {
                let s = lit_str(meta)?;
                let path = s.parse().map_err(|_| {
                    syn::Error::new(s.span(), "`crate` takes the path of `envspec`, as in `crate = \"::my_config\"`")
                })?;
                set_once(cx, &mut self.crate_path, path, meta, key);
            }
            DOCS => set_once(cx, &mut self.docs, lit_str(meta)?, meta, key),
            SELECTOR => set_once(cx, &mut self.selector, lit_str(meta)?, meta, key),
            RENAME => set_once(cx, &mut self.rename, lit_str(meta)?, meta, key),
            RENAME_ALL => set_once(cx, &mut self.rename_all, lit_str(meta)?, meta, key),
            NAME => set_once(cx, &mut self.name, lit_str(meta)?, meta, key),
            NO_PREFIX => set_once(cx, &mut self.no_prefix, (), meta, key),
            ALIAS => {
                if meta.input.peek(syn::token::Paren) {
                    let list = paren_strs(meta)?;
                    if list.is_empty() {
                        return Err(syn::Error::new(
                            span,
                            "`alias` needs at least one name, as in `alias(\"OLD_NAME\")`",
                        ));
                    }
                    self.aliases.extend(list);
                } else {
                    self.aliases.push(lit_str(meta)?);
                }
            }
            DEFAULT => {
                let value = if meta.input.peek(Token![=]) {
                    default_literal(value_expr(meta.value()?)?)?
                } else {
                    DefaultAttr::TypeDefault
                };
                self.set_default(cx, value, meta);
            }
            DEFAULT_FROM => self.set_default(cx, DefaultAttr::Template(lit_str(meta)?), meta),
            SAME_AS => {
                let hint = "`same_as` takes a field, as in `same_as = storage_adapter` or `same_as = core.api_url`";
                if !meta.input.peek(Token![=]) {
                    return Err(syn::Error::new(span, hint));
                }
                let field =
                    meta.value()?.call(FieldRef::parse).map_err(|e: syn::Error| syn::Error::new(e.span(), hint))?;
                self.set_default(cx, DefaultAttr::SameAs(field), meta);
            }
            SECRET => set_once(cx, &mut self.secret, (), meta, key),
            BOOTSTRAP => set_once(cx, &mut self.bootstrap, (), meta, key),
            FLAG => set_once(cx, &mut self.flag, (), meta, key),
            INTERNAL => self.set_role(cx, RoleAttr::Internal, meta, key),
            RESERVED => self.set_role(cx, RoleAttr::Reserved, meta, key),
            TEST_ONLY => self.set_role(cx, RoleAttr::TestOnly, meta, key),
            SET_BY => {
                let by = lit_str(meta)?;
                if by.value().trim().is_empty() {
                    return Err(syn::Error::new_spanned(
                        by,
                        "`set_by` names who sets it, as in `set_by = \"Kubernetes\"`",
                    ));
                }
                self.set_role(cx, RoleAttr::SetBy(by), meta, key);
            }
            DEPRECATED => set_once(cx, &mut self.deprecated, lit_str(meta)?, meta, key),
            EXAMPLE => self.examples.push(lit_str(meta)?),
            GENERATE => set_once(cx, &mut self.generate, lit_str(meta)?, meta, key),
            COMPONENTS | REQUIRED_FOR => {
                let names = profile_list(meta)?;
                if names.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        format!("`{key}` needs at least one component, as in `{key}(worker)`"),
                    ));
                }
                if key == COMPONENTS { &mut self.components } else { &mut self.required_for }.extend(names);
            }
            DEFAULT_FOR => {
                let content;
                syn::parenthesized!(content in meta.input);
                let hint =
                    "`default_for` takes component defaults, as in `default_for(cli = \"http://localhost:8000\")`";
                while !content.is_empty() {
                    let component = profile_name(&content).map_err(|e| syn::Error::new(e.span(), hint))?;
                    content.parse::<Token![=]>().map_err(|e| syn::Error::new(e.span(), hint))?;
                    let (text, expr) = literal_text(value_expr(&content)?)?;
                    self.default_for.push((component, text, expr));
                    if !content.is_empty() {
                        content.parse::<Token![,]>()?;
                    }
                }
                if self.default_for.is_empty() {
                    return Err(syn::Error::new(span, hint));
                }
            }
            NESTED => set_once(cx, &mut self.nested, (), meta, key),
            FLATTEN => set_once(cx, &mut self.flatten, (), meta, key),
            JSON => set_once(cx, &mut self.json, (), meta, key),
            FROM_STR => set_once(cx, &mut self.from_str, (), meta, key),
            FILE => {
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
                set_once(cx, &mut self.file, value, meta, key);
            }
            PROFILE => set_once(cx, &mut self.profile, (), meta, key),
            RANGE => {
                let (min, max) = range(meta.value()?)?;
                self.push_rule(RuleAttr::Range { min, max }, span);
            }
            MIN | MAX | GT | LT => {
                let expr = value_expr(meta.value()?)?;
                let b = bound(&expr, key == MIN || key == MAX)?;
                let rule = if key == MIN || key == GT {
                    RuleAttr::Range { min: Some(b), max: None }
                } else {
                    RuleAttr::Range { min: None, max: Some(b) }
                };
                self.push_rule(rule, span);
            }
            MIN_LEN | MAX_LEN | LEN => {
                let n: u64 = int(meta)?;
                let (min, max) = match key {
                    MIN_LEN => (Some(n), None),
                    MAX_LEN => (None, Some(n)),
                    _ => (Some(n), Some(n)),
                };
                // Merge with an earlier length rule so docs read `8–64 characters`.
                let existing =
                    self.rules.iter_mut().find(|r| matches!(r.rule, RuleAttr::Length { .. }) && r.only_in.is_empty());
                match existing {
                    Some(RuleSpec { rule: RuleAttr::Length { min: m0, max: m1 }, .. }) => {
                        if (min.is_some() && m0.is_some()) || (max.is_some() && m1.is_some()) {
                            let msg = match key {
                                MIN_LEN => "the minimum length is already set by an earlier `min_len` or `len`",
                                MAX_LEN => "the maximum length is already set by an earlier `max_len` or `len`",
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
            PATTERN => {
                let s = lit_str(meta)?;
                self.push_rule(RuleAttr::Pattern(s), span);
            }
            ITEM_PATTERN => {
                let s = lit_str(meta)?;
                self.push_rule(RuleAttr::ItemPattern(s), span);
            }
            KEY => {
                let (mut bytes, mut hex, mut base64) = (None, false, false);
                meta.parse_nested_meta(|inner| {
                    if inner.path == BYTES {
                        bytes = Some(int::<u32>(&inner)?);
                    } else if inner.path == HEX {
                        hex = true;
                    } else if inner.path == BASE64 {
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
            SCHEMES => {
                let list = paren_strs(meta)?;
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
            NON_EMPTY => self.push_rule(RuleAttr::NonEmpty, span),
            FORBID => {
                let content;
                syn::parenthesized!(content in meta.input);
                let mut values = Vec::new();
                let mut only_in = Vec::new();
                while !content.is_empty() {
                    if content.peek(LitStr) {
                        values.push(content.parse::<LitStr>()?);
                    } else {
                        let kw: Ident = content.parse()?;
                        if kw != ONLY_IN.0 {
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
            VALIDATE => {
                let value = if meta.input.peek(Token![=]) {
                    (meta.value()?.parse::<syn::Path>()?, None)
                } else {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let path: syn::Path = content.parse()?;
                    content.parse::<Token![,]>()?;
                    (path, Some(content.parse::<LitStr>()?))
                };
                set_once(cx, &mut self.validate, value, meta, key);
            }
            REQUIRED_IF => {
                let conds = conditions(meta, span, "`required_if(adapter = \"mongodb\")`")?;
                self.required_if.push(conds);
            }
            READ_IF => {
                let conds = conditions(meta, span, "`read_if(storage_adapter = \"sqlite\")`")?;
                self.read_if.push(conds);
            }
            SEPARATOR => set_once(cx, &mut self.separator, lit_str(meta)?, meta, key),
            REQUIRED_WITH => {
                let content;
                syn::parenthesized!(content in meta.input);
                let list = Punctuated::<FieldRef, Token![,]>::parse_terminated_with(&content, FieldRef::parse)?;
                if list.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        "`required_with` needs a field, as in `required_with(smtp_host)`",
                    ));
                }
                self.required_with.extend(list);
            }
            REQUIRED_IN | RECOMMENDED_IN | FORBIDDEN_IN | NOT_DEFAULT_IN => {
                let kind = match key {
                    REQUIRED_IN => ProfileKind::RequiredIn,
                    RECOMMENDED_IN => ProfileKind::RecommendedIn,
                    FORBIDDEN_IN => ProfileKind::ForbiddenIn,
                    _ => ProfileKind::NotDefaultIn,
                };
                let profiles = profile_list(meta)?;
                if profiles.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        format!("`{key}` needs at least one profile, as in `{key}(production)`"),
                    ));
                }
                self.profile_rules.push(ProfileSpec { kind, profiles, span });
            }
            DEV_DEFAULT => {
                let value = lit_str(meta)?;
                let profiles = vec![At { value: "production".to_owned(), span }];
                self.profile_rules.push(ProfileSpec { kind: ProfileKind::DevDefault(value), profiles, span });
            }
            WARN_IN => {
                let profiles = profile_list(meta)?;
                if profiles.is_empty() {
                    return Err(syn::Error::new(
                        span,
                        "`warn_in` needs at least one profile, as in `warn_in(development)`",
                    ));
                }
                self.warn_in.extend(profiles);
            }
            FALLBACK => {
                if meta.input.peek(syn::token::Paren) {
                    let list = paren_strs(meta)?;
                    if list.is_empty() {
                        return Err(syn::Error::new(
                            span,
                            "`fallback` needs at least one variable, as in `fallback(\"LEGACY_TOKEN\")`",
                        ));
                    }
                    self.fallback.extend(list);
                } else {
                    self.fallback.push(lit_str(meta)?);
                }
            }
            ON_INVALID => {
                let s = lit_str(meta)?;
                if s.value() != "default" {
                    return Err(syn::Error::new_spanned(
                        s,
                        "`on_invalid` takes `\"default\"`: an invalid value gives way to the default, with a warning",
                    ));
                }
                set_once(cx, &mut self.lenient, (), meta, key);
            }
            UNIT => {
                let s = lit_str(meta)?;
                if !matches!(s.value().as_str(), "ms" | "s" | "m" | "h") {
                    return Err(syn::Error::new_spanned(
                        s,
                        "`unit` is the unit of a bare number: `\"ms\"`, `\"s\"`, `\"m\"` or `\"h\"`",
                    ));
                }
                set_once(cx, &mut self.unit, s, meta, key);
            }
            other => unreachable!("`{other}` is in the keyword table but has no parser"),
        }
        self.seen.push((key, span));
        Ok(())
    }

    fn push_rule(&mut self, rule: RuleAttr, span: Span) {
        self.rules.push(RuleSpec { rule, span, only_in: Vec::new() });
    }

    /// Sets the field's one default; `default`, `default_from` and `same_as` exclude each other.
    fn set_default(&mut self, cx: &Ctxt, value: DefaultAttr, meta: &ParseNestedMeta) {
        let key = value.key();
        match &self.default {
            Some(At { value: earlier, .. }) => {
                let earlier = earlier.key();
                let msg = if earlier == key {
                    format!("duplicate `{key}` attribute")
                } else {
                    format!("`{key}` cannot be combined with `{earlier}`: a field has one default")
                };
                cx.error_at(meta.path.span(), msg);
            }
            None => self.default = Some(At { value, span: meta.path.span() }),
        }
    }
}

/// Consumes the value of a key that is not parsed: `= expr` or `(...)`.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        value_expr(meta.value()?)?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<proc_macro2::TokenStream>()?;
    }
    Ok(())
}

/// Sets `slot` once; a second occurrence is an error at that occurrence.
/// `forbid_names("TEST_*", only_in = production, warn_in = staging)` on a struct.
#[derive(Clone)]
pub struct NameRuleAttr {
    pub patterns: Vec<LitStr>,
    pub only_in: Vec<At<String>>,
    pub warn_in: Vec<At<String>>,
}

/// One field named by an attribute of another: the name as the runtime reads it (`core.api_url`),
/// where it is written and by which key.
pub struct Reference {
    pub name: String,
    pub span: Span,
    /// Where each step of the path is written (a template's steps: the template).
    pub steps: Vec<Span>,
    pub key: Symbol,
}

impl Attrs {
    /// Every field these attributes name: in conditions, `required_with`, `same_as` and the
    /// placeholders of `default_from`.
    pub fn references(&self) -> Vec<Reference> {
        let r = |f: &FieldRef, key| Reference {
            name: f.text(),
            span: f.span(),
            steps: f.segments.iter().map(|s| s.span()).collect(),
            key,
        };
        let mut out: Vec<Reference> = Vec::new();
        out.extend(self.required_if.iter().flat_map(|g| &g.value).map(|c| r(&c.field, symbol::REQUIRED_IF)));
        out.extend(self.required_with.iter().map(|f| r(f, symbol::REQUIRED_WITH)));
        out.extend(self.read_if.iter().flat_map(|g| &g.value).map(|c| r(&c.field, symbol::READ_IF)));
        match self.default.as_ref().map(|d| &d.value) {
            Some(DefaultAttr::SameAs(f)) => out.push(r(f, symbol::SAME_AS)),
            Some(DefaultAttr::Template(t)) => {
                out.extend(envspec_schema::template::fields(&t.value()).into_iter().map(|name| Reference {
                    name: name.to_owned(),
                    span: t.span(),
                    steps: vec![t.span(); name.split('.').count()],
                    key: symbol::DEFAULT_FROM,
                }))
            }
            _ => {}
        }
        out
    }

    /// The role keys say one thing each: two of them on a field contradict each other.
    fn set_role(&mut self, cx: &Ctxt, role: RoleAttr, meta: &ParseNestedMeta, key: Symbol) {
        match &self.role {
            Some(At { value: (first, _), .. }) if *first == key => set_once(cx, &mut self.role, (key, role), meta, key),
            Some(At { value: (first, _), .. }) => cx
                .error_at(meta.path.span(), format!("`{first}` and `{key}` both say who sets this variable; keep one")),
            None => self.role = Some(At { value: (key, role), span: meta.path.span() }),
        }
    }
}

fn set_once<T>(cx: &Ctxt, slot: &mut Option<At<T>>, value: T, meta: &ParseNestedMeta, key: Symbol) {
    let span = meta.path.span();
    if slot.is_some() {
        cx.error_at(span, format!("duplicate `{key}` attribute"));
    } else {
        *slot = Some(At { value, span });
    }
}

fn key_of(meta: &ParseNestedMeta) -> String {
    let path = &meta.path;
    path.get_ident().map(|i| i.to_string()).unwrap_or_else(|| quote::quote!(#path).to_string().replace(' ', ""))
}

/// `key = "text"`; a missing or non-string value is reported with the expected form.
fn lit_str(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
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

/// A number as written: a literal, possibly negative, or an integer type's `MIN` or `MAX`
/// (`u64::MAX`), as its exact text.
fn number_text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) => Some(i.base10_digits().to_owned()),
            Lit::Float(f) => Some(f.base10_digits().to_owned()),
            _ => None,
        },
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => number_text(&u.expr).map(|t| format!("-{t}")),
        Expr::Group(g) => number_text(&g.expr),
        Expr::Paren(p) => number_text(&p.expr),
        Expr::Path(p) if p.qself.is_none() => {
            let segments: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
            let [.., ty, limit] = segments.as_slice() else { return None };
            integer_limit(ty, limit)
        }
        _ => None,
    }
}

/// `u64::MAX` and the like, spelled out.
fn integer_limit(ty: &str, limit: &str) -> Option<String> {
    macro_rules! limits {
        ($($t:ident),*) => {
            match (ty, limit) {
                $((stringify!($t), "MAX") => Some($t::MAX.to_string()),
                  (stringify!($t), "MIN") => Some($t::MIN.to_string()),)*
                _ => None,
            }
        };
    }
    limits!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize)
}

/// One value of a key, up to the next `,`. syn parses it as far as its expressions go without
/// the `full` feature (literals, `-5`, paths such as `u64::MAX`, calls); anything else (an
/// array, a closure, a range where a number belongs) is kept as its tokens, so the key's own
/// message is reported at them instead of a parser error.
fn value_expr(input: ParseStream) -> syn::Result<Expr> {
    let fork = input.fork();
    if let Ok(expr) = fork.parse::<Expr>() {
        if fork.is_empty() || fork.peek(Token![,]) {
            input.advance_to(&fork);
            return Ok(expr);
        }
    }
    let mut tokens = proc_macro2::TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        tokens.extend([input.parse::<proc_macro2::TokenTree>()?]);
    }
    if tokens.is_empty() {
        return Err(input.error("expected a value"));
    }
    Ok(Expr::Verbatim(tokens))
}

/// `range = 1..=65535`, `0..`, `..=10` or `..10`: the tokens on each side of the top-level dots,
/// each read as a bound. Split by hand, not parsed as one expression: syn's expressions have no
/// ranges without its `full` feature, and with it (another crate may enable it) they would.
fn range(input: ParseStream) -> syn::Result<(Option<Bound>, Option<Bound>)> {
    const EXPECTED: &str = "expected a range such as `1..=65535`, `0..` or `..=10`";
    let side = |input: ParseStream, stop_at_dots: bool| -> syn::Result<proc_macro2::TokenStream> {
        let mut tokens = proc_macro2::TokenStream::new();
        while !(input.is_empty() || input.peek(Token![,]) || stop_at_dots && input.peek(Token![..])) {
            tokens.extend([input.parse::<proc_macro2::TokenTree>()?]);
        }
        Ok(tokens)
    };
    let start = side(input, true)?;
    if !input.peek(Token![..]) {
        // Not a range: the message points at the whole value.
        return Err(if start.is_empty() { input.error(EXPECTED) } else { syn::Error::new_spanned(start, EXPECTED) });
    }
    let (dots, closed) = if input.peek(Token![..=]) {
        (input.parse::<Token![..=]>()?.into_token_stream(), true)
    } else {
        (input.parse::<Token![..]>()?.into_token_stream(), false)
    };
    let end = side(input, false)?;
    if closed && end.is_empty() {
        return Err(syn::Error::new_spanned(dots, "a range with `..=` needs an end, as in `1..=65535`"));
    }
    if start.is_empty() && end.is_empty() {
        return Err(syn::Error::new_spanned(dots, "a range needs at least one bound"));
    }
    let bound_of = |tokens: proc_macro2::TokenStream, inclusive| {
        let expr = syn::parse2::<Expr>(tokens.clone()).unwrap_or(Expr::Verbatim(tokens));
        bound(&expr, inclusive)
    };
    let min = if start.is_empty() { None } else { Some(bound_of(start, true)?) };
    let max = if end.is_empty() { None } else { Some(bound_of(end, closed)?) };
    Ok((min, max))
}

fn bound(expr: &Expr, inclusive: bool) -> syn::Result<Bound> {
    number_text(expr)
        .and_then(|text| Bound::parse(text, inclusive))
        .ok_or_else(|| syn::Error::new_spanned(expr, "expected a number literal, or an integer type's `MIN` or `MAX`"))
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

/// The environment spelling of a default literal: strings as written, numbers and booleans
/// as their tokens.
fn default_literal(expr: Expr) -> syn::Result<DefaultAttr> {
    let (text, expr) = literal_text(expr)?;
    Ok(DefaultAttr::Literal { text, expr })
}

/// A default literal's environment spelling.
fn literal_text(expr: Expr) -> syn::Result<(String, Expr)> {
    let suffix_error = |lit: &dyn quote::ToTokens, digits: &str| {
        let msg =
            format!("write the default without a type suffix, as in `default = {digits}`: the field's type decides");
        syn::Error::new_spanned(lit, msg)
    };
    let text = match &expr {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => s.value(),
            Lit::Bool(b) => b.value.to_string(),
            Lit::Char(c) => c.value().to_string(),
            Lit::Int(i) if !i.suffix().is_empty() => return Err(suffix_error(i, i.base10_digits())),
            Lit::Float(f) if !f.suffix().is_empty() => return Err(suffix_error(f, f.base10_digits())),
            Lit::Int(i) => i.base10_digits().to_owned(),
            Lit::Float(f) => f.base10_digits().to_owned(),
            _ => return Err(syn::Error::new_spanned(&expr, "expected a string, number or boolean literal")),
        },
        other => match number_text(other) {
            Some(text) => text,
            None => {
                return Err(syn::Error::new_spanned(
                    other,
                    "a default must be a literal (`\"text\"`, `8080`, `true`); use `default` alone for `Default::default()`",
                ));
            }
        },
    };
    Ok((text, expr))
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
    let field = FieldRef::parse(input)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse::Parser;

    fn text(b: Option<Bound>) -> Option<String> {
        b.map(|b| format!("{b:?}"))
    }

    fn parse_range(s: &str) -> Result<(Option<String>, Option<String>), String> {
        range.parse_str(s).map(|(a, b)| (text(a), text(b))).map_err(|e| e.to_string())
    }

    #[test]
    fn ranges_without_syn_full() {
        for (s, min, max) in [
            ("1..=65535", true, true),
            ("0..", true, false),
            ("..=10", false, true),
            ("..10", false, true),
            ("-5..5", true, true),
            ("1..=u8::MAX", true, true),
            ("i64::MIN..-1", true, true),
        ] {
            let (a, b) = parse_range(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!((a.is_some(), b.is_some()), (min, max), "{s}");
        }
        assert_eq!(parse_range("65535").unwrap_err(), "expected a range such as `1..=65535`, `0..` or `..=10`");
        assert_eq!(parse_range("[1, 2]").unwrap_err(), "expected a range such as `1..=65535`, `0..` or `..=10`");
        assert_eq!(parse_range("..").unwrap_err(), "a range needs at least one bound");
        assert_eq!(parse_range("1..=").unwrap_err(), "a range with `..=` needs an end, as in `1..=65535`");
        assert_eq!(parse_range("1..x").unwrap_err(), "expected a number literal, or an integer type's `MIN` or `MAX`");
    }

    /// The same verdicts whether or not another crate turns on syn's `full` feature (the
    /// workspace does not; `cargo test -p envspec-derive --features syn/full` checks with it).
    #[test]
    fn values_that_are_not_expressions_get_the_keys_message() {
        for s in ["[1, 2]", "|| 5", "1..5"] {
            let e = value_expr.parse_str(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            let err = literal_text(e).err().map(|e| e.to_string());
            assert!(err.as_deref().is_some_and(|e| e.starts_with("a default must be a literal")), "{s}: {err:?}");
        }
        let e = value_expr.parse_str("-5").unwrap();
        assert_eq!(number_text(&e).as_deref(), Some("-5"));
        let e = value_expr.parse_str("u64::MAX").unwrap();
        assert_eq!(number_text(&e), Some(u64::MAX.to_string()));
    }
}
