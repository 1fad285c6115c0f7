//! Marker injection into an arbitrary page: never a panic; when the page's markers are
//! usable, everything outside the regions is kept byte for byte and injecting twice changes
//! nothing.
#![no_main]

use envspec_docs::inject::{inject, regions};
use envspec_docs::markdown;
use envconfig_fuzz::DocsInput;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (String, DocsInput)| {
    let (page, input) = data;
    let tables = markdown::tables(&input.schema(), 3);
    let Ok(found) = regions(&page) else { return };
    let Ok(out) = inject(&page, |_| Some(tables.clone()), &[]) else { return };
    if let (Some(first), Some(last)) = (found.first(), found.last()) {
        assert!(out.starts_with(&page[..first.content.start]), "text before the first region changed");
        assert!(out.ends_with(&page[last.content.end..]), "text after the last region changed");
    } else {
        assert_eq!(out, page, "a page without markers is unchanged");
    }
    let again = inject(&out, |_| Some(tables.clone()), &[]).expect("an injected page keeps usable markers");
    assert_eq!(again, out, "injection is idempotent");
});
