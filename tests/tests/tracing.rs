//! With the `tracing` feature, every warning of a load is a `tracing` event (target
//! `envconfig`, level WARN, a `variable` field), its message the warning as reports show it:
//! a secret's value never appears.

#![allow(dead_code)] // The fields exist to be read.

use envspec::{EnvConfig, SecretString};
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

#[derive(EnvConfig)]
#[env(prefix = "T_")]
struct Traced {
    #[env(deprecated = "use T_NEW", default = 1)]
    old: u32,
    #[env(secret, min_len = 8, default = "fallback-key", on_invalid = "default")]
    key: SecretString,
}

/// One event as seen: level, target, and its fields as text.
#[derive(Debug, Clone)]
struct Seen {
    level: Level,
    target: String,
    fields: Vec<(String, String)>,
}

#[derive(Default, Clone)]
struct Collector(Arc<Mutex<Vec<Seen>>>);

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl Subscriber for Collector {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        let meta = event.metadata();
        self.0.lock().unwrap().push(Seen { level: *meta.level(), target: meta.target().to_owned(), fields });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn every_warning_is_a_tracing_event_and_secrets_stay_out() {
    let collector = Collector::default();
    let canary = "CANARY-shrt";
    let loaded = tracing::subscriber::with_default(collector.clone(), || {
        Traced::loader().env_map([("T_OLD", "2"), ("T_KEY", "short"), ("T_KYE", canary)]).load().unwrap()
    });
    let seen = collector.0.lock().unwrap().clone();
    assert_eq!(seen.len(), loaded.warnings().len(), "{seen:?}");
    for (event, warning) in seen.iter().zip(loaded.warnings()) {
        assert_eq!(event.level, Level::WARN);
        assert_eq!(event.target, "envconfig");
        let field = |name: &str| event.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        assert_eq!(field("variable"), Some(warning.variable()), "{event:?}");
        assert_eq!(field("message"), Some(warning.to_string().as_str()), "{event:?}");
        assert!(!format!("{event:?}").contains("short") && !format!("{event:?}").contains(canary), "{event:?}");
    }
    let variables: Vec<&str> =
        seen.iter().filter_map(|e| e.fields.iter().find(|(n, _)| n == "variable")).map(|(_, v)| v.as_str()).collect();
    assert!(
        variables.contains(&"T_OLD") && variables.contains(&"T_KEY") && variables.contains(&"T_KYE"),
        "{variables:?}"
    );
}
