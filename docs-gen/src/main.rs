//! `cargo run -p docs-gen`: regenerates the documents of this workspace's showcase
//! configurations under `docs/examples/`. See `docs_gen::cli` for the commands.

use docs_gen::cli::Registry;
use envconfig_examples::{cadence::CadenceSettings, orcheo::OrcheoSettings, parako::ParakoSettings};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("docs-gen lives in the workspace");
    let registry = Registry::new(root)
        .config::<CadenceSettings>("cadence", "docs/examples/cadence")
        .config::<OrcheoSettings>("orcheo", "docs/examples/orcheo")
        .config::<ParakoSettings>("parako", "docs/examples/parako")
        .allow("ENVCONFIG_BLESS", "docs-gen's assert_fresh rewrites stale documents when it is 1")
        .allow("PATH", "tests compare a process-environment load with the variable every machine has");
    docs_gen::cli::main(&registry)
}
