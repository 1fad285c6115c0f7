//! The `EnvConfig` impl of a backend group: a selector variable picks the variant; each data
//! variant carries a config struct whose variables are read only when it is picked.

use super::config_impl;
use crate::ast::{Group, Input};
use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

pub fn expand(input: &Input, g: &Group) -> TokenStream {
    let krate = &input.krate;
    let p = super::private();
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut arms = Vec::new();
    for (i, v) in g.variants.iter().enumerate() {
        let ident = v.ident;
        let name = &v.spelling.value;
        let aliases = &v.aliases;
        let doc = &v.doc;
        rows.push(quote!(#p::EnumVariant::new(#name, &[#(#aliases),*], #doc)));
        match v.ty {
            None => arms.push(quote!(#i => #p::Some(Self::#ident))),
            Some(ty) => {
                let index = fields.len() + 1;
                let path = ident.to_string().to_snake_case();
                let prefix = match &v.prefix {
                    Some(pre) => {
                        let pre = &pre.value;
                        quote!(#p::Some(#pre))
                    }
                    None => quote!(#p::None),
                };
                let mut desc = quote_spanned!(ty.span()=> #p::FieldDesc::nested(#path, #prefix, #p::desc_of::<#ty>, false).group_value(#name));
                if !doc.is_empty() {
                    desc.extend(quote!(.doc(#doc)));
                }
                fields.push(desc);
                arms.push(quote_spanned!(ty.span()=> #i => #p::Some(Self::#ident(__ctx.nested(#index, <#ty as #krate::EnvConfig>::__build)?))));
            }
        }
    }
    let selector_name = g.selector.value.value();
    let selector_ident = selector_name.to_snake_case();
    let mut selector = quote!(#p::FieldDesc::value(#selector_ident, #selector_name, __env_selector_type).selector());
    if !g.aliases.is_empty() {
        let aliases = &g.aliases;
        selector.extend(quote!(.aliases(&[#(#aliases),*])));
    }
    if let Some(default) = &g.default {
        let d = &default.value;
        selector.extend(quote!(.default(#p::DefaultDesc::Literal(#d))));
    }
    let doc = &input.doc;
    if !doc.is_empty() {
        selector.extend(quote!(.doc(#doc)));
    }
    let name = input.ident.to_string();
    let mut desc = quote!(#p::StructDesc::new(#name, &__ENV_FIELDS));
    if !doc.is_empty() {
        desc.extend(quote!(.doc(#doc)));
    }
    if let Some(pre) = &g.prefix {
        let pre = &pre.value;
        desc.extend(quote!(.prefix(#pre)));
    }
    if let Some(section) = &g.section {
        let section = &section.value;
        desc.extend(quote!(.section(#section)));
    }
    let n_variants = rows.len();
    let n_fields = fields.len() + 1;
    let items = quote! {
        static __ENV_VARIANTS: [#p::EnumVariant; #n_variants] = [#(#rows),*];
        fn __env_selector_type() -> #p::FieldType {
            #p::FieldType::selector(&__ENV_VARIANTS)
        }
        static __ENV_FIELDS: [#p::FieldDesc; #n_fields] = [#selector, #(#fields),*];
    };
    let build = quote! {
        match __ctx.select(0, &__ENV_VARIANTS)? {
            #(#arms,)*
            _ => ::core::unreachable!("select returns a variant index"),
        }
    };
    config_impl(input, desc, items, build)
}
