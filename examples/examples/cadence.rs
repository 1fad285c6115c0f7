//! Cadence's start-up: flags, then the environment, then `./cadence.toml`, then defaults.
//!
//! ```sh
//! cargo run -p envconfig-examples --example cadence -- --help
//! cp docs/examples/cadence/config.example.toml cadence.toml   # then fill it in
//! CADENCE_ENVIRONMENT=development cargo run -p envconfig-examples --example cadence -- --api-port 9000
//! ```
//!
//! It prints each variable's status and where its value came from, never a value, and exits
//! 1 listing every problem when the configuration is invalid. The code is
//! `envconfig_examples::cadence_cli`, which the tests call with argument vectors.

fn main() -> std::process::ExitCode {
    envconfig_examples::cadence_cli::main()
}
