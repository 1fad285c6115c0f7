//! Generated files read by the programs that will read them: every `.env.example` by dotenvy,
//! python-dotenv and Node's `dotenv`, every `k8s.yaml` by PyYAML and serde_norway, all to the
//! same keys and values, for the showcase and for a schema written to inject lines through
//! every line separator (CR, NEL, U+2028, U+2029).
//!
//! The Python and Node readers are installed by `.ci/readers.sh` (which `.ci/run` calls) into
//! `.ci/readers`; set `ENVCONFIG_READERS` to use another directory. Without them these tests
//! say so and pass, unless `ENVCONFIG_REQUIRE_READERS=1` (set by `.ci/run`) makes their
//! absence a failure.

use envspec::schema::{ConfigSchema, DefaultValue, TypeKind, ValueType, Variable};
use envspec_docs::{Format, RenderOptions, render};
use serde_json::{Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn readers() -> Option<PathBuf> {
    let dir = std::env::var_os("ENVCONFIG_READERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.ci/readers"));
    let ok = dir.join("python/dotenv").is_dir() && dir.join("node/node_modules/dotenv").is_dir();
    if ok {
        return Some(dir);
    }
    if std::env::var_os("ENVCONFIG_REQUIRE_READERS").is_some_and(|v| v == "1") {
        panic!("the dotenv and YAML readers are not installed in {}; run .ci/readers.sh", dir.display());
    }
    eprintln!("skipped: the dotenv and YAML readers are not installed (run .ci/readers.sh)");
    None
}

/// Runs `program args` with `input` on stdin; its stdout as JSON.
fn run_json(mut cmd: Command, input: &str) -> Value {
    let mut child =
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("reader runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "reader failed: {}\n--- input ---\n{input}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("reader prints JSON")
}

fn python(dir: &Path, script: &str, input: &str) -> Value {
    let mut cmd = Command::new("python3");
    cmd.arg("-c").arg(script).env("PYTHONPATH", dir.join("python"));
    run_json(cmd, input)
}

fn python_dotenv(dir: &Path, text: &str) -> Value {
    python(
        dir,
        "import io, json, sys\nfrom dotenv import dotenv_values\nprint(json.dumps(dotenv_values(stream=io.StringIO(sys.stdin.read()))))",
        text,
    )
}

fn node_dotenv(dir: &Path, text: &str) -> Value {
    let mut cmd = Command::new("node");
    cmd.arg("-e")
        .arg("const d = require('dotenv'); const s = require('fs').readFileSync(0, 'utf8'); console.log(JSON.stringify(d.parse(s)))")
        .env("NODE_PATH", dir.join("node/node_modules"));
    run_json(cmd, text)
}

fn dotenvy_map(text: &str) -> Value {
    let mut map = Map::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        let (k, v) = item.unwrap_or_else(|e| panic!("dotenvy: {e}\n{text}"));
        map.insert(k, Value::String(v));
    }
    Value::Object(map)
}

fn pyyaml(dir: &Path, text: &str) -> Value {
    python(dir, "import json, sys, yaml\nprint(json.dumps(list(yaml.safe_load_all(sys.stdin.read()))))", text)
}

fn serde_norway_docs(text: &str) -> Value {
    use serde::Deserialize;
    let docs: Vec<Value> = serde_norway::Deserializer::from_str(text)
        .map(|d| Value::deserialize(d).unwrap_or_else(|e| panic!("serde_norway: {e}\n{text}")))
        .collect();
    Value::Array(docs)
}

/// The file with every commented-out assignment of a variable uncommented, as an operator
/// copying the example would: the `# NAME=value` line that ends each variable's block.
fn uncommented(text: &str, schema: &ConfigSchema) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let ends_block = lines.get(i + 1).is_none_or(|next| next.is_empty());
        let assignment = l
            .strip_prefix("# ")
            .filter(|rest| rest.split_once('=').is_some_and(|(k, _)| schema.variables.iter().any(|v| v.name == k)));
        match assignment {
            Some(rest) if ends_block => out.push_str(rest),
            _ => out.push_str(l),
        }
        out.push('\n');
    }
    out
}

/// A schema whose descriptions, sections and defaults try to add a variable through each
/// line separator.
fn hostile() -> ConfigSchema {
    let mut schema = ConfigSchema::new("Hostile");
    schema.title = "Hostile\u{2028}INJECTED_TITLE=1".into();
    schema.description = "A\rINJECTED_CR=1\n\nB\u{85}INJECTED_NEL=1 C\u{2029}INJECTED_PS=1".into();
    let separators = ['\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{b}', '\u{c}', '\u{1c}', '\u{1e}', '\u{7f}'];
    for (i, sep) in separators.iter().enumerate() {
        let mut v = Variable::new(format!("VAR_{i}"), format!("var_{i}"), ValueType::new(TypeKind::String, "String"));
        v.description = format!("Describes{sep}INJECTED_D{i}=1 a variable.");
        v.section = Some(format!("Section{sep}INJECTED_S{i}=1"));
        v.default = Some(DefaultValue::Literal { value: format!("value{sep}INJECTED_V{i}=1") });
        v.examples = vec![format!("ex{sep}INJECTED_E{i}=1")];
        schema.variables.push(v);
    }
    let mut required = Variable::new("REQUIRED_ONE", "required_one", ValueType::new(TypeKind::String, "String"));
    required.required = true;
    required.description = "Must be set.\u{2028}INJECTED_R=1".into();
    schema.variables.push(required);
    let mut plain = Variable::new("PLAIN", "plain", ValueType::new(TypeKind::String, "String"));
    plain.default =
        Some(DefaultValue::Literal { value: "it's \"quoted\" \\ and $HOME\twith a tab\nand a line".into() });
    schema.variables.push(plain);
    schema
}

fn schemas() -> Vec<ConfigSchema> {
    use envconfig_examples::{cadence::CadenceSettings, orcheo::OrcheoSettings, parako::ParakoSettings};
    use envspec::EnvConfig;
    vec![CadenceSettings::schema(), OrcheoSettings::schema(), ParakoSettings::schema(), hostile()]
}

fn no_injected_key(value: &Value, what: &str) {
    let text = value.to_string();
    assert!(!text.contains("\"INJECTED"), "{what} gained an injected key: {text}");
}

#[test]
fn every_env_example_reads_the_same_in_dotenvy_python_and_node() {
    let Some(dir) = readers() else { return };
    for schema in schemas() {
        let text = render(&schema, Format::DotEnv, &RenderOptions::for_schema(&schema));
        for (what, text) in [("as generated", text.clone()), ("uncommented", uncommented(&text, &schema))] {
            let ours = dotenvy_map(&text);
            no_injected_key(&ours, &format!("{} {what} (dotenvy)", schema.name));
            assert_eq!(
                python_dotenv(&dir, &text),
                ours,
                "{} {what}: python-dotenv differs from dotenvy\n{text}",
                schema.name
            );
            assert_eq!(
                node_dotenv(&dir, &text),
                ours,
                "{} {what}: Node dotenv differs from dotenvy\n{text}",
                schema.name
            );
        }
    }
}

#[test]
fn every_k8s_manifest_reads_the_same_in_pyyaml_and_serde_norway() {
    let Some(dir) = readers() else { return };
    for schema in schemas() {
        let text = render(&schema, Format::Kubernetes, &RenderOptions::for_schema(&schema));
        let ours = serde_norway_docs(&text);
        assert_eq!(pyyaml(&dir, &text), ours, "{}: PyYAML differs from serde_norway\n{text}", schema.name);
        no_injected_key(&ours, &schema.name);
        // The keys are the variables the manifest sets, and nothing else.
        for doc in ours.as_array().unwrap() {
            let data = doc.get("data").or_else(|| doc.get("stringData")).and_then(Value::as_object).unwrap();
            for key in data.keys() {
                assert!(schema.variables.iter().any(|v| &v.name == key), "{}: unknown key {key}", schema.name);
            }
        }
    }
}
