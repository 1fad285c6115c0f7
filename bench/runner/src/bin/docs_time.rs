//! Median wall time of rendering every docs-gen format for a 1,000-variable schema, in
//! nanoseconds (the same schema as `benches/docs.rs`).

#[path = "../../benches/docs_schema.rs"]
mod docs_schema;

fn main() {
    let s = docs_schema::schema(1000);
    let opts = envspec_docs::RenderOptions::for_schema(&s);
    let mut rounds: Vec<u128> = (0..21)
        .map(|_| {
            let start = std::time::Instant::now();
            for f in envspec_docs::Format::ALL {
                std::hint::black_box(envspec_docs::render(&s, f, &opts));
            }
            start.elapsed().as_nanos()
        })
        .collect();
    rounds.sort();
    println!("{}", rounds[rounds.len() / 2]);
}
