//! Writes `load(lib, n)`, dispatching to every generated configuration crate.
fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES").unwrap_or_else(|_| "169,500".into())
        .split(',').map(|s| s.trim().parse().expect("size")).collect();
    let libs = ["floor", "envconfig_rs", "envconfig", "envy", "figment", "confique", "clap"];
    let mut arms = String::new();
    for n in &sizes {
        for lib in libs {
            if matches!((lib, *n), ("confique", 500) | ("envconfig", 500)) {
                continue; // excluded by bench/gen.py
            }
            arms.push_str(&format!("        (\"{lib}\", {n}) => {{ std::hint::black_box(cfg_{lib}_{n}::load()); }}\n"));
        }
    }
    let code = format!(
        "/// Runs one load of `lib`'s configuration of `n` variables.\n#[inline(never)]\npub fn load(lib: &str, n: usize) {{\n    match (lib, n) {{\n{arms}        _ => panic!(\"no configuration for {{lib}} at {{n}}\"),\n    }}\n}}\n"
    );
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("dispatch.rs");
    std::fs::write(out, code).unwrap();
    println!("cargo:rerun-if-env-changed=BENCH_SIZES");
}
