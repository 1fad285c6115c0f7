//! Emits code from a checked model: static descriptor tables the runtime walks, plus a thin
//! `__build` that calls one runtime helper per field. Per-field code is one table entry and
//! one call, whatever features the field uses. Every emitted path is fully qualified.

mod config;
mod group;
mod value_enum;

use crate::ast::{Data, Derive, Input};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The impl for a checked model.
pub fn expand(input: &Input) -> TokenStream {
    match &input.data {
        Data::Struct(s) => config::expand(input, s),
        Data::Group(g) => group::expand(input, g),
        Data::Enum(e) => value_enum::expand(input, e),
    }
}

/// On error: the errors, plus a stub impl so that the user's other code (the structs nesting
/// this one, the fields of this enum type) does not drown in follow-on errors.
pub fn fallback(input: &syn::DeriveInput, model: Option<&Input>, derive: Derive, err: syn::Error) -> TokenStream {
    let errors = err.to_compile_error();
    let krate = model.map(|m| m.krate.clone()).unwrap_or_else(|| quote!(::envspec));
    if !input.generics.params.is_empty() {
        return errors;
    }
    let ident = &input.ident;
    let p = quote!(#krate::__private);
    let stub = match derive {
        Derive::Config => {
            let name = ident.to_string();
            quote! {
                const _: () = {
                    static __ENV_DESC: #p::StructDesc = #p::StructDesc::new(#name, &[]);
                    static __ENV_MODEL: #p::ModelCell = #p::ModelCell::new();
                    #[automatically_derived]
                    impl #krate::EnvConfig for #ident {
                        const DESC: &'static #p::StructDesc = &__ENV_DESC;
                        fn __build(_: &mut #p::Ctx<'_>) -> #p::Option<Self> {
                            #p::None
                        }
                        fn __model() -> &'static #p::Model {
                            __ENV_MODEL.get(&__ENV_DESC)
                        }
                    }
                };
            }
        }
        Derive::Enum => quote! {
            #[automatically_derived]
            impl #krate::EnvValue for #ident {
                fn parse_env(_: &str, _: &#p::ParseContext) -> #p::Result<Self, #p::ValueError> {
                    #p::Err(#p::ValueError::new("a variant"))
                }
                fn type_kind() -> #p::TypeKind {
                    #p::enum_kind(&[])
                }
            }
        },
    };
    quote!(#errors #stub)
}

/// The `EnvConfig` impl every struct and group shares: the descriptor, its model cell, and
/// `__build`.
fn config_impl(input: &Input, desc: TokenStream, items: TokenStream, build: TokenStream) -> TokenStream {
    let krate = &input.krate;
    let p = private();
    let ident = input.ident;
    quote! {
        const _: () = {
            #[allow(unused_imports)]
            use #krate::__private as #p;
            static __ENV_DESC: #p::StructDesc = #desc;
            static __ENV_MODEL: #p::ModelCell = #p::ModelCell::new();
            #items
            #[automatically_derived]
            impl #krate::EnvConfig for #ident {
                const DESC: &'static #p::StructDesc = &__ENV_DESC;
                #[allow(clippy::all)]
                fn __build(__ctx: &mut #p::Ctx<'_>) -> #p::Option<Self> {
                    #build
                }
                fn __model() -> &'static #p::Model {
                    __ENV_MODEL.get(&__ENV_DESC)
                }
            }
        };
    }
}

/// The runtime's `__private` module, as the code inside an impl's `const _` block names it:
/// one `use #krate::__private as __envspec;` there, instead of the full path at each of the
/// dozen uses per field (fewer tokens to emit, parse and resolve).
fn private() -> TokenStream {
    quote!(__envspec)
}

/// Collects the named statics that back `&'static` slices of values with drop glue
/// (`Cow`-holding rules and conditions cannot be promoted to `'static` inline).
/// Identical tables (the same schemes on every URL field, the same range on every port) are
/// emitted once: fewer items to expand, check, evaluate and encode.
#[derive(Default)]
struct Statics {
    items: Vec<TokenStream>,
    seen: std::collections::HashMap<String, proc_macro2::Ident>,
}

impl Statics {
    /// A table, told apart from the others by its printed tokens.
    fn add(&mut self, ty: TokenStream, elems: Vec<TokenStream>) -> TokenStream {
        let n = elems.len();
        let value = quote!([#ty; #n] = [#(#elems),*]);
        self.insert(value.to_string(), value)
    }

    /// A table whose content `key` identifies (cheaper than printing its tokens): two calls with
    /// the same key and type must give the same elements.
    fn add_keyed(&mut self, key: String, ty: TokenStream, elems: Vec<TokenStream>) -> TokenStream {
        let n = elems.len();
        self.insert(key, quote!([#ty; #n] = [#(#elems),*]))
    }

    fn insert(&mut self, key: String, value: TokenStream) -> TokenStream {
        let next = self.seen.len();
        let name = self.seen.entry(key).or_insert_with(|| {
            let name = format_ident!("__ENV_S{}", next);
            self.items.push(quote!(static #name: #value;));
            name
        });
        quote!(&#name)
    }

    fn texts(&mut self, p: &TokenStream, texts: impl IntoIterator<Item = String>) -> TokenStream {
        let texts: Vec<String> = texts.into_iter().collect();
        let key = format!("texts {texts:?}");
        let elems = texts.iter().map(|t| quote!(#p::Text::Borrowed(#t))).collect();
        self.add_keyed(key, quote!(#p::Text), elems)
    }
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
