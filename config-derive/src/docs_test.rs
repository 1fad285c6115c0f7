//! `#[env(docs = "docs/config.md")]`: a `#[cfg(test)]` test in the user's crate that fails
//! `cargo test` with a diff when the committed document no longer matches the declaration.
//! The crate needs `docs-gen` as a dev-dependency; its `assert_fresh` picks the format from
//! the file name.

use crate::ast::{Input, Struct};
use proc_macro2::TokenStream;
use quote::{format_ident, quote_spanned};

pub fn expand(input: &Input, s: &Struct) -> TokenStream {
    let Some(docs) = &s.docs else { return TokenStream::new() };
    let path = &docs.value;
    let ident = input.ident;
    let krate = &input.krate;
    let test = format_ident!("__envconfig_docs_are_fresh_{}", ident);
    quote_spanned! {docs.span=>
        #[cfg(test)]
        #[test]
        #[allow(non_snake_case)]
        fn #test() {
            ::envspec_docs::assert_fresh(
                ::std::path::Path::new(::std::env!("CARGO_MANIFEST_DIR")).join(#path),
                &<#ident as #krate::EnvConfig>::schema(),
            );
        }
    }
}
