//! How long a load takes to read a `.env` file of 70,000 lines (under the 1 MiB cap): the
//! guard against parsing that rescans the file per key. Run with
//! `cargo bench -p envspec --bench dotenv`; prints the minimum and median of 15 loads
//! and the time per line, and fails if the median is a second or more.

use envspec::EnvConfig;
use std::time::{Duration, Instant};

#[derive(EnvConfig)]
#[env(prefix = "BENCH_")]
struct Bench {
    #[env(default = "x")]
    last: String,
}

fn main() {
    let lines = 70_000;
    let dir = std::env::temp_dir().join(format!("envconfig-bench-dotenv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(".env");
    let mut text: String = (0..lines).map(|i| format!("K{i}=v\n")).collect();
    text.push_str("BENCH_LAST=found\n");
    assert!(text.len() < envspec::MAX_FILE_BYTES as usize);
    std::fs::write(&path, &text).unwrap();
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            let loaded = Bench::loader().env_map::<&str, &str>([]).dotenv(&path).load().unwrap();
            let took = start.elapsed();
            assert_eq!(loaded.last, "found");
            took
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "dotenv: {} lines ({} bytes): min {:?}, median {:?}, {:.0} ns per line",
        lines + 1,
        text.len(),
        times[0],
        median,
        median.as_nanos() as f64 / (lines + 1) as f64
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(median < Duration::from_secs(1), "a 70,000-line .env file took {median:?}");
}
