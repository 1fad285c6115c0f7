//! `#[env(docs = "docs")]`: a `#[cfg(test)]` test in the user's crate that fails `cargo test`
//! with a diff when a committed document no longer matches the declaration. The path is a
//! file (its format follows the name) or a directory (every document generated there).
//! The crate needs `envspec-docs` as a (dev-)dependency; without one, `cargo test` stops at a
//! compile error saying which dependency to add.

use crate::ast::{Input, Struct};
use proc_macro2::TokenStream;
use quote::{format_ident, quote_spanned};

pub fn expand(input: &Input, s: &Struct) -> TokenStream {
    let Some(docs) = &s.docs else { return TokenStream::new() };
    let path = &docs.value;
    if !manifest_names_docs_crate() {
        let message = format!(
            "`#[env(docs = {:?})]` generates a test that needs the `envspec-docs` crate: add it to this package's [dev-dependencies] (`cargo add --dev envspec-docs`)",
            path.value()
        );
        return quote_spanned! {docs.span=> #[cfg(test)] ::core::compile_error!(#message); };
    }
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

/// Whether the manifest of the package being compiled mentions `envspec-docs`: rustc's own
/// error for a missing crate does not say which dependency to add. Read only when `docs` is
/// written; when there is no manifest to read, the test is emitted as usual.
fn manifest_names_docs_crate() -> bool {
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else { return true };
    match std::fs::read_to_string(std::path::Path::new(&dir).join("Cargo.toml")) {
        Ok(manifest) => manifest.contains("envspec-docs") || manifest.contains("envspec_docs"),
        Err(_) => true,
    }
}
