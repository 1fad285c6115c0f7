//! `#[derive(EnvConfig)]` and `#[derive(EnvEnum)]`. Use them through `envspec`, which
//! re-exports both and documents the attribute language.
//!
//! One pipeline for every input kind (a struct of settings, a backend group, an `EnvEnum`),
//! one module per stage: `attr` parses every `#[env(...)]` with one parser, `ast` builds
//! the model (a field is a value or a nested struct, never both), `check` validates it, and
//! `expand` emits static tables and thin calls into the runtime. Every error is collected in
//! a `ctxt::Ctxt` and reported together, beside a stub impl so that nothing else breaks.

#![warn(missing_docs)]

mod ast;
mod attr;
mod check;
mod ctxt;
mod default_lit;
mod docs_test;
mod expand;
mod symbol;

use ast::Derive;
use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `envspec::EnvConfig` for a struct of settings, or for an enum whose selector
/// variable picks one variant's settings (a backend group). See the README for the attributes.
#[proc_macro_derive(EnvConfig, attributes(env))]
pub fn derive_env_config(input: TokenStream) -> TokenStream {
    derive(parse_macro_input!(input as DeriveInput), Derive::Config).into()
}

/// Derives `envspec::EnvValue` for a fieldless enum, listing its spellings for the docs.
#[proc_macro_derive(EnvEnum, attributes(env))]
pub fn derive_env_enum(input: TokenStream) -> TokenStream {
    derive(parse_macro_input!(input as DeriveInput), Derive::Enum).into()
}

fn derive(input: DeriveInput, derive: Derive) -> proc_macro2::TokenStream {
    let cx = ctxt::Ctxt::new();
    let model = ast::Input::from_ast(&cx, &input, derive);
    if let Some(m) = &model {
        check::check(&cx, m);
    }
    match (cx.check(), &model) {
        (Ok(()), Some(m)) => expand::expand(m),
        (Ok(()), None) => unreachable!("a missing model always records an error"),
        (Err(e), m) => expand::fallback(&input, m.as_ref(), derive, e),
    }
}
