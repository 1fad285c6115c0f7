//! Generated code compiles without the prelude, under `deny(warnings)`, and with common
//! names shadowed: every path it emits is fully qualified.

#![no_implicit_prelude]
#![deny(warnings)]
#![allow(dead_code)]

mod shadowed {
    pub struct Result;
    pub struct Ok;
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct String;
    pub struct Vec;
}

#[allow(unused_imports)]
use shadowed::*;

fn check(_: &::std::primitive::u16) -> ::std::result::Result<(), ::std::string::String> {
    ::std::result::Result::Ok(())
}

fn whole(_: &Hygienic) -> ::std::result::Result<(), ::std::string::String> {
    ::std::result::Result::Ok(())
}

#[derive(::envspec::EnvEnum)]
enum Mode {
    A,
    #[env(rename = "b")]
    B,
}

#[derive(::envspec::EnvConfig)]
#[env(prefix = "H_")]
struct Inner {
    #[env(default = "x")]
    name: ::std::string::String,
}

#[derive(::envspec::EnvConfig)]
#[env(selector = "KIND", default = "plain")]
enum Kind {
    Plain,
    #[env(prefix = "KIND_")]
    Nested(Inner),
}

/// Every feature of the derive at once.
#[derive(::envspec::EnvConfig)]
#[env(prefix = "HY_", check(whole, "always passes"))]
struct Hygienic {
    #[env(profile, default = "development")]
    profile: ::std::string::String,
    #[env(default = 8080, range = 1..=65535, validate = check)]
    port: ::std::primitive::u16,
    #[env(secret, min_len = 4, required_in(production))]
    key: ::std::option::Option<::envspec::SecretString>,
    #[env(default)]
    count: ::std::primitive::u32,
    #[env(json)]
    extra: ::std::option::Option<::std::collections::BTreeMap<::std::string::String, ::std::primitive::u8>>,
    #[env(from_str, default = "1")]
    ratio: ::std::num::NonZeroU8,
    #[env(default = "a")]
    mode: Mode,
    #[env(nested)]
    inner: Inner,
    #[env(nested)]
    kind: Kind,
    #[env(required_if(profile = "production"), forbid("*", only_in = production))]
    origins: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
    #[env(default_from = "{profile}-suffix")]
    derived: ::std::string::String,
}

#[test]
fn generated_code_is_hygienic() {
    use ::envspec::EnvConfig;
    let loaded = Hygienic::loader().env_map::<&::std::primitive::str, &::std::primitive::str>([]).load();
    if let ::std::result::Result::Err(e) = &loaded {
        ::std::panic!("{e}");
    }
}
