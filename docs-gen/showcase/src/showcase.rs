//! The registry of this workspace's showcase configurations. Compiled into the `docs-gen`
//! binary and its tests, never into the library.

use envconfig_examples::{cadence::CadenceSettings, orcheo::OrcheoSettings, parako::ParakoSettings};
use envspec_docs::cli::Registry;
use std::path::Path;

/// Every showcase configuration, its documents under `docs/examples/<name>/`.
pub fn registry() -> Registry {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .expect("docs-gen/showcase lives in the workspace");
    Registry::new(root)
        .config::<CadenceSettings>("cadence", "docs/examples/cadence")
        .config::<OrcheoSettings>("orcheo", "docs/examples/orcheo")
        .config::<ParakoSettings>("parako", "docs/examples/parako")
        .allow("ENVCONFIG_BLESS", "docs-gen's assert_fresh rewrites stale documents when it is 1")
        .allow("PATH", "tests compare a process-environment load with the variable every machine has")
        .allow("ENVCONFIG_READERS", "docs-gen's reader tests: where .ci/readers.sh installed the readers")
        .allow("ENVCONFIG_REQUIRE_READERS", "docs-gen's reader tests fail instead of skipping when it is 1 (CI)")
        .allow("BENCH_N", "bench/runner: the configuration size a benchmark run uses")
        .allow("BENCH_SIZES", "bench/runner/build.rs: the configuration sizes to dispatch to")
}
