//! Wall-clock time per load, with divan. `BENCH_N` picks the configuration size (default 169);
//! the environment holds its N variables and 100 unrelated ones.

use divan::Bencher;

fn n() -> usize {
    std::env::var("BENCH_N").ok().and_then(|s| s.parse().ok()).unwrap_or(169)
}

#[divan::bench(args = bench_runner::LIBS)]
fn load(bencher: Bencher, lib: &str) {
    let n = n();
    bencher.bench(|| bench_runner::load(lib, n));
}

fn main() {
    bench_runner::setup_env(n());
    divan::main();
}
