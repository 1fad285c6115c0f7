//! Property tests: any environment yields a config or a list of problems, never a panic; each

#![allow(dead_code)] // The fields exist to be parsed, not read.
//! bad variable is one problem; a secret never shows up in any output.

use envspec::{EnvConfig, EnvEnum, SecretString, Url};
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(EnvEnum, Debug)]
enum Mode {
    Fast,
    Safe,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "P_")]
struct Props {
    #[env(range = 1..=65535)]
    port: u16,
    flag: bool,
    mode: Mode,
    ports: Vec<u16>,
    url: Url,
    #[env(secret, min_len = 32)]
    key: SecretString,
    ratio: Option<f32>,
}

/// One variable's fate in a generated environment.
#[derive(Debug, Clone)]
enum Fate {
    Good(String),
    Bad(String),
    Unset,
}

fn fate(good: impl Strategy<Value = String>, bad: impl Strategy<Value = String>) -> impl Strategy<Value = Fate> {
    prop_oneof![good.prop_map(Fate::Good), bad.prop_map(Fate::Bad), Just(Fate::Unset)]
}

fn environment() -> impl Strategy<Value = Vec<(&'static str, Fate)>> {
    (
        fate(
            (1u16..).prop_map(|p| p.to_string()),
            prop_oneof![Just("0".to_string()), "[a-z]{1,8}", (65536u32..).prop_map(|p| p.to_string())],
        ),
        fate(prop_oneof![Just("true"), Just("0"), Just("YES"), Just("off")].prop_map(String::from), "[a-z]{5,8}x"),
        fate(prop_oneof![Just("fast"), Just("SAFE")].prop_map(String::from), "[a-z]{5,8}q"),
        fate(proptest::collection::vec(any::<u16>(), 0..4).prop_map(|v| format!("{v:?}")), "[a-z]{2,5}"),
        fate("[a-z]{1,10}".prop_map(|h| format!("https://{h}.example/")), "[a-z ]{1,10}"),
        fate("[A-Za-z0-9]{32,48}", "[A-Za-z0-9]{1,31}"),
        fate(any::<f32>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| f.to_string()), "[a-z]{2,6}"),
    )
        .prop_map(|(a, b, c, d, e, f, g)| {
            vec![
                ("P_PORT", a),
                ("P_FLAG", b),
                ("P_MODE", c),
                ("P_PORTS", d),
                ("P_URL", e),
                ("P_KEY", f),
                ("P_RATIO", g),
            ]
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_maps_never_panic(map in proptest::collection::btree_map("P_[A-Z]{1,6}|[A-Z_]{1,8}", ".{0,40}", 0..12)) {
        match Props::loader().env_map(map).load() {
            Ok(_) => {}
            Err(e) => prop_assert!(!e.problems().is_empty()),
        }
    }

    #[test]
    fn one_problem_per_bad_or_missing_variable(env in environment()) {
        let required = ["P_PORT", "P_FLAG", "P_MODE", "P_PORTS", "P_URL", "P_KEY"];
        let expected = env
            .iter()
            .filter(|(name, f)| matches!(f, Fate::Bad(_)) || (matches!(f, Fate::Unset) && required.contains(name)))
            .count();
        let pairs: BTreeMap<&str, String> = env
            .iter()
            .filter_map(|(name, f)| match f {
                Fate::Good(v) | Fate::Bad(v) => Some((*name, v.clone())),
                Fate::Unset => None,
            })
            .collect();
        match Props::loader().env_map(pairs).load() {
            Ok(_) => prop_assert_eq!(expected, 0),
            Err(e) => prop_assert_eq!(e.problems().len(), expected, "{}", e),
        }
    }

    #[test]
    fn a_secret_never_appears_in_any_output(secret in "CANARY[A-Za-z0-9]{0,40}", port in ".{0,8}") {
        let result = Props::loader()
            .env_map([("P_KEY", secret.as_str()), ("P_PORT", port.as_str()), ("P_KEYS", secret.as_str())])
            .load();
        let text = match &result {
            Ok(loaded) => format!("{loaded:?}{}{:?}{:?}", loaded.status(), loaded.provenance(), loaded.warnings()),
            Err(e) => format!("{e}{e:?}"),
        };
        prop_assert!(!text.contains(&secret), "{}", text);
    }
}
