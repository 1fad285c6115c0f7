//! The parity check the three showcase systems share: a table transcribed from a seed
//! reference, compared with the declaration's schema.

#![allow(dead_code)] // Each test crate uses the variants its seed needs.

use Need::*;
use envspec::ConfigSchema;
use envspec::schema::DefaultValue;

/// When a variable must be set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Need {
    /// Has a default or may stay unset.
    Optional,
    /// Must always be set.
    Always,
    /// Required when this condition holds (as the schema prints it).
    When(&'static str),
    /// Required in the production profile.
    InProduction,
}

pub const SECRET: bool = true;
pub const PLAIN: bool = false;

/// (variable, default as the seed writes it, need, secret)
pub type Row = (&'static str, Option<&'static str>, Need, bool);

/// Every row is declared with the seed's default (or the documented declared one), need and
/// secrecy.
pub fn check_seed(schema: &ConfigSchema, seed: &[Row], declared_defaults: &[(&str, &'static str)]) {
    for &(name, seed_default, need, secret) in seed {
        let v = schema.variable(name).unwrap_or_else(|| panic!("{name} is not declared"));
        let expected = declared_defaults.iter().find(|(n, _)| *n == name).map(|(_, d)| *d).or(seed_default);
        if v.secret {
            // A secret's default is never shown (an empty one hides nothing); its value is
            // checked by the loads.
            assert_eq!(v.default.is_some(), expected.is_some(), "{name}: default");
            match expected {
                Some("") => assert_eq!(v.default, Some(DefaultValue::Literal { value: String::new() }), "{name}"),
                Some(_) => assert_eq!(v.default, Some(DefaultValue::Hidden), "{name}: default"),
                None => {}
            }
        } else {
            assert_eq!(v.default.as_ref().and_then(|d| d.display()).as_deref(), expected, "{name}: default");
        }
        assert_eq!(v.secret, secret, "{name}: secret");
        let conditions: Vec<String> = v.required_if.iter().map(|c| c.to_string()).collect();
        let required_in: Vec<&str> = v.required_in().collect();
        match need {
            Optional => assert!(!v.required && conditions.is_empty() && required_in.is_empty(), "{name}"),
            Always => assert!(v.required, "{name} should be required"),
            When(condition) => {
                assert!(!v.required, "{name}");
                assert_eq!(conditions.join(" or "), condition, "{name}");
            }
            InProduction => {
                assert!(!v.required && conditions.is_empty(), "{name}");
                assert_eq!(required_in, ["production"], "{name}");
            }
        }
    }
}

/// Nothing is declared beyond the seed's rows.
pub fn check_nothing_beyond(schema: &ConfigSchema, seed: &[Row]) {
    let extra: Vec<&str> =
        schema.variables.iter().map(|v| v.name.as_str()).filter(|n| !seed.iter().any(|s| s.0 == *n)).collect();
    assert!(extra.is_empty(), "declared but not in the seed: {extra:?}");
    assert_eq!(schema.variables.len(), seed.len());
}
