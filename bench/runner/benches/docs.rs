//! docs-gen on a 1,000-variable schema: every format rendered.

mod docs_schema;

use envspec_docs::{Format, RenderOptions};

#[divan::bench]
fn render_every_format_1000(bencher: divan::Bencher) {
    let s = docs_schema::schema(1000);
    let opts = RenderOptions::for_schema(&s);
    bencher.bench(|| {
        for f in Format::ALL {
            divan::black_box(envspec_docs::render(&s, f, &opts));
        }
    });
}

fn main() {
    divan::main();
}
