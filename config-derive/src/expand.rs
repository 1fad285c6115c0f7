//! Emits the `EnvConfig` impl: static descriptor tables plus a `__build` that calls one
//! runtime helper per field. Per-field code is one table entry and one call, whatever
//! features the field uses.

use crate::ast::{Container, Field, FieldKind, ident_name, option_inner};
use crate::attr::{At, Bound, CondAttr, DefaultAttr, ProfileKind, RuleAttr, RuleTarget};
use crate::check;
use crate::ctxt::Ctxt;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub fn derive(input: &syn::DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input);
    if let Some(c) = &cont {
        check::check(&cx, c);
    }
    match (cx.check(), cont) {
        (Ok(()), Some(cont)) => expand(&cont),
        (Err(e), cont) => fallback(input, cont.as_ref(), e),
        (Ok(()), None) => unreachable!("a missing model always records an error"),
    }
}

/// On error: the errors, plus a stub impl so the rest of the user's code still type-checks.
fn fallback(input: &syn::DeriveInput, cont: Option<&Container>, err: syn::Error) -> TokenStream {
    let errors = err.to_compile_error();
    let krate = cont.map(crate_path).unwrap_or_else(|| quote!(::config_runtime));
    let stub = stub_impl(input, &krate);
    quote!(#errors #stub)
}

/// An `EnvConfig` impl with no variables, emitted beside errors so that the structs nesting
/// this one do not report it as missing. None for generic types.
pub fn stub_impl(input: &syn::DeriveInput, krate: &TokenStream) -> TokenStream {
    let ident = &input.ident;
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let name = ident.to_string();
    quote! {
        const _: () = {
            static __ENV_DESC: #krate::__private::StructDesc = #krate::__private::StructDesc::new(#name, &[]);
            static __ENV_MODEL: #krate::__private::ModelCell = #krate::__private::ModelCell::new();
            #[automatically_derived]
            impl #krate::EnvConfig for #ident {
                const DESC: &'static #krate::__private::StructDesc = &__ENV_DESC;
                fn __model() -> &'static #krate::__private::Model {
                    __ENV_MODEL.get(&__ENV_DESC)
                }
                fn __build(_: &mut #krate::__private::Ctx<'_>) -> #krate::__private::Option<Self> {
                    #krate::__private::None
                }
            }
        };
    }
}

fn crate_path(cont: &Container) -> TokenStream {
    match &cont.attrs.crate_path {
        Some(p) => {
            let p = &p.value;
            quote!(#p)
        }
        None => quote!(::config_runtime),
    }
}

/// Collects the named statics that back `&'static` slices of values with drop glue
/// (`Cow`-holding rules and conditions cannot be promoted to `'static` inline).
struct Statics {
    items: Vec<TokenStream>,
    next: usize,
}

impl Statics {
    fn add(&mut self, ty: TokenStream, elems: Vec<TokenStream>) -> TokenStream {
        let name = format_ident!("__ENV_S{}", self.next);
        self.next += 1;
        let n = elems.len();
        self.items.push(quote!(static #name: [#ty; #n] = [#(#elems),*];));
        quote!(&#name)
    }

    fn texts(&mut self, p: &TokenStream, texts: impl IntoIterator<Item = String>) -> TokenStream {
        let elems = texts.into_iter().map(|t| quote!(#p::Text::Borrowed(#t))).collect();
        self.add(quote!(#p::Text), elems)
    }
}

fn expand(cont: &Container) -> TokenStream {
    let krate = crate_path(cont);
    let p = quote!(#krate::__private);
    let ident = cont.ident;
    let mut statics = Statics { items: Vec::new(), next: 0 };
    let mut asserts = Vec::new();

    let fields: Vec<TokenStream> =
        cont.fields.iter().map(|f| field_desc(&p, cont, f, &mut statics, &mut asserts)).collect();
    let n = fields.len();
    let vars: Vec<_> = (0..n).map(|i| format_ident!("__f{}", i)).collect();
    let reads = cont.fields.iter().enumerate().map(|(i, f)| read_expr(&p, i, f));
    let validates = cont.fields.iter().enumerate().filter_map(|(i, f)| {
        let v = &f.attrs.validate.as_ref()?.value.0;
        let var = &vars[i];
        Some(quote_spanned!(v.span()=> __ctx.validate(#i, &#var, #v);))
    });
    let idents = cont.fields.iter().map(|f| f.ident);

    let mut container = quote!(#p::StructDesc::new(stringify!(#ident), &__ENV_FIELDS));
    let doc = &cont.doc;
    if !doc.is_empty() {
        container.extend(quote!(.doc(#doc)));
    }
    if let Some(prefix) = &cont.attrs.prefix {
        let prefix = &prefix.value;
        container.extend(quote!(.prefix(#prefix)));
    }
    if let Some(section) = &cont.attrs.section {
        let section = &section.value;
        container.extend(quote!(.section(#section)));
    }
    if let Some(e) = &cont.attrs.empty_is_value {
        if e.value {
            container.extend(quote!(.empty(#p::EmptyValues::Value)));
        }
    }
    if cont.attrs.strict_bool.is_some() {
        container.extend(quote!(.strict_bool()));
    }
    if !cont.attrs.profiles.is_empty() {
        let names = cont.attrs.profiles.iter().map(|p| &p.value);
        container.extend(quote!(.profiles(&[#(#names),*])));
    }
    let mut check_call = quote!();
    if !cont.attrs.checks.is_empty() {
        let descs = cont.attrs.checks.iter().map(|(_, d)| quote!(#p::CheckDesc::new(#d))).collect();
        let table = statics.add(quote!(#p::CheckDesc), descs);
        container.extend(quote!(.checks(#table)));
        let paths = cont.attrs.checks.iter().map(|(path, _)| {
            let sig = located_at(quote!(fn(&#ident) -> #p::Result<(), ::std::string::String>), path.span());
            quote_spanned!(path.span()=> { let __check: #sig = #path; __check })
        });
        check_call = quote!(__ctx.check(&__value, &[#(#paths),*]););
    }
    let statics = statics.items;
    let docs_test = crate::docs_test::expand(cont, &krate);

    quote! {
        #docs_test
        const _: () = {
            static __ENV_FIELDS: [#p::FieldDesc; #n] = [#(#fields),*];
            static __ENV_DESC: #p::StructDesc = #container;
            static __ENV_MODEL: #p::ModelCell = #p::ModelCell::new();
            #(#statics)*
            #(#asserts)*
            #[automatically_derived]
            impl #krate::EnvConfig for #ident {
                const DESC: &'static #p::StructDesc = &__ENV_DESC;
                fn __model() -> &'static #p::Model {
                    __ENV_MODEL.get(&__ENV_DESC)
                }
                #[allow(clippy::all)]
                fn __build(__ctx: &mut #p::Ctx<'_>) -> #p::Option<Self> {
                    #(let #vars = #reads;)*
                    #(#validates)*
                    if #(#vars.is_none())||* {
                        return #p::None;
                    }
                    let __value = #ident { #(#idents: #p::take(#vars),)* };
                    #check_call
                    #p::Some(__value)
                }
            }
        };
    }
}

/// The call that reads field `i`.
fn read_expr(p: &TokenStream, i: usize, f: &Field) -> TokenStream {
    let ty = f.ty;
    let span = ty.span();
    match f.kind {
        FieldKind::Nested { .. } => quote_spanned!(span=> __ctx.nested(#i, <#ty as #p::EnvConfig>::__build)),
        FieldKind::Value => match &f.attrs.default {
            Some(d) if matches!(d.value, DefaultAttr::TypeDefault) => {
                let ty = located_at(ty, d.span);
                quote_spanned!(d.span=> __ctx.value_or_default::<#ty>(#i))
            }
            _ => quote_spanned!(span=> __ctx.value::<#ty>(#i)),
        },
        FieldKind::Json | FieldKind::FromStr => {
            let p = &located_at(p, span);
            let parser = if f.kind == FieldKind::Json {
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

/// The `FieldDesc` of one field, and the compile-time assertions its markers need.
fn field_desc(
    p: &TokenStream,
    cont: &Container,
    f: &Field,
    statics: &mut Statics,
    asserts: &mut Vec<TokenStream>,
) -> TokenStream {
    let ident = ident_name(f.ident);
    let ty = f.ty;
    let a = &f.attrs;
    let mut d = match f.kind {
        FieldKind::Nested { flatten } => {
            let prefix = match (&a.prefix, flatten) {
                (_, true) => quote!(#p::Some("")),
                (Some(pre), false) => {
                    let pre = &pre.value;
                    quote!(#p::Some(#pre))
                }
                (None, false) => quote!(#p::None),
            };
            quote_spanned!(ty.span()=> #p::FieldDesc::nested(#ident, #prefix, #p::desc_of::<#ty>))
        }
        FieldKind::Value => {
            let name = f.base_name();
            quote_spanned!(ty.span()=> #p::FieldDesc::value(#ident, #name, #p::field_type::<#ty>)
                .secret_if(<#ty as #p::EnvValue>::SECRET))
        }
        FieldKind::Json | FieldKind::FromStr => {
            let name = f.base_name();
            let (inner, optional) = match option_inner(ty) {
                Some(inner) => (inner, true),
                None => (ty, false),
            };
            let describe = if f.kind == FieldKind::Json { quote!(json_type) } else { quote!(from_str_type) };
            let which = if optional {
                format_ident!("{}_opt", describe.to_string())
            } else {
                format_ident!("{}", describe.to_string())
            };
            quote!(#p::FieldDesc::value(#ident, #name, #p::#which::<#inner>))
        }
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
                let i = ident_name(i);
                quote!(#p::DefaultDesc::SameAs(#i))
            }
        };
        d.extend(quote!(.default(#expr)));
    }
    if let Some(s) = &a.secret {
        d.extend(quote!(.secret()));
        let ty = located_at(ty, s.span);
        asserts.push(quote_spanned!(s.span=> const _: () = #p::assert_secret::<#ty>();));
    }
    if a.bootstrap.is_some() {
        d.extend(quote!(.bootstrap()));
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
    if let Some(u) = &a.used_by {
        let u = &u.value;
        d.extend(quote!(.used_by(#u)));
    }
    if let Some(file) = &a.file {
        let v = file.value;
        d.extend(quote!(.file_var(#v)));
    }
    if a.strict_bool.is_some() {
        d.extend(quote!(.strict_bool()));
    }
    if a.profile.is_some() {
        d.extend(quote!(.profile()));
    }

    let warn = statics.texts(p, a.warn_in.iter().map(|w| w.value.clone()));
    let mut rules = Vec::new();
    let mut profile_rules = Vec::new();
    for spec in &a.rules {
        let rule = rule_expr(p, &spec.rule, statics);
        let assert = match spec.rule.needs() {
            RuleTarget::Number => quote!(assert_number_rule),
            RuleTarget::Text => quote!(assert_text_rule),
            RuleTarget::TextOrList => quote!(assert_text_or_list_rule),
        };
        let ty = located_at(ty, spec.span);
        asserts.push(quote_spanned!(spec.span=> const _: () = #p::#assert::<#ty>();));
        if spec.only_in.is_empty() {
            rules.push(rule);
        } else {
            let profiles = statics.texts(p, spec.only_in.iter().map(|o| o.value.clone()));
            profile_rules
                .push(quote!(#p::ProfileRule::new(#p::ProfileRuleKind::Constraint { rule: #rule }, #profiles, #warn)));
        }
    }
    if !rules.is_empty() {
        let table = statics.add(quote!(#p::Rule), rules);
        d.extend(quote!(.rules(#table)));
    }
    for spec in &a.profile_rules {
        let kind = match &spec.kind {
            ProfileKind::RequiredIn => quote!(#p::ProfileRuleKind::RequiredIn),
            ProfileKind::ForbiddenIn => quote!(#p::ProfileRuleKind::ForbiddenIn),
            ProfileKind::NotDefaultIn => quote!(#p::ProfileRuleKind::NotDefaultIn),
            ProfileKind::DevDefault(v) => quote!(#p::ProfileRuleKind::DevDefault { value: #p::Text::Borrowed(#v) }),
        };
        let profiles = statics.texts(p, spec.profiles.iter().map(|o| o.value.clone()));
        profile_rules.push(quote!(#p::ProfileRule::new(#kind, #profiles, #warn)));
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
    }
    if let Some(sep) = &a.separator {
        let sep = &sep.value;
        d.extend(quote!(.separator(#sep)));
    }
    if !a.required_with.is_empty() {
        let names = a.required_with.iter().map(ident_name);
        d.extend(quote!(.required_with(&[#(#names),*])));
    }
    if !a.fallback.is_empty() {
        let fb = &a.fallback;
        d.extend(quote!(.fallback(&[#(#fb),*])));
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
    let _ = cont;
    d
}

/// `tokens` shown at `span`: a trait error in them points at `span` (the attribute that asks
/// something of the type, or the field type) rather than at the derive. Name resolution keeps
/// each token's own span, so hygiene and `$crate` are unaffected.
fn located_at(tokens: impl quote::ToTokens, span: proc_macro2::Span) -> TokenStream {
    fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
        tokens
            .into_iter()
            .map(|mut tt| {
                if let proc_macro2::TokenTree::Group(g) = &tt {
                    let mut group = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                    group.set_span(g.span().located_at(span));
                    tt = group.into();
                } else {
                    tt.set_span(tt.span().located_at(span));
                }
                tt
            })
            .collect()
    }
    respan(tokens.into_token_stream(), span)
}

fn bound_expr(p: &TokenStream, b: &Option<Bound>) -> TokenStream {
    match b {
        None => quote!(#p::None),
        Some(b) => {
            let v = Literal::f64_suffixed(b.value);
            let text = &b.text;
            let inclusive = b.inclusive;
            quote!(#p::Some(#p::Bound::new(#v, #text, #inclusive)))
        }
    }
}

/// A static table of the conditions of `required_if(...)` or `read_if(...)` attributes.
fn condition_table(p: &TokenStream, statics: &mut Statics, groups: &[At<Vec<CondAttr>>]) -> Option<TokenStream> {
    let mut conditions = Vec::new();
    for cond in groups.iter().flat_map(|g| &g.value) {
        let field = ident_name(&cond.field);
        if cond.values.is_empty() {
            conditions.push(quote!(#p::Condition::set(#field)));
        } else {
            let values = statics.texts(p, cond.values.iter().map(|v| v.value()));
            conditions.push(quote!(#p::Condition::equals(#field, #values)));
        }
    }
    (!conditions.is_empty()).then(|| statics.add(quote!(#p::Condition), conditions))
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
