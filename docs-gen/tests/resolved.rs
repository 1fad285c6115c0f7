//! Every document renders the resolved model: variables shared by two backend-group variants
//! appear once, reading options (`strict_bool`) reach every format, and severities read the
//! same everywhere (a recommendation is never rendered as a requirement).

#![allow(dead_code)] // The configurations exist to be rendered.

use envspec::{EnvConfig, EnvEnum};
use envspec_docs::{Format, RenderOptions, json_schema, render};

#[derive(EnvEnum, Debug)]
enum Profile {
    Development,
    Staging,
    #[env(alias = "prod")]
    Production,
}

#[derive(EnvConfig, Debug)]
struct Cql {
    /// Contact points of the cluster.
    #[env(default = "localhost")]
    hosts: String,
    /// Keyspace of the service's tables.
    keyspace: String,
}

/// Wide-column storage: two variants read the same settings.
#[derive(EnvConfig, Debug)]
#[env(selector = "STORE", default = "memory")]
enum Wide {
    Scylla(Cql),
    Cassandra(Cql),
    Memory,
}

/// A service whose settings exercise the resolver.
#[derive(EnvConfig, Debug)]
#[env(prefix = "W_", strict_bool)]
struct Service {
    #[env(profile, default = "development")]
    environment: Profile,
    #[env(nested)]
    store: Wide,
    /// Whether to trace requests.
    #[env(default = false)]
    tracing: bool,
    /// Error reporting endpoint.
    #[env(recommended_in(production))]
    sentry_dsn: Option<String>,
    /// Softened: only a warning in production.
    #[env(required_in(production), warn_in(production))]
    audit_sink: Option<String>,
    /// Hard requirement.
    #[env(required_in(production))]
    api_token: Option<String>,
}

fn all() -> Vec<(Format, String)> {
    let schema = Service::schema();
    let opts = RenderOptions::for_schema(&schema);
    Format::ALL.iter().map(|&f| (f, render(&schema, f, &opts))).collect()
}

/// How many times `name` is given as a variable of its own in a document.
fn entries(format: Format, doc: &str, name: &str) -> usize {
    match format {
        Format::Markdown => doc.lines().filter(|l| l.starts_with(&format!("| `{name}`"))).count(),
        Format::DotEnv => doc.lines().filter(|l| l.trim_start_matches("# ").starts_with(&format!("{name}="))).count(),
        Format::JsonSchema => {
            let v: serde_json::Value = serde_json::from_str(doc).unwrap();
            usize::from(v["properties"].get(name).is_some())
        }
        Format::Kubernetes => {
            doc.lines().filter(|l| l.trim_start().trim_start_matches("# ").starts_with(&format!("\"{name}\":"))).count()
        }
        Format::Toml => {
            let schema = Service::schema();
            let key = &schema.variable(name).unwrap().key;
            let leaf = key.rsplit('.').next().unwrap();
            doc.lines().filter(|l| l.trim_start_matches("# ").starts_with(&format!("{leaf} = "))).count()
        }
    }
}

#[test]
fn variables_shared_by_two_variants_appear_once_in_every_document() {
    for (format, doc) in all() {
        for name in ["W_HOSTS", "W_KEYSPACE"] {
            assert_eq!(entries(format, &doc, name), 1, "{name} in {format:?}:\n{doc}");
        }
    }
    let md = render(&Service::schema(), Format::Markdown, &RenderOptions::for_schema(&Service::schema()));
    let row = md.lines().find(|l| l.starts_with("| `W_KEYSPACE`")).unwrap();
    assert!(row.contains("when `W_STORE=scylla` or `W_STORE=cassandra`"), "{row}");
}

#[test]
fn strict_booleans_are_documented_as_strict_everywhere() {
    for (format, doc) in all() {
        match format {
            Format::Markdown | Format::DotEnv | Format::Toml => {
                assert!(doc.contains("boolean (true/false)"), "{format:?} does not say the boolean is strict:\n{doc}")
            }
            _ => {}
        }
    }
    // JSON Schema reads `yes` as the loader does: not a boolean here.
    let schema = Service::schema();
    let compiled =
        jsonschema::validator_for(&json_schema::build(&schema, &RenderOptions::for_schema(&schema)).to_value())
            .unwrap();
    for (raw, loader_accepts) in [("true", true), ("yes", false), ("1", false)] {
        let instance = json_schema::instance_from_env(&schema, [("W_TRACING", raw)]);
        assert_eq!(compiled.is_valid(&instance), loader_accepts, "W_TRACING={raw}: {instance}");
        assert_eq!(
            Service::loader().env_map([("W_TRACING", raw)]).load().is_ok(),
            loader_accepts,
            "loader, W_TRACING={raw}"
        );
    }
}

/// A struct whose empty values are values.
#[derive(EnvConfig, Debug)]
#[env(empty = "value")]
struct Blanks {
    /// A banner; empty means no banner.
    #[env(default = "hello")]
    banner: String,
}

#[test]
fn empty_values_that_are_values_are_documented() {
    let schema = Blanks::schema();
    let opts = RenderOptions::for_schema(&schema);
    assert!(render(&schema, Format::Markdown, &opts).contains("An empty value (`BANNER=`) is a value, not unset."));
    assert!(render(&schema, Format::DotEnv, &opts).contains("An empty value (BANNER=) is a value, not unset"));
    assert_eq!(Blanks::loader().env_map([("BANNER", "")]).load().unwrap().banner, "");
}

#[test]
fn recommendations_are_never_rendered_as_requirements() {
    let schema = Service::schema();
    let opts = RenderOptions::for_schema(&schema);
    let md = render(&schema, Format::Markdown, &opts);
    let checklist = {
        let start = md.find("## Production checklist\n").expect("a checklist");
        let rest = &md[start..];
        rest[..rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3)].to_string()
    };
    let (musts, shoulds) = checklist.split_once("Recommended in the `production` profile").expect("a recommended part");
    assert!(musts.contains("`W_API_TOKEN` must be set"), "{checklist}");
    for soft in ["W_SENTRY_DSN", "W_AUDIT_SINK"] {
        assert!(!musts.contains(soft), "{soft} listed as a must:\n{checklist}");
        assert!(shoulds.contains(&format!("`{soft}` should be set")), "{soft} not recommended:\n{checklist}");
        // The section table's row (the profile matrix has one too, before it).
        let row = md.lines().rfind(|l| l.starts_with(&format!("| `{soft}`"))).unwrap();
        assert!(row.contains("| no (recommended in production) |"), "{row}");
        assert!(row.contains("In production: should be set."), "{row}");
        assert!(!row.contains("must"), "{row}");
    }
    let env = render(&schema, Format::DotEnv, &opts);
    assert!(
        env.contains("# Required: no (recommended in production)\n# Production: should be set\n# W_SENTRY_DSN="),
        "{env}"
    );
    assert!(env.contains("# W_SENTRY_DSN="), "a recommendation is not uncommented:\n{env}");
    let k8s = render(&schema, Format::Kubernetes, &opts);
    assert!(k8s.contains("# \"W_SENTRY_DSN\": \"\""), "a recommendation is not pinned in the manifest:\n{k8s}");
    assert!(k8s.contains("  \"W_API_TOKEN\": \"\""), "{k8s}");
    // JSON Schema requires the hard one in production, never the soft ones.
    let json: serde_json::Value = serde_json::from_str(&render(&schema, Format::JsonSchema, &opts)).unwrap();
    let production = json["allOf"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["$comment"] == "rules of the production profile")
        .expect("production rules");
    assert_eq!(production["then"]["required"], serde_json::json!(["W_API_TOKEN"]));
}
