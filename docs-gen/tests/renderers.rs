//! The five renderers, tested on a configuration that uses every marker, rule and condition
//! and whose descriptions are written to break tables and comments.

mod support;

use envspec::EnvConfig;
use envspec_docs::markdown::table_shapes;
use envspec_docs::{Format, RenderOptions, dotenv, json_schema, k8s, markdown};
use serde_json::Value;
use std::collections::BTreeMap;
use support::{CANARY, Sample};

fn opts() -> RenderOptions {
    RenderOptions::for_schema(&Sample::schema())
}

#[test]
fn markdown_tables_keep_their_shape_whatever_the_descriptions_hold() {
    let schema = Sample::schema();
    let md = markdown::reference(&schema, &opts());
    let tables = table_shapes(&md);
    // Secrets, profile matrix, and one table per section.
    assert_eq!(tables.len(), 2 + schema.sections().len(), "{md}");
    for (header, rows) in &tables {
        for (i, cells) in rows.iter().enumerate() {
            assert_eq!(cells, header, "row {i} of a {header}-column table has {cells} cells:\n{md}");
        }
    }
    let body_rows: usize = tables[2..].iter().map(|(_, rows)| rows.len()).sum();
    assert_eq!(body_rows, schema.variables.len(), "one row per variable in the section tables");
    // The hostile description survives as one cell: its second paragraph and code block are there.
    let port_row = md.lines().find(|l| l.starts_with("| `APP_PORT`")).expect("a row for APP_PORT");
    assert!(port_row.contains("second paragraph"), "{port_row}");
    assert!(port_row.contains("&lt;b&gt;HTML"), "raw HTML is shown as text: {port_row}");
    assert!(port_row.contains("a &#124; b"), "code block content kept: {port_row}");
    assert!(!md.contains("<!-- envconfig:end -->"), "a marker in a description is escaped");
}

#[test]
fn markdown_states_checklist_secrets_bootstrap_and_profiles() {
    let md = markdown::reference(&Sample::schema(), &opts());
    let section = |title: &str| {
        let start = md.find(&format!("## {title}\n")).unwrap_or_else(|| panic!("no section {title}:\n{md}"));
        let rest = &md[start + title.len() + 4..];
        rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
    };
    let checklist = section("Production checklist");
    for line in [
        "`APP_DEBUG` must be unset or false",
        "`APP_JWT_SECRET` must be set (at least 32 characters). Generate with `openssl rand -hex 32`",
        "`APP_SESSION_KEY` must be changed from its default",
        "`APP_ENCRYPTION_KEY` must be set (64 hex characters or 44 base64 characters)",
    ] {
        assert!(checklist.contains(line), "checklist lacks {line:?}:\n{checklist}");
    }
    let secrets = section("Secrets");
    for name in ["APP_JWT_SECRET", "APP_ENCRYPTION_KEY", "APP_SESSION_KEY", "APP_SMTP_PASSWORD"] {
        assert!(secrets.contains(name), "{name} not listed as secret:\n{secrets}");
    }
    assert!(!secrets.contains("APP_PORT"));
    assert!(section("Bootstrap-only variables").contains("`APP_PORT`"));
    let matrix = section("Requirements by profile");
    // Only profiles some rule names get a column: here every rule is a production rule.
    assert!(matrix.contains("| Variable | production |"), "{matrix}");
    let jwt = matrix.lines().find(|l| l.contains("APP_JWT_SECRET")).unwrap();
    assert_eq!(jwt, "| `APP_JWT_SECRET` | must be set |");
    let cors = matrix.lines().find(|l| l.contains("APP_CORS_ORIGINS")).unwrap();
    assert_eq!(cors, "| `APP_CORS_ORIGINS` | must not be `*` |", "values in code, the words prose");
    assert!(section("Backend groups").contains("`APP_VAULT_BACKEND=aws_kms`: `APP_VAULT_AWS_REGION`"));
    assert!(section("Cross-variable checks").contains("multi-tenancy is not available on SQLite"));
    let storage = section("Storage");
    assert!(storage.contains("when `APP_ADAPTER=postgresql`"), "{storage}");
    let mail = section("Mail");
    assert!(mail.contains("**Deprecated**: use APP\\_SMTP\\_FROM"), "{mail}");
    assert!(mail.contains("alias `APP_SENDER`"), "{mail}");
    // Conditions are code per variable, the words around them prose.
    assert!(mail.contains("when `APP_SMTP_HOST` is set"), "{mail}");
    assert!(!md.contains(" is set`") && !md.contains(" or APP_"), "no words inside a code span:\n{md}");
    assert!(section("Vault").contains("Read only when `APP_VAULT_BACKEND=aws_kms`"));
}

/// The pairs of a dotenv text, read by dotenvy.
fn parse_dotenv(text: &str) -> Vec<(String, String)> {
    dotenvy::from_read_iter(text.as_bytes()).map(|r| r.expect("dotenvy parses the file")).collect()
}

fn uncomment_defaults(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("# APP_") {
            Some(rest) if rest.contains('=') && !rest.ends_with('=') => format!("APP_{rest}"),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn env_example_round_trips_into_a_development_load() {
    let text = dotenv::render(&Sample::schema(), &opts());
    let pairs = parse_dotenv(&text);
    // Only the variable required in every profile is uncommented, and empty.
    assert_eq!(pairs, vec![("APP_ENCRYPTION_KEY".to_string(), String::new())]);
    // Unfilled, the load says what to fill.
    let err = Sample::loader().env_map(pairs.clone()).load().unwrap_err();
    assert!(err.to_string().contains("APP_ENCRYPTION_KEY"), "{err}");
    // Filled, it loads.
    let filled = text.replace("\nAPP_ENCRYPTION_KEY=\n", &format!("\nAPP_ENCRYPTION_KEY={}\n", "ab".repeat(32)));
    let loaded = Sample::loader().env_map(parse_dotenv(&filled)).profile("development").load().expect("loads");
    assert_eq!(loaded.port, 8080);
    // Uncommenting every default changes nothing: each default is spelled so it parses back.
    let all = uncomment_defaults(&filled);
    let all_pairs = parse_dotenv(&all);
    assert!(all_pairs.len() > 8, "{all_pairs:?}");
    let with_defaults = Sample::loader().env_map(all_pairs.clone()).profile("development").load().expect("loads");
    assert_eq!(format!("{:?}", with_defaults.config()), format!("{:?}", loaded.config()));
    // A default that holds both quotes has no spelling every dotenv reader agrees on: it is
    // not written, and the comment says that it applies when unset.
    let name = all_pairs.iter().find(|(k, _)| k == "APP_DISPLAY_NAME").map(|(_, v)| v.as_str());
    assert_eq!(name, None);
    assert!(text.contains("cannot spell; it applies when unset.)\n# APP_DISPLAY_NAME=\n"), "{text}");
}

#[test]
fn env_example_comments_carry_the_facts_in_plain_text() {
    let text = dotenv::render(&Sample::schema(), &opts());
    assert!(text.contains("# Port | with a pipe, code | with pipe, and a line break."), "{text}");
    assert!(text.contains("# Type: integer, 1–65535"), "{text}");
    assert!(text.contains("# Generate with: openssl rand -hex 32"));
    assert!(text.contains("# Production: must be set"));
    assert!(text.contains("# APP_PORT=8080"));
    assert!(text.contains("# APP_SESSION_KEY=\n"), "a secret's default is never written");
    assert!(!text.contains("**"), "markdown is stripped");
    for line in text.lines() {
        assert!(line.is_empty() || line.starts_with('#') || line.contains('='), "stray line {line:?}");
    }
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&json_schema::render(&Sample::schema(), &opts())).unwrap();
    jsonschema::draft202012::new(&schema).expect("the generated schema is a valid 2020-12 schema")
}

#[test]
fn json_schema_is_valid_and_carries_every_keyword() {
    let schema: Value = serde_json::from_str(&json_schema::render(&Sample::schema(), &opts())).unwrap();
    assert!(jsonschema::meta::is_valid(&schema), "valid against the 2020-12 meta-schema");
    let p = &schema["properties"];
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(p["APP_PORT"]["minimum"], 1);
    assert_eq!(p["APP_PORT"]["maximum"], 65535);
    assert_eq!(p["APP_PORT"]["default"], 8080);
    assert_eq!(p["APP_PORT"]["readOnly"], true);
    assert_eq!(p["APP_JWT_SECRET"]["writeOnly"], true);
    assert_eq!(p["APP_JWT_SECRET"]["minLength"], 32);
    assert!(p["APP_SESSION_KEY"].get("default").is_none(), "a secret's default is not published");
    assert_eq!(p["APP_MAIL_FROM"]["deprecated"], true);
    assert_eq!(p["APP_ADAPTER"]["enum"], serde_json::json!(["sqlite", "postgresql"]));
    assert_eq!(p["APP_SMTP_FROM"]["examples"], serde_json::json!(["ops@example.com"]));
    assert_eq!(p["APP_CORS_ORIGINS"]["type"], "array");
    assert_eq!(schema["required"], serde_json::json!(["APP_ENCRYPTION_KEY"]));
    assert!(schema["allOf"].as_array().unwrap().len() >= 4, "conditions become if/then");
    assert!(schema["description"].as_str().unwrap().contains("multi-tenancy is not available on SQLite"));
}

/// Sample env files, each judged by the loader and by the schema; they must agree.
#[test]
fn json_schema_accepts_and_rejects_what_the_loader_does() {
    let samples = support::agreement_samples();
    let schema = Sample::schema();
    let validator = validator();
    let mut accepted = 0;
    for (name, pairs) in &samples {
        let loaded = Sample::loader().env_map(pairs.iter().cloned()).load();
        let instance = json_schema::instance_from_env(&schema, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let valid = validator.is_valid(&instance);
        assert_eq!(
            valid,
            loaded.is_ok(),
            "{name}: schema says {valid}, loader says {:?}\ninstance: {instance}",
            loaded.as_ref().err().map(|e| e.to_string())
        );
        accepted += usize::from(valid);
    }
    // Both verdicts occur, so the comparison means something.
    assert!(accepted > 5 && accepted < samples.len() - 5, "{accepted} of {}", samples.len());
}

#[test]
fn kubernetes_manifests_parse_back_with_secrets_split_out() {
    let schema = Sample::schema();
    let yaml = k8s::render(&schema, &opts());
    let docs: Vec<serde_json::Value> = serde_norway::Deserializer::from_str(&yaml)
        .map(|d| serde::Deserialize::deserialize(d).expect("each document parses"))
        .collect();
    assert_eq!(docs.len(), 2);
    let (config_map, secret) = (&docs[0], &docs[1]);
    assert_eq!(config_map["kind"], "ConfigMap");
    assert_eq!(config_map["metadata"]["name"], "sample-config");
    assert_eq!(secret["kind"], "Secret");
    assert_eq!(secret["type"], "Opaque");
    let data = config_map["data"].as_object().unwrap();
    let string_data = secret["stringData"].as_object().unwrap();
    for v in &schema.variables {
        if v.secret {
            assert!(!data.contains_key(&v.name), "{} is secret but in the ConfigMap", v.name);
        } else if !envspec_docs::facts::carries_credentials(v) {
            assert!(!string_data.contains_key(&v.name), "{} is not secret but in the Secret", v.name);
        }
        assert!(yaml.contains(&v.name), "{} not mentioned", v.name);
    }
    // Defaults are not pinned: the service applies them, and a change in code reaches the
    // deployment.
    assert!(!data.contains_key("APP_PORT"));
    assert!(yaml.contains("# \"APP_PORT\": \"8080\"  (default)"), "{yaml}");
    // Only values to choose are keys, empty until filled; a default production refuses is one.
    let mut keys: Vec<&String> = string_data.keys().collect();
    keys.sort();
    assert_eq!(keys, ["APP_ENCRYPTION_KEY", "APP_JWT_SECRET", "APP_SESSION_KEY"]);
    assert_eq!(data["APP_ADMIN_EMAIL"], "", "its default is refused in production");
    // The profile variable is set to the profile the manifests are for.
    let profile = &schema.profile.as_ref().unwrap().variable;
    assert_eq!(data[profile.as_str()], "production");
    assert!(string_data.iter().chain(data).all(|(k, v)| k == profile || v == k8s::PLACEHOLDER));
    assert!(data.values().all(Value::is_string), "ConfigMap values are strings");
}

#[test]
fn no_document_ever_holds_a_secret_value() {
    let schema = Sample::schema();
    for format in Format::ALL {
        let text = envspec_docs::render(&schema, format, &opts());
        assert!(!text.contains(CANARY), "{format:?} leaks the canary");
    }
    let schema_json = serde_json::to_string(&schema).unwrap();
    assert!(!schema_json.contains(CANARY), "the schema itself never holds a secret default");
}

#[test]
fn output_is_deterministic() {
    for format in Format::ALL {
        let a = envspec_docs::render(&Sample::schema(), format, &opts());
        let b = envspec_docs::render(&Sample::schema(), format, &opts());
        assert_eq!(a, b);
        assert!(a.ends_with('\n') && !a.ends_with("\n\n"), "{format:?} ends with exactly one newline");
    }
}

#[test]
fn injection_refreshes_regions_of_a_hand_written_page() {
    let schema = Sample::schema();
    let page = "# Operations guide\n\nHand-written intro with trailing spaces  \n\n```md\n<!-- envconfig:begin sample -->\n```\n\n<!-- envconfig:begin sample -->\nstale\n<!-- envconfig:end -->\n\n## After\n\nMore prose.\n";
    let out =
        envspec_docs::inject::inject(page, |n| (n == "sample").then(|| markdown::tables(&schema, 3)), &[]).unwrap();
    assert!(out.starts_with("# Operations guide\n\nHand-written intro with trailing spaces  \n\n```md\n<!-- envconfig:begin sample -->\n```\n\n<!-- envconfig:begin sample -->\n\n### Runtime\n"));
    assert!(out.ends_with("<!-- envconfig:end -->\n\n## After\n\nMore prose.\n"));
    assert!(!out.contains("stale"));
    for (header, rows) in table_shapes(&out) {
        assert!(rows.iter().all(|&c| c == header));
    }
    let map: BTreeMap<_, _> = [("sample", 1)].into_iter().collect();
    assert_eq!(
        envspec_docs::inject::inject(&out, |n| map.get(n).map(|_| markdown::tables(&schema, 3)), &[]).unwrap(),
        out
    );
}

/// Found by the `render_docs` fuzz target: a default of `\` was written as `'\'`, which
/// dotenvy reads as an escaped quote and then fails to parse.
#[test]
fn every_default_spelling_reads_back_through_dotenvy() {
    for value in [
        "\\",
        "'\\'",
        "a\\'b",
        "$HOME",
        "${HOME}",
        "it's",
        "say \"hi\"",
        "two\nlines",
        "# not a comment",
        " padded ",
        "tab\there",
        "",
        "ünï",
    ] {
        // Values no reader agrees on have no spelling; the others read back exactly.
        let Some(spelled) = dotenv::quote(value) else {
            assert!(value.contains('\\') || value.contains('$'), "{value:?} should be spellable");
            continue;
        };
        let line = format!("V={spelled}\n");
        let parsed: Vec<(String, String)> =
            dotenvy::from_read_iter(line.as_bytes()).map(|r| r.unwrap_or_else(|e| panic!("{line:?}: {e}"))).collect();
        assert_eq!(parsed, vec![("V".to_string(), value.to_string())], "{line:?}");
    }
    for unspellable in ["a\rb", "a\u{85}b", "a\u{2028}b", "a\u{2029}b", "a\u{1b}b"] {
        assert_eq!(dotenv::quote(unspellable), None, "{unspellable:?}");
    }
}

#[test]
fn json_schema_lists_aliases_and_keeps_annotations_of_conditional_variables() {
    let schema = Sample::schema();
    let json: Value = serde_json::from_str(&json_schema::render(&schema, &opts())).unwrap();
    let props = json["properties"].as_object().unwrap();
    let with_alias = schema.variables.iter().find(|v| !v.aliases.is_empty()).expect("an alias");
    for alias in &with_alias.aliases {
        let p = &props[alias.as_str()];
        assert_eq!(p["deprecated"], true, "{alias}");
        assert_eq!(p["type"], props[with_alias.name.as_str()]["type"], "{alias} has its variable's schema");
    }
    let conditional = schema.variables.iter().find(|v| v.read_when.is_some() && !v.description.is_empty()).unwrap();
    let p = &props[conditional.name.as_str()];
    assert!(p.get("description").is_some(), "{p}");
    if conditional.default.is_some() {
        assert!(p.get("default").is_some(), "{p}");
    }
    assert!(p["$comment"].as_str().unwrap().starts_with("read only when"), "{p}");
    // No pattern uses syntax JavaScript refuses.
    let text = json.to_string();
    assert!(!text.contains("(?i"), "{text}");
}
