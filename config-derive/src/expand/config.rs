//! The `EnvConfig` impl of a struct of settings.

use super::{Statics, config_impl, located_at};
use crate::ast::{Field, Input, NestedField, Parser, Struct, ValueField, ident_name, option_inner};
use crate::attr::{At, CondAttr, DefaultAttr, FieldRef, ProfileKind, RoleAttr, RuleAttr, RuleTarget};
use crate::check::secret_sources;
use envspec_schema::Bound;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub fn expand(input: &Input, s: &Struct) -> TokenStream {
    let krate = &input.krate;
    let p = super::private();
    let ident = input.ident;
    let mut statics = Statics::default();
    let mut asserts = Asserts::default();

    let fields: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| match f {
            Field::Value(v) => value_desc(&p, s, v, &mut statics, &mut asserts),
            Field::Nested(n) => nested_desc(&p, n),
        })
        .collect();
    let n = fields.len();
    let vars: Vec<_> = (0..n).map(|i| format_ident!("__f{}", i)).collect();
    let reads = s.fields.iter().enumerate().map(|(i, f)| read_expr(krate, &p, i, f));
    let validates = s.values().filter_map(|(i, f)| {
        let v = &f.attrs.validate.as_ref()?.value.0;
        let var = &vars[i];
        Some(quote_spanned!(v.span()=> __ctx.validate(#i, &#var, #v);))
    });
    let idents = s.fields.iter().map(|f| match f {
        Field::Value(v) => v.ident,
        Field::Nested(n) => n.ident,
    });

    let name = ident.to_string();
    let mut desc = quote!(#p::StructDesc::new(#name, &__ENV_FIELDS));
    if !input.doc.is_empty() {
        let doc = &input.doc;
        desc.extend(quote!(.doc(#doc)));
    }
    if let Some(prefix) = &s.prefix {
        let prefix = &prefix.value;
        desc.extend(quote!(.prefix(#prefix)));
    }
    if let Some(section) = &s.section {
        let section = &section.value;
        desc.extend(quote!(.section(#section)));
    }
    if s.empty_is_value {
        desc.extend(quote!(.empty(#p::EmptyValues::Value)));
    }
    if s.strict_bool {
        desc.extend(quote!(.strict_bool()));
    }
    if !s.name_rules.is_empty() {
        let rules: Vec<TokenStream> = s
            .name_rules
            .iter()
            .map(|r| {
                let patterns = statics.texts(&p, r.patterns.iter().map(syn::LitStr::value));
                let errors = statics.texts(&p, r.only_in.iter().map(|o| o.value.clone()));
                let warns = statics.texts(&p, r.warn_in.iter().map(|o| o.value.clone()));
                quote!(#p::NameRule::new(#patterns, #errors, #warns))
            })
            .collect();
        let table = statics.add(quote!(#p::NameRule), rules);
        desc.extend(quote!(.name_rules(#table)));
    }
    if !s.components.is_empty() {
        let names = s.components.iter().map(|c| &c.value);
        desc.extend(quote!(.components(&[#(#names),*])));
    }
    if !s.claims.is_empty() {
        let claims = &s.claims;
        desc.extend(quote!(.claims(&[#(#claims),*])));
    }
    if !s.profiles.is_empty() {
        let names = s.profiles.iter().map(|p| &p.value);
        desc.extend(quote!(.profiles(&[#(#names),*])));
    }
    let mut check_call = quote!();
    if !s.checks.is_empty() {
        let descs = s.checks.iter().map(|(_, d)| quote!(#p::CheckDesc::new(#d))).collect();
        let table = statics.add(quote!(#p::CheckDesc), descs);
        desc.extend(quote!(.checks(#table)));
        let paths = s.checks.iter().map(|(path, _)| {
            let sig = located_at(quote!(fn(&#ident) -> #p::Result<(), ::std::string::String>), path.span());
            quote_spanned!(path.span()=> { let __check: #sig = #path; __check })
        });
        check_call = quote!(__ctx.check(&__value, &[#(#paths),*]););
    }
    let statics = statics.items;
    let docs_test = crate::docs_test::expand(input, s);
    let items = quote! {
        static __ENV_FIELDS: [#p::FieldDesc; #n] = [#(#fields),*];
        #(#statics)*
        #asserts
    };
    // Every field is read (each problem is reported) before any missing one stops the build:
    // one flat tuple pattern, not a chain of `is_none()` tests and `take` calls per field.
    let validates: Vec<TokenStream> = validates.collect();
    let reads = if n == 0 {
        quote!()
    } else if validates.is_empty() {
        // The tuple's elements are evaluated in order: the same reads, without a local each.
        quote!(let __read = (#(#reads,)*);)
    } else {
        quote!(#(let #vars = #reads;)* #(#validates)* let __read = (#(#vars,)*);)
    };
    let all_read = (n > 0).then(|| {
        quote! {
            let (#(#p::Some(#vars),)*) = __read else {
                return #p::None;
            };
        }
    });
    let build = quote! {
        #reads
        #all_read
        let __value = #ident { #(#idents: #vars,)* };
        #check_call
        #p::Some(__value)
    };
    let body = config_impl(input, desc, items, build);
    quote!(#docs_test #body)
}

/// The compile-time assertions of a struct's attributes.
#[derive(Default)]
struct Asserts {
    /// Calls that only ask a trait of a type (`assert_number_rule::<u16>()`): all in one
    /// `const _` block, not one item each; every failing call is still its own error, at the
    /// attribute that asks.
    bounds: Vec<TokenStream>,
    /// `const _` items that panic when a fact does not hold; each stays its own item, so one
    /// failing does not hide the others.
    panics: Vec<TokenStream>,
}

impl quote::ToTokens for Asserts {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (bounds, panics) = (&self.bounds, &self.panics);
        if !bounds.is_empty() {
            tokens.extend(quote!(const _: () = { #(#bounds)* };));
        }
        tokens.extend(quote!(#(#panics)*));
    }
}

/// The call that reads field `i`.
fn read_expr(krate: &TokenStream, p: &TokenStream, i: usize, f: &Field) -> TokenStream {
    let f = match f {
        Field::Nested(n) => {
            let ty = n.ty;
            return quote_spanned!(ty.span()=> __ctx.nested(#i, <#ty as #krate::EnvConfig>::__build));
        }
        Field::Value(v) => v,
    };
    let ty = f.ty;
    let span = ty.span();
    match f.parser {
        Parser::Value => match &f.attrs.default {
            Some(d) if matches!(d.value, DefaultAttr::TypeDefault) => {
                let ty = located_at(ty, d.span);
                quote_spanned!(d.span=> __ctx.value_or_default::<#ty>(#i))
            }
            _ => quote_spanned!(span=> <#ty as #p::Field>::read(__ctx, #i)),
        },
        Parser::Json | Parser::FromStr => {
            let p = &located_at(p, span);
            let parser = if f.parser == Parser::Json {
                quote_spanned!(span=> parse_json)
            } else {
                quote_spanned!(span=> parse_from_str)
            };
            match option_inner(ty) {
                Some(inner) => quote_spanned! {span=>
                    __ctx.value_with::<#ty>(
                        #i,
                        |raw: &str, cx: &#p::ParseContext| #p::parse_some(#p::#parser::<#inner>, raw, cx),
                        #p::optional::<#inner>,
                    )
                },
                None => quote_spanned!(span=> __ctx.value_with::<#ty>(#i, #p::#parser::<#ty>, #p::required::<#ty>)),
            }
        }
    }
}

fn nested_desc(p: &TokenStream, n: &NestedField) -> TokenStream {
    let ident = ident_name(n.ident);
    let ty = n.ty;
    let prefix = match &n.prefix {
        Some(pre) => {
            let pre = &pre.value;
            quote!(#p::Some(#pre))
        }
        None => quote!(#p::None),
    };
    let mut d = quote_spanned!(ty.span()=> #p::FieldDesc::nested(#ident, #prefix, #p::desc_of::<#ty>, #p::is_optional::<#ty>()));
    if let Some(s) = &n.section {
        let s = &s.value;
        d.extend(quote!(.section(#s)));
    }
    if !n.components.is_empty() {
        let names = n.components.iter().map(|c| &c.value);
        d.extend(quote!(.components(&[#(#names),*])));
    }
    d
}

/// The `FieldDesc` of a value field, and the compile-time assertions its attributes need.
fn value_desc(
    p: &TokenStream,
    s: &Struct,
    f: &ValueField,
    statics: &mut Statics,
    asserts: &mut Asserts,
) -> TokenStream {
    let ident = &f.name;
    let ty = f.ty;
    let a = &f.attrs;
    let name = f.base_name();
    let mut d = match f.parser {
        Parser::Value => quote_spanned!(ty.span()=> #p::FieldDesc::value(#ident, #name, <#ty as #p::Field>::TYPE)),
        Parser::Json | Parser::FromStr => {
            let (inner, optional) = match option_inner(ty) {
                Some(inner) => (inner, true),
                None => (ty, false),
            };
            let describe = match (f.parser, optional) {
                (Parser::Json, false) => quote!(json_type),
                (Parser::Json, true) => quote!(json_type_opt),
                (_, false) => quote!(from_str_type),
                (_, true) => quote!(from_str_type_opt),
            };
            quote!(#p::FieldDesc::value(#ident, #name, #p::#describe::<#inner>))
        }
    };
    let mut assert = |key_span: proc_macro2::Span, check: TokenStream| {
        let ty = located_at(ty, key_span);
        asserts.bounds.push(quote_spanned!(key_span=> #p::#check::<#ty>();));
    };
    if a.no_prefix.is_some() {
        d.extend(quote!(.no_prefix()));
    }
    if !a.aliases.is_empty() {
        let aliases = &a.aliases;
        d.extend(quote!(.aliases(&[#(#aliases),*])));
    }
    if !f.doc.is_empty() {
        let doc = &f.doc;
        d.extend(quote!(.doc(#doc)));
    }
    if let Some(s) = &a.section {
        let s = &s.value;
        d.extend(quote!(.section(#s)));
    }
    if let Some(def) = &a.default {
        let expr = match &def.value {
            DefaultAttr::Literal { text, .. } => quote!(#p::DefaultDesc::Literal(#text)),
            DefaultAttr::TypeDefault => {
                let ty = located_at(ty, def.span);
                quote_spanned!(def.span=> #p::DefaultDesc::TypeDefault(#p::default_spelling::<#ty>))
            }
            DefaultAttr::Template(t) => quote!(#p::DefaultDesc::Template(#t)),
            DefaultAttr::SameAs(i) => {
                let i = i.text();
                quote!(#p::DefaultDesc::SameAs(#i))
            }
        };
        d.extend(quote!(.default(#expr)));
    }
    if let Some(secret) = &a.secret {
        d.extend(quote!(.secret()));
        assert(secret.span, quote!(assert_secret));
    }
    if a.bootstrap.is_some() {
        d.extend(quote!(.bootstrap()));
    }
    if a.flag.is_some() {
        d.extend(quote!(.flag()));
    }
    if let Some(At { value: (_, role), span }) = &a.role {
        d.extend(match role {
            RoleAttr::Internal => quote!(.internal()),
            RoleAttr::Reserved => quote!(.reserved()),
            RoleAttr::SetBy(by) => quote!(.set_by(#by)),
            RoleAttr::TestOnly => quote!(.test_only()),
        });
        if matches!(role, RoleAttr::Reserved) && a.default.is_none() {
            assert(*span, quote!(assert_optional));
        }
    }
    if let Some(dep) = &a.deprecated {
        let dep = &dep.value;
        d.extend(quote!(.deprecated(#dep)));
    }
    if !a.examples.is_empty() {
        let ex = &a.examples;
        d.extend(quote!(.examples(&[#(#ex),*])));
    }
    if let Some(g) = &a.generate {
        let g = &g.value;
        d.extend(quote!(.generate(#g)));
    }
    if let Some(first) = a.components.first() {
        let names = a.components.iter().map(|c| &c.value);
        d.extend(quote!(.components(&[#(#names),*])));
        // Another component does not read it: the field needs a value of its own.
        if a.default.is_none() {
            assert(first.span, quote!(assert_optional));
        }
    }
    if let Some(first) = a.required_for.first() {
        let names = a.required_for.iter().map(|c| &c.value);
        d.extend(quote!(.required_for(&[#(#names),*])));
        // Required for one component only: unset must be a value for the others.
        assert(first.span, quote!(assert_optional));
    }
    if !a.default_for.is_empty() {
        let pairs = a.default_for.iter().map(|(c, text, _)| {
            let c = &c.value;
            quote!((#c, #text))
        });
        d.extend(quote!(.default_for(&[#(#pairs),*])));
    }
    if let Some(file) = &a.file {
        let v = file.value;
        d.extend(quote!(.file_var(#v)));
    }
    if let Some(sb) = &a.strict_bool {
        d.extend(quote!(.strict_bool()));
        if f.parser == Parser::Value {
            assert(sb.span, quote!(assert_bool));
        }
    }
    if a.profile.is_some() {
        d.extend(quote!(.profile()));
    }

    let mut rules = Vec::new();
    let mut rules_key = String::from("rules");
    let mut profile_rules = Vec::new();
    let warn: Vec<String> = a.warn_in.iter().map(|w| w.value.clone()).collect();
    for spec in &a.rules {
        let rule = rule_expr(p, &spec.rule, statics);
        if f.parser == Parser::Value {
            let check = match spec.rule.needs() {
                RuleTarget::Number => quote!(assert_number_rule),
                RuleTarget::Text => quote!(assert_text_rule),
                RuleTarget::TextOrList => quote!(assert_text_or_list_rule),
                RuleTarget::TextItems => quote!(assert_text_items_rule),
            };
            assert(spec.span, check);
            if matches!(spec.rule, RuleAttr::Forbid(_)) {
                assert(spec.span, quote!(assert_forbid_rule));
            }
        }
        if spec.only_in.is_empty() {
            rules.push(rule);
            rule_key(&spec.rule, &mut rules_key);
        } else {
            let errors = statics.texts(p, spec.only_in.iter().map(|o| o.value.clone()));
            let warns = statics.texts(p, warn.iter().cloned());
            profile_rules
                .push(quote!(#p::ProfileRule::new(#p::ProfileRuleKind::Constraint { rule: #rule }, #errors, #warns)));
        }
    }
    if !rules.is_empty() {
        let table = statics.add_keyed(rules_key, quote!(#p::Rule), rules);
        d.extend(quote!(.rules(#table)));
    }
    for spec in &a.profile_rules {
        let profiles = spec.profiles.iter().map(|o| o.value.clone());
        // The severity model lives in `ProfileRule::severity_in`: a profile in the warning
        // list is a warning. `recommended_in` is `required_in` with warning profiles only.
        let (kind, errors, warns): (_, Vec<String>, Vec<String>) = match &spec.kind {
            ProfileKind::RecommendedIn => {
                (quote!(RequiredIn), Vec::new(), profiles.chain(warn.iter().cloned()).collect())
            }
            ProfileKind::RequiredIn => (quote!(RequiredIn), profiles.collect(), warn.clone()),
            ProfileKind::ForbiddenIn => (quote!(ForbiddenIn), profiles.collect(), warn.clone()),
            ProfileKind::NotDefaultIn => (quote!(NotDefaultIn), profiles.collect(), warn.clone()),
            ProfileKind::DevDefault(v) => {
                (quote!(DevDefault { value: #p::Text::Borrowed(#v) }), profiles.collect(), warn.clone())
            }
        };
        let errors = statics.texts(p, errors);
        let warns = statics.texts(p, warns);
        profile_rules.push(quote!(#p::ProfileRule::new(#p::ProfileRuleKind::#kind, #errors, #warns)));
    }
    if !profile_rules.is_empty() {
        let table = statics.add(quote!(#p::ProfileRule), profile_rules);
        d.extend(quote!(.profile_rules(#table)));
    }
    if let Some(table) = condition_table(p, statics, &a.required_if) {
        d.extend(quote!(.required_if(#table)));
    }
    if let Some(table) = condition_table(p, statics, &a.read_if) {
        d.extend(quote!(.read_if(#table)));
        if a.default.is_none() {
            assert(a.read_if[0].span, quote!(assert_optional));
        }
    }
    if let Some(sep) = &a.separator {
        let text = &sep.value;
        d.extend(quote!(.separator(#text)));
        if f.parser == Parser::Value {
            assert(sep.span, quote!(assert_list));
        }
    }
    if !a.required_with.is_empty() {
        let names = a.required_with.iter().map(FieldRef::text);
        d.extend(quote!(.required_with(&[#(#names),*])));
    }
    if !a.fallback.is_empty() {
        let fb = &a.fallback;
        d.extend(quote!(.fallback(&[#(#fb),*])));
    }
    if let Some(l) = &a.lenient {
        d.extend(quote!(.lenient()));
        if a.default.is_none() {
            let ty = located_at(ty, l.span);
            asserts.bounds.push(quote_spanned!(l.span=> #p::assert_lenient::<#ty>();));
        }
    }
    if let Some(u) = &a.unit {
        let unit = &u.value;
        d.extend(quote!(.unit(#unit)));
        if f.parser == Parser::Value {
            let ty = located_at(ty, u.span);
            asserts.bounds.push(quote_spanned!(u.span=> #p::assert_duration::<#ty>();));
        }
    }
    if let Some(v) = &a.validate {
        let description = match &v.value.1 {
            Some(d) => d.value(),
            None => {
                let path = &v.value.0;
                format!("checked by `{}`", quote!(#path).to_string().replace(' ', ""))
            }
        };
        d.extend(quote!(.validator(#description)));
    }
    // A source that is secret by its type alone (no marker the check could see): the field
    // that takes its value must be secret too. Decided by the types' `EnvValue::SECRET`.
    if a.secret.is_none() {
        for (source, key, span) in secret_sources(s, f) {
            if source.attrs.secret.is_some() || source.parser != Parser::Value {
                continue;
            }
            let source_ty = source.ty;
            let this_secret = match f.parser {
                Parser::Value => quote!(<#ty as #p::EnvValue>::SECRET),
                _ => quote!(false),
            };
            let message = format!(
                "`{}` takes its value from `{}` through `{key}`, whose type is secret; mark `{}` `secret` and give it a secret type",
                f.name, source.name, f.name
            );
            asserts.panics.push(quote_spanned! {span=>
                const _: () = if <#source_ty as #p::EnvValue>::SECRET && !#this_secret {
                    ::core::panic!(#message)
                };
            });
        }
    }
    path_asserts(p, s, a, asserts);
    d
}

/// A path through a nested field of this struct (`core.api_url`) names a field of the nested
/// struct: asserted against its description, at the attribute. Later steps, and paths that
/// start in an enclosing struct, are checked by the first load.
fn path_asserts(p: &TokenStream, s: &Struct, a: &crate::attr::Attrs, asserts: &mut Asserts) {
    for r in a.references() {
        let steps: Vec<&str> = r.name.split('.').collect();
        let [head, next, rest @ ..] = steps.as_slice() else { continue };
        let Some(nested) = s.nested(head) else { continue };
        let ty = nested.ty;
        let last = rest.is_empty();
        let message = if last {
            format!("`{}` names `{}`, but the struct of `{head}` has no value field `{next}`", r.key, r.name)
        } else {
            format!("`{}` names `{}`, but the struct of `{head}` has no nested field `{next}`", r.key, r.name)
        };
        let span = r.steps.get(1).copied().unwrap_or(r.span);
        asserts.panics.push(quote_spanned! {span=>
            const _: () = if !#p::has_path_step(<#ty as #p::EnvConfig>::DESC, #next, #last) {
                ::core::panic!(#message)
            };
        });
    }
}

fn bound_expr(p: &TokenStream, b: &Option<Bound>) -> TokenStream {
    match b {
        None => quote!(#p::None),
        Some(b) => {
            let v = Literal::f64_suffixed(b.value);
            let text = b.text.as_ref();
            let inclusive = b.inclusive;
            quote!(#p::Some(#p::Bound::new(#v, #text, #inclusive)))
        }
    }
}

/// A static table of the conditions of `required_if(...)` or `read_if(...)` attributes.
fn condition_table(p: &TokenStream, statics: &mut Statics, groups: &[At<Vec<CondAttr>>]) -> Option<TokenStream> {
    let mut conditions = Vec::new();
    for cond in groups.iter().flat_map(|g| &g.value) {
        let field = cond.field.text();
        if cond.values.is_empty() {
            conditions.push(quote!(#p::Condition::set(#field)));
        } else {
            let values = statics.texts(p, cond.values.iter().map(|v| v.value()));
            conditions.push(quote!(#p::Condition::equals(#field, #values)));
        }
    }
    (!conditions.is_empty()).then(|| statics.add(quote!(#p::Condition), conditions))
}

/// Appends what identifies `rule` (two rules with the same key emit the same tokens), so that
/// a table of rules is told apart from the others without printing its tokens.
fn rule_key(rule: &RuleAttr, key: &mut String) {
    use std::fmt::Write;
    let texts = |list: &[syn::LitStr]| list.iter().map(syn::LitStr::value).collect::<Vec<_>>();
    let _ = match rule {
        RuleAttr::Range { min, max } => write!(key, "|range {min:?} {max:?}"),
        RuleAttr::Length { min, max } => write!(key, "|length {min:?} {max:?}"),
        RuleAttr::Pattern(s) => write!(key, "|pattern {:?}", s.value()),
        RuleAttr::ItemPattern(s) => write!(key, "|item_pattern {:?}", s.value()),
        RuleAttr::Key { bytes, hex, base64 } => write!(key, "|key {bytes} {hex} {base64}"),
        RuleAttr::Schemes(list) => write!(key, "|schemes {:?}", texts(list)),
        RuleAttr::NonEmpty => write!(key, "|non_empty"),
        RuleAttr::Forbid(list) => write!(key, "|forbid {:?}", texts(list)),
    };
}

fn rule_expr(p: &TokenStream, rule: &RuleAttr, statics: &mut Statics) -> TokenStream {
    let opt = |n: &Option<u64>| match n {
        Some(n) => quote!(#p::Some(#n)),
        None => quote!(#p::None),
    };
    match rule {
        RuleAttr::Range { min, max } => {
            let (lo, hi) = (bound_expr(p, min), bound_expr(p, max));
            quote!(#p::Rule::range(#lo, #hi))
        }
        RuleAttr::Length { min, max } => {
            let (lo, hi) = (opt(min), opt(max));
            quote!(#p::Rule::length(#lo, #hi))
        }
        RuleAttr::Pattern(s) => quote!(#p::Rule::pattern(#s)),
        RuleAttr::ItemPattern(s) => quote!(#p::Rule::item_pattern(#s)),
        RuleAttr::Key { bytes, hex, base64 } => {
            let mut enc = Vec::new();
            if *hex {
                enc.push(quote!(#p::KeyEncoding::Hex));
            }
            if *base64 {
                enc.push(quote!(#p::KeyEncoding::Base64));
            }
            quote!(#p::Rule::key(#bytes, &[#(#enc),*]))
        }
        RuleAttr::Schemes(list) => {
            let table = statics.texts(p, list.iter().map(|s| s.value()));
            quote!(#p::Rule::schemes(#table))
        }
        RuleAttr::NonEmpty => quote!(#p::Rule::NonEmpty),
        RuleAttr::Forbid(list) => {
            let table = statics.texts(p, list.iter().map(|s| s.value()));
            quote!(#p::Rule::forbid(#table))
        }
    }
}
