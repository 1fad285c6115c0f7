//! Showcase configurations: three real configuration references, declared with
//! `#[derive(EnvConfig)]`. Their documents under `docs/examples/` are generated from these
//! declarations by `cargo run -p docs-gen`.

pub mod cadence;
pub mod orcheo;
pub mod parako;
