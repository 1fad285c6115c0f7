//! Writes `load(lib, n)`, dispatching to every generated configuration crate: the pairs
//! bench/gen.py listed in `../dispatch.txt` (one `lib n` per line).
fn main() {
    let list = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../dispatch.txt");
    let text = std::fs::read_to_string(&list).unwrap_or_else(|e| panic!("{}: {e}", list.display()));
    let mut arms = String::new();
    let mut libs: Vec<&str> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (lib, n) = line.split_once(' ').expect("`lib n`");
        if !libs.contains(&lib) {
            libs.push(lib);
        }
        arms.push_str(&format!("        (\"{lib}\", {n}) => {{ std::hint::black_box(cfg_{lib}_{n}::load()); }}\n"));
    }
    libs.sort_by_key(|l| *l != "floor"); // the floor first
    let names: Vec<String> = libs.iter().map(|l| format!("{l:?}")).collect();
    let code = format!(
        "/// The libraries compared, the floor first.\npub const LIBS: &[&str] = &[{}];\n\n/// Runs one load of `lib`'s configuration of `n` variables.\n#[inline(never)]\npub fn load(lib: &str, n: usize) {{\n    match (lib, n) {{\n{arms}        _ => panic!(\"no configuration for {{lib}} at {{n}}\"),\n    }}\n}}\n",
        names.join(", ")
    );
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("dispatch.rs");
    std::fs::write(out, code).unwrap();
    println!("cargo:rerun-if-changed={}", list.display());
}
