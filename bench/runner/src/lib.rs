//! Shared by the load benchmark, the callgrind/allocation probe and the size probes: the
//! environment of a run, and a dispatch from (library, N) to that library's generated load.

include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));

/// Puts the N variables of the configuration and 100 unrelated ones into the process
/// environment. Benchmark harness only, called once before any thread starts.
pub fn setup_env(n: usize) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../env_{n}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for line in text.lines() {
        let (k, v) = line.split_once('=').expect("KEY=value");
        // SAFETY: single-threaded set-up of the benchmark process, before anything reads it.
        unsafe { std::env::set_var(k, v) };
    }
    for i in 0..100 {
        // SAFETY: as above.
        unsafe { std::env::set_var(format!("UNRELATED_VARIABLE_{i}"), format!("some value {i}")) };
    }
}
