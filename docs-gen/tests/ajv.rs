//! Every generated JSON Schema in Ajv, the validator JavaScript tools use (draft 2020-12,
//! with `ajv-formats`, in its default strict mode): each compiles, so every pattern is valid ECMA-262, and the
//! loader's accept/reject verdicts on the agreement samples are Ajv's verdicts too.
//!
//! Ajv is installed by `.ci/readers.sh`; without it these tests say so and pass, unless
//! `ENVCONFIG_REQUIRE_READERS=1` (set by `.ci/run`).

mod support;

use envconfig_examples::{cadence::CadenceSettings, orcheo::OrcheoSettings, parako::ParakoSettings};
use envspec::EnvConfig;
use envspec::schema::ConfigSchema;
use envspec_docs::{RenderOptions, json_schema};
use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use support::Sample;

fn ajv_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("ENVCONFIG_READERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.ci/readers"));
    if dir.join("node/node_modules/ajv-formats").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("ENVCONFIG_REQUIRE_READERS").is_some_and(|v| v == "1") {
        panic!("Ajv is not installed in {}; run .ci/readers.sh", dir.display());
    }
    eprintln!("skipped: Ajv is not installed (run .ci/readers.sh)");
    None
}

/// Compiles `schema` with Ajv and validates each instance; Ajv's verdicts, or its error.
fn ajv(dir: &std::path::Path, schema: &Value, instances: &[Value]) -> Result<Vec<bool>, String> {
    let script = r#"
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
let validate;
try { validate = ajv.compile(input.schema); } catch (e) { console.log(JSON.stringify({ error: String(e.message) })); process.exit(0); }
console.log(JSON.stringify({ verdicts: input.instances.map((i) => validate(i)) }));
"#;
    let mut child = Command::new("node")
        .arg("-e")
        .arg(script)
        .env("NODE_PATH", dir.join("node/node_modules"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    let input = json!({ "schema": schema, "instances": instances });
    child.stdin.take().unwrap().write_all(input.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed: {}", String::from_utf8_lossy(&out.stderr));
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    match answer.get("error") {
        Some(e) => Err(e.as_str().unwrap_or_default().to_owned()),
        None => Ok(answer["verdicts"].as_array().unwrap().iter().map(|v| v.as_bool().unwrap()).collect()),
    }
}

fn schema_json(schema: &ConfigSchema) -> Value {
    json_schema::build(schema, &RenderOptions::for_schema(schema)).to_value()
}

#[test]
fn every_generated_schema_compiles_in_ajv() {
    let Some(dir) = ajv_dir() else { return };
    for schema in [Sample::schema(), CadenceSettings::schema(), OrcheoSettings::schema(), ParakoSettings::schema()] {
        ajv(&dir, &schema_json(&schema), &[])
            .unwrap_or_else(|e| panic!("{}: Ajv refuses the schema: {e}", schema.name));
    }
}

#[test]
fn ajv_gives_the_loaders_verdicts() {
    let Some(dir) = ajv_dir() else { return };
    let schema = Sample::schema();
    let samples = support::agreement_samples();
    let instances: Vec<Value> = samples
        .iter()
        .map(|(_, pairs)| json_schema::instance_from_env(&schema, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
        .collect();
    let verdicts =
        ajv(&dir, &schema_json(&schema), &instances).unwrap_or_else(|e| panic!("Ajv refuses the schema: {e}"));
    for ((name, pairs), (valid, instance)) in samples.iter().zip(verdicts.iter().zip(&instances)) {
        let loaded = Sample::loader().env_map(pairs.iter().cloned()).load();
        assert_eq!(
            *valid,
            loaded.is_ok(),
            "{name}: Ajv says {valid}, the loader says {:?}\n{instance}",
            loaded.err().map(|e| e.to_string())
        );
    }
}
