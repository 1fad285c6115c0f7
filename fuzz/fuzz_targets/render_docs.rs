//! Every renderer on a schema whose descriptions, sections, defaults, examples and enum
//! spellings are arbitrary text: tables keep their shape, `.env.example` parses with dotenvy
//! and gives each spellable default back exactly when its line is uncommented, no generated
//! line holds a line separator, JSON Schema is JSON.
#![no_main]

use envspec_docs::markdown::table_shapes;
use envspec_docs::{RenderOptions, dotenv, facts, json_schema, markdown};
use envconfig_fuzz::DocsInput;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: DocsInput| {
    let schema = input.schema();
    let opts = RenderOptions::for_schema(&schema);

    let md = markdown::reference(&schema, &opts);
    for (header, rows) in table_shapes(&md) {
        assert!(rows.iter().all(|&c| c == header), "a table row lost its shape:\n{md}");
    }

    let env = dotenv::render(&schema, &opts);
    let pairs: Vec<(String, String)> =
        dotenvy::from_read_iter(env.as_bytes()).map(|r| r.expect("dotenvy parses the file")).collect();
    let required: Vec<String> =
        schema.variables.iter().filter(|v| facts::always_required(v, &schema)).map(|v| v.name.clone()).collect();
    // Sections group the variables, so compare as sets.
    let mut keys: Vec<String> = pairs.iter().map(|(k, _)| k.clone()).collect();
    let mut required = required;
    keys.sort();
    required.sort();
    assert_eq!(keys, required, "only required variables are uncommented:\n{env}");
    assert!(pairs.iter().all(|(_, v)| v.is_empty()), "required lines carry no value:\n{env}");

    // Each variable's block ends with its assignment line; uncomment those lines.
    let uncommented: String = env
        .split("\n\n")
        .map(|block| {
            let (head, last) = block.trim_end_matches('\n').rsplit_once('\n').unwrap_or(("", block));
            match last.strip_prefix("# ") {
                Some(line) if line.starts_with('V') && line.contains('=') => format!("{head}\n{line}\n"),
                _ => format!("{block}\n"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let parsed: Vec<(String, String)> =
        dotenvy::from_read_iter(uncommented.as_bytes()).map(|r| r.expect("uncommented lines parse")).collect();
    for v in &schema.variables {
        if let Some(default) = facts::default_literal(v) {
            let got = parsed.iter().find(|(k, _)| *k == v.name).map(|(_, val)| val.as_str());
            // A default no dotenv reader agrees on is not written: uncommented, it is empty,
            // and the default applies.
            let want = if dotenv::quote(default).is_some() { default } else { "" };
            assert_eq!(got, Some(want), "{}'s default does not read back:\n{uncommented}", v.name);
        }
    }

    for doc in [&env, &envspec_docs::k8s::render(&schema, &opts)] {
        assert!(
            !doc.chars().any(|c| !matches!(c, '\n' | '\t') && envspec_docs::text::unsafe_in_line(c)),
            "a line separator leaked:\n{doc}"
        );
    }

    let json = json_schema::render(&schema, &opts);
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON Schema is JSON");
});
