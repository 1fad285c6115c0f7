//! `docs-gen scan` on arbitrary source text: it never panics or overflows the stack, and
//! every read it reports names a line of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: String| {
    if let Ok(reads) = envspec_docs::scan::scan_source(&src) {
        let lines = src.lines().count().max(1);
        for (line, _, _) in reads {
            assert!(line >= 1 && line <= lines + 1, "line {line} of {lines}");
        }
    }
});
