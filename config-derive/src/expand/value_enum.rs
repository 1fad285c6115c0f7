//! `#[derive(EnvEnum)]`: an `EnvValue` impl for a fieldless enum, with one static table of
//! spellings that both parsing and the docs read.

use crate::ast::{Input, ValueEnum};
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(input: &Input, e: &ValueEnum) -> TokenStream {
    let krate = &input.krate;
    let p = quote!(#krate::__private);
    let ident = input.ident;
    let rows = e.variants.iter().map(|v| {
        let (name, aliases, doc) = (&v.spelling.value, &v.aliases, &v.doc);
        quote!(#p::EnumVariant::new(#name, &[#(#aliases),*], #doc))
    });
    let arms = e.variants.iter().enumerate().map(|(i, v)| {
        let variant = v.ident;
        quote!(#i => Self::#variant)
    });
    let names: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|v| {
            let (variant, name) = (v.ident, &v.spelling.value);
            quote!(Self::#variant => #name)
        })
        .collect();
    let n = e.variants.len();
    quote! {
        const _: () = {
            static __ENV_VARIANTS: [#p::EnumVariant; #n] = [#(#rows),*];
            #[automatically_derived]
            impl #krate::EnvValue for #ident {
                fn parse_env(raw: &str, _: &#p::ParseContext) -> #p::Result<Self, #p::ValueError> {
                    #p::Ok(match #p::parse_enum(raw, &__ENV_VARIANTS)? {
                        #(#arms,)*
                        _ => ::core::unreachable!("parse_enum returns a variant index"),
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
    }
}
