//! `probe LIB N ITERS`: runs ITERS loads and prints heap allocations and bytes per load. Run
//! under callgrind twice (ITERS = 1 and 11) to get instructions per load without start-up
//! costs. `probe LIB N ITERS time` prints the median wall time per load, in nanoseconds, of
//! 15 rounds of ITERS loads instead.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (lib, n, iters): (&str, usize, usize) = (&args[1], args[2].parse().unwrap(), args[3].parse().unwrap());
    bench_runner::setup_env(n);
    bench_runner::load(lib, n); // warm-up: lazy statics, first-use tables
    if args.get(4).map(String::as_str) == Some("time") {
        let mut rounds: Vec<f64> = (0..15)
            .map(|_| {
                let start = std::time::Instant::now();
                for _ in 0..iters {
                    bench_runner::load(lib, n);
                }
                start.elapsed().as_nanos() as f64 / iters as f64
            })
            .collect();
        rounds.sort_by(f64::total_cmp);
        println!("{:.0}", rounds[rounds.len() / 2]);
        return;
    }
    let (a0, b0) = (ALLOCS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    for _ in 0..iters {
        bench_runner::load(lib, n);
    }
    let (a1, b1) = (ALLOCS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    println!("{} {}", (a1 - a0) / iters.max(1), (b1 - b0) / iters.max(1));
}
