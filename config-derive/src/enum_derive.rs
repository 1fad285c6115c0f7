//! `#[derive(EnvEnum)]`: an `EnvValue` impl for a fieldless enum, with one static table of
//! spellings that both parsing and the docs read.

use crate::attr::{EnumAttrs, VariantAttrs, doc_of};
use crate::ctxt::Ctxt;
use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashMap;

const CASES: &[&str] = &["snake_case", "kebab-case", "lowercase", "UPPERCASE", "SCREAMING_SNAKE_CASE", "PascalCase"];

pub fn derive(input: &syn::DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let mut krate = quote!(::config_runtime);
    let out = expand(&cx, input, &mut krate);
    match cx.check() {
        Ok(()) => out.unwrap_or_default(),
        Err(e) => {
            let errors = e.to_compile_error();
            let stub = stub_impl(input, &krate);
            quote!(#errors #stub)
        }
    }
}

/// An `EnvValue` impl that accepts nothing, emitted beside errors so that the fields using
/// this enum do not report it as missing. None for generic types.
fn stub_impl(input: &syn::DeriveInput, krate: &TokenStream) -> TokenStream {
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let p = quote!(#krate::__private);
    quote! {
        #[automatically_derived]
        impl #krate::EnvValue for #ident {
            fn parse_env(_: &str, _: &#p::ParseContext) -> #p::Result<Self, #p::ValueError> {
                #p::Err(#p::ValueError::new("a variant"))
            }
            fn type_kind() -> #p::TypeKind {
                #p::enum_kind(&[])
            }
        }
    }
}

fn expand(cx: &Ctxt, input: &syn::DeriveInput, krate_out: &mut TokenStream) -> Option<TokenStream> {
    let syn::Data::Enum(data) = &input.data else {
        cx.error_spanned_by(
            &input.ident,
            "`EnvEnum` needs an enum of unit variants; for a struct of settings use `#[derive(EnvConfig)]`",
        );
        return None;
    };
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(&input.generics, "`EnvEnum` does not support generic enums");
    }
    let attrs = EnumAttrs::parse(cx, &input.attrs);
    if let Some(p) = &attrs.crate_path {
        let p = &p.value;
        *krate_out = quote!(#p);
    }
    let case = attrs.rename_all.as_ref().map(|r| r.value.value()).unwrap_or_else(|| "snake_case".into());
    if !CASES.contains(&case.as_str()) {
        cx.error_spanned_by(
            &attrs.rename_all.as_ref().unwrap().value,
            match crate::symbol::closest(&case, CASES) {
                Some(near) => format!("unknown case `{case}`; did you mean `{near}`?"),
                None => format!("unknown case `{case}`; expected one of: {}", CASES.join(", ")),
            },
        );
    }
    if data.variants.is_empty() {
        cx.error_spanned_by(&input.ident, "`EnvEnum` needs at least one variant");
    }
    let mut seen: HashMap<String, syn::Ident> = HashMap::new();
    let mut rows = Vec::new();
    let mut arms = Vec::new();
    let mut names = Vec::new();
    for (i, v) in data.variants.iter().enumerate() {
        if !matches!(v.fields, syn::Fields::Unit) {
            cx.error_spanned_by(
                &v.fields,
                "`EnvEnum` variants cannot carry data: a variable holds one of a fixed set of words",
            );
            continue;
        }
        let va = VariantAttrs::parse(cx, &v.attrs);
        let ident = &v.ident;
        let (name, name_span) = match &va.rename {
            Some(r) => (r.value.value(), r.value.span()),
            None => (recase(&ident.to_string(), &case), ident.span()),
        };
        for (spelling, span) in
            std::iter::once((name.clone(), name_span)).chain(va.aliases.iter().map(|a| (a.value(), a.span())))
        {
            if spelling.trim().is_empty() {
                cx.error_at(span, "a spelling cannot be empty: an empty variable is unset");
                continue;
            }
            let key = spelling.to_ascii_lowercase();
            if let Some(first) = seen.get(&key) {
                cx.error_at(
                    span,
                    format!("`{spelling}` already spells `{first}` (spellings are compared case-insensitively)"),
                );
            } else {
                seen.insert(key, ident.clone());
            }
        }
        let aliases = &va.aliases;
        let doc = doc_of(&v.attrs);
        rows.push((name.clone(), quote!(#(#aliases),*), doc));
        arms.push(quote!(#i => Self::#ident));
        names.push(quote!(Self::#ident => #name));
    }
    let krate = match &attrs.crate_path {
        Some(p) => {
            let p = &p.value;
            quote!(#p)
        }
        None => quote!(::config_runtime),
    };
    let p = quote!(#krate::__private);
    let ident = &input.ident;
    let n = rows.len();
    let rows = rows.iter().map(|(name, aliases, doc)| quote!(#p::EnumVariant::new(#name, &[#aliases], #doc)));
    Some(quote! {
        const _: () = {
            static __ENV_VARIANTS: [#p::EnumVariant; #n] = [#(#rows),*];
            #[automatically_derived]
            impl #krate::EnvValue for #ident {
                fn parse_env(raw: &str, _: &#p::ParseContext) -> #p::Result<Self, #p::ValueError> {
                    #p::Ok(match #p::parse_enum(raw, &__ENV_VARIANTS)? {
                        #(#arms,)*
                        _ => unreachable!("parse_enum returns a variant index"),
                    })
                }
                fn type_kind() -> #p::TypeKind {
                    #p::enum_kind(&__ENV_VARIANTS)
                }
                fn to_env(&self) -> #p::Option<::std::string::String> {
                    #p::Some(::std::string::ToString::to_string(match self { #(#names,)* }))
                }
                fn view(&self) -> #p::ValueView<'_> {
                    #p::ValueView::Str(#p::Cow::Borrowed(match self { #(#names,)* }))
                }
            }
        };
    })
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
