//! Integration and compile-fail tests live in `tests/`; this crate has no code of its own.

/// The workspace README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The examples of `envspec-derive`'s README (a proc-macro crate cannot run them itself).
#[cfg(doctest)]
#[doc = include_str!("../../config-derive/README.md")]
pub struct DeriveReadmeDoctests;

/// The examples of `envspec-schema`'s README, which need `envspec`.
#[cfg(doctest)]
#[doc = include_str!("../../schema/README.md")]
pub struct SchemaReadmeDoctests;
