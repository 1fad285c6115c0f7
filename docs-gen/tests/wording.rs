//! The reference page reads as an operator would write it: each wording and layout defect
//! found by reading the generated pages has a test here that fails if it returns.

#![allow(dead_code)] // The configuration exists to be rendered.

use envspec::{EnvConfig, EnvEnum, SecretString};
use envspec_docs::{Format, RenderOptions, render};

#[derive(EnvEnum, Debug)]
enum Stage {
    Development,
    Production,
}

/// A service whose rules exercise every phrase.
#[derive(EnvConfig, Debug)]
#[env(prefix = "W_")]
struct Worded {
    #[env(profile, default = "development")]
    stage: Stage,
    #[env(default = "*", forbid("*", only_in = production))]
    origins: Vec<String>,
    #[env(default = "on", forbidden_in(production))]
    mode: String,
    #[env(default = 1, gt = 0)]
    retries: u32,
    #[env(default = 8080, min = 1)]
    port: u32,
    #[env(pattern = "[a-z]+_[0-9]*")]
    tag: Option<String>,
    #[env(secret, default = "")]
    pepper: SecretString,
    #[env(required_in(production), warn_in(production))]
    sentry: Option<String>,
    #[env(required_with(tag))]
    owner: Option<String>,
}

fn page() -> String {
    let schema = Worded::schema();
    render(&schema, Format::Markdown, &RenderOptions::for_schema(&schema))
}

fn row<'a>(md: &'a str, name: &str) -> &'a str {
    md.lines().rfind(|l| l.starts_with(&format!("| `{name}`"))).unwrap_or_else(|| panic!("no row for {name}"))
}

#[test]
fn rules_read_must_not_be_and_never_must_be_not() {
    let md = page();
    assert!(md.contains("must not be `*`"), "{md}");
    assert!(!md.contains("be not "), "{md}");
    let err = Worded::loader().env_map([("W_STAGE", "production"), ("W_ORIGINS", "*")]).load().unwrap_err();
    assert!(err.to_string().contains("W_ORIGINS = \"*\" must not be `*` in production"), "{err}");
}

#[test]
fn a_warning_is_never_a_should_must_and_text_is_never_enabled() {
    let md = page();
    assert!(!md.contains("should: must") && !md.contains("should: "), "{md}");
    assert!(row(&md, "W_SENTRY").contains("should be set"), "{md}");
    assert!(row(&md, "W_MODE").contains("must be unset") && !row(&md, "W_MODE").contains("enabled"), "{md}");
}

#[test]
fn a_bounded_unsigned_integer_says_positive_integer() {
    let md = page();
    assert!(row(&md, "W_RETRIES").contains("| positive integer |"), "{}", row(&md, "W_RETRIES"));
    assert!(row(&md, "W_PORT").contains("| positive integer |"), "{}", row(&md, "W_PORT"));
    assert!(!md.contains("non-negative integer, &gt; 0"), "{md}");
}

#[test]
fn an_integer_that_does_not_parse_is_told_its_declared_range() {
    let err = Worded::loader().env_map([("W_PORT", "abc")]).load().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration: 1 problem\n  - W_PORT = \"abc\" is invalid: expected integer ≥ 1 (not a whole number)"
    );
}

#[test]
fn conditions_are_code_per_variable() {
    let md = page();
    assert!(row(&md, "W_OWNER").contains("Required when `W_TAG` is set."), "{}", row(&md, "W_OWNER"));
    assert!(!md.contains(" is set`"), "{md}");
}

#[test]
fn the_profile_matrix_has_a_column_per_profile_the_variable_accepts() {
    let md = page();
    let matrix = &md[md.find("## Requirements by profile").expect("a matrix")..];
    let header = matrix.lines().find(|l| l.starts_with("| Variable")).unwrap();
    // The profile enum cannot spell `test` or `staging`; `development` has no rule.
    assert_eq!(header, "| Variable | production |");
    assert!(
        !matrix
            .lines()
            .take_while(|l| !l.starts_with("## ") || l.contains("Requirements"))
            .any(|l| l.ends_with("| — |"))
    );
}

#[test]
fn a_secret_whose_default_is_empty_is_not_shown_as_hidden() {
    let md = page();
    let pepper = row(&md, "W_PEPPER");
    assert!(pepper.contains("(empty)") && !pepper.contains("hidden"), "{pepper}");
}

#[test]
fn patterns_are_code_not_escaped_backticks() {
    let md = page();
    assert!(row(&md, "W_TAG").contains("matching `[a-z]+_[0-9]*`"), "{}", row(&md, "W_TAG"));
    assert!(!md.contains("\\`"), "an escaped backtick:\n{md}");
}
