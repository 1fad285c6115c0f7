//! Every misuse of the attribute language is a compile error with a precise span and a
//! helpful message. Regenerate the expected output with
//! `TRYBUILD=overwrite cargo test -p envconfig-tests --test compile_fail`, then read it.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*/*.rs");
}
