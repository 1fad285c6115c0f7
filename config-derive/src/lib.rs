//! `#[derive(EnvConfig)]` and `#[derive(EnvEnum)]`. Use them through `config-runtime`, which
//! re-exports both and documents the attribute language.
//!
//! The pipeline, one module per stage: [`attr`] parses `#[env(...)]` into a model,
//! [`ast`] builds the container model from the input, [`check`] validates what spans
//! several fields, and [`expand`] / [`enum_derive`] emit code. Every error is collected in a
//! [`ctxt::Ctxt`] and reported together.

mod ast;
mod attr;
mod check;
mod ctxt;
mod default_lit;
mod docs_test;
mod enum_derive;
mod expand;
mod group;
mod symbol;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `config_runtime::EnvConfig` for a struct of settings, or for an enum whose selector
/// variable picks one variant's settings (a backend group). See the README for the attributes.
#[proc_macro_derive(EnvConfig, attributes(env))]
pub fn derive_env_config(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match input.data {
        syn::Data::Enum(_) => group::derive(&input).into(),
        _ => expand::derive(&input).into(),
    }
}

/// Derives `config_runtime::EnvValue` for a fieldless enum, listing its spellings for the docs.
#[proc_macro_derive(EnvEnum, attributes(env))]
pub fn derive_env_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    enum_derive::derive(&input).into()
}
