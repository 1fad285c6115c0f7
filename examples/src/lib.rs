//! Showcase configurations: three real configuration references, declared with
//! `#[derive(EnvConfig)]`. Their documents under `docs/examples/` are generated from these
//! declarations by `cargo run -p docs-gen`. [`cadence_cli`] starts Cadence from flags, the
//! environment and a TOML file at once (`cargo run -p envconfig-examples --example cadence`).

pub mod cadence;
pub mod cadence_cli;
pub mod orcheo;
pub mod parako;
