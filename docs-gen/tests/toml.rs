//! `config.example.toml` checked by the programs that read it: Python's `tomllib` (or `tomli`
//! on a Python older than 3.11, installed by `.ci/readers.sh`) and the `toml` crate read every
//! rendered file, as it comes and with every default uncommented, to the same document; the
//! loader reads it as it reads `.env.example` (the same problems as it comes, the same values
//! once filled in), uncommenting a default changes no value, every key it writes is a key the
//! loader knows, and no secret value is ever written.
//!
//! Without a Python TOML reader the Python half says so and passes, unless
//! `ENVCONFIG_REQUIRE_READERS=1` (set by `.ci/run`) makes its absence a failure.

mod support;

use envconfig_examples::{cadence::CadenceSettings, orcheo::OrcheoSettings, parako::ParakoSettings};
use envspec::schema::{ConfigSchema, DefaultValue, KeyEncoding, Rule, TypeKind, ValueType, Variable};
use envspec::{EnvConfig, LoadError, Loaded, ValueSource, Warning};
use envspec_docs::{Format, RenderOptions, render};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use support::{CANARY, Sample};

// ---------------------------------------------------------------------------------------
// Readers

const PYTHON_READER: &str = "import json, sys\ntry:\n    import tomllib\nexcept ImportError:\n    import tomli as tomllib\nprint(json.dumps(tomllib.load(sys.stdin.buffer)))";

/// A `python3` command that can import `tomllib` (Python 3.11+) or `tomli` from the readers'
/// directory.
fn python_toml() -> Option<Command> {
    let dir = std::env::var_os("ENVCONFIG_READERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.ci/readers"));
    let command = || {
        let mut cmd = Command::new("python3");
        cmd.env("PYTHONPATH", dir.join("python"));
        cmd
    };
    let probe = command()
        .arg("-c")
        .arg("try:\n    import tomllib\nexcept ImportError:\n    import tomli")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if probe.is_ok_and(|s| s.success()) {
        return Some(command());
    }
    if std::env::var_os("ENVCONFIG_REQUIRE_READERS").is_some_and(|v| v == "1") {
        panic!("no Python TOML reader: python3 has no tomllib and {} has no tomli; run .ci/readers.sh", dir.display());
    }
    eprintln!("skipped: no Python TOML reader (tomllib needs Python 3.11; run .ci/readers.sh for tomli)");
    None
}

/// The document Python reads, as JSON.
fn tomllib(mut cmd: Command, text: &str) -> Value {
    let mut child = cmd
        .arg("-c")
        .arg(PYTHON_READER)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "tomllib refuses the file: {}\n--- file ---\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the reader prints JSON")
}

/// The document the `toml` crate reads, as JSON.
fn toml_crate(text: &str) -> Value {
    toml::from_str::<Value>(text)
        .unwrap_or_else(|e| panic!("the toml crate refuses the file: {e}\n--- file ---\n{text}"))
}

/// Every leaf of a parsed document: its dotted key path and its value.
fn leaves(doc: &Value) -> Vec<(String, Value)> {
    fn walk(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&path, v, out);
                }
            }
            other => out.push((prefix.to_owned(), other.clone())),
        }
    }
    let mut out = Vec::new();
    walk("", doc, &mut out);
    out
}

// ---------------------------------------------------------------------------------------
// Files

fn key_of(v: &Variable) -> &str {
    if v.key.is_empty() { &v.path } else { &v.key }
}

fn toml_of(schema: &ConfigSchema) -> String {
    render(schema, Format::Toml, &RenderOptions::for_schema(schema))
}

fn env_of(schema: &ConfigSchema) -> String {
    render(schema, Format::DotEnv, &RenderOptions::for_schema(schema))
}

/// Whether `line` assigns one of the schema's keys: `leaf = value`, with `leaf` the last
/// segment of some variable's key.
fn assigns(line: &str, schema: &ConfigSchema) -> bool {
    line.split_once(" = ")
        .is_some_and(|(k, _)| schema.variables.iter().any(|v| key_of(v).rsplit('.').next() == Some(k)))
}

/// The file with every commented-out assignment uncommented, as an operator copying the
/// example would: the `# key = value` line that ends each variable's block.
fn uncomment_all(text: &str, schema: &ConfigSchema) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let ends_block = lines.get(i + 1).is_none_or(|next| next.is_empty());
        match l.strip_prefix("# ").filter(|rest| ends_block && assigns(rest, schema)) {
            Some(rest) => out.push_str(rest),
            None => out.push_str(l),
        }
        out.push('\n');
    }
    out
}

/// A value that satisfies the variable's type and rules.
fn sample_value(v: &Variable) -> String {
    for rule in &v.rules {
        match rule {
            Rule::Key { bytes, encodings } if encodings.contains(&KeyEncoding::Hex) => {
                return "ab".repeat(*bytes as usize);
            }
            Rule::Schemes { schemes } => return format!("{}://service.internal:1234/db", schemes[0]),
            Rule::Length { min: Some(n), .. } => return "x".repeat(*n as usize),
            _ => {}
        }
    }
    match &v.value_type.kind {
        TypeKind::Url => "https://service.internal/".into(),
        TypeKind::Integer { .. } | TypeKind::Float { .. } => "1".into(),
        TypeKind::Boolean { .. } => "false".into(),
        TypeKind::Enum { values } => values[0].name.clone(),
        _ => "filled-in".into(),
    }
}

/// The variable whose block ends at line `i` of a rendered TOML file, read from its
/// `# Environment variable: NAME` comment.
fn variable_at<'s>(lines: &[&str], i: usize, schema: &'s ConfigSchema) -> Option<&'s Variable> {
    lines[..i]
        .iter()
        .rev()
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.strip_prefix("# Environment variable: "))
        .and_then(|name| schema.variable(name))
}

/// The TOML file with each required `key = ""` given a sample value.
fn filled_toml(text: &str, schema: &ConfigSchema) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        match line.strip_suffix(" = \"\"").filter(|_| !line.starts_with('#')) {
            Some(leaf) => {
                let v = variable_at(&lines, i, schema).unwrap_or_else(|| panic!("no variable above {line:?}"));
                out.push_str(&format!("{leaf} = {}\n", envspec_docs::toml::string(&sample_value(v))));
            }
            None => out.push_str(&format!("{line}\n")),
        }
    }
    out
}

/// The `.env.example` with each required `NAME=` given the same sample value.
fn filled_env(text: &str, schema: &ConfigSchema) -> String {
    text.lines()
        .map(|line| match line.strip_suffix('=').and_then(|n| schema.variable(n)) {
            Some(v) if !line.starts_with('#') => format!("{line}{}\n", sample_value(v)),
            _ => format!("{line}\n"),
        })
        .collect()
}

fn scratch(name: &str, file: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("toml-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

// ---------------------------------------------------------------------------------------
// Configurations

/// A schema whose descriptions, sections and defaults try to add keys through each line
/// separator, and whose defaults hold everything a TOML string must escape.
fn hostile() -> ConfigSchema {
    let mut schema = ConfigSchema::new("Hostile");
    schema.title = "Hostile\u{2028}injected_title = 1".into();
    schema.description = "A\rinjected_cr = 1\n\nB\u{85}injected_nel = 1 C\u{2029}injected_ps = 1".into();
    let separators = ['\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{b}', '\u{c}', '\u{1c}', '\u{1e}', '\u{7f}', '\0'];
    for (i, sep) in separators.iter().enumerate() {
        let mut v = Variable::new(format!("VAR_{i}"), format!("var_{i}"), ValueType::new(TypeKind::String, "String"));
        v.description = format!("Describes{sep}injected_d{i} = 1 a variable.");
        v.section = Some(format!("Section{sep}[injected_s{i}]"));
        v.default = Some(DefaultValue::Literal { value: format!("value{sep}injected_v{i} = 1") });
        v.examples = vec![format!("ex{sep}injected_e{i} = 1")];
        schema.variables.push(v);
    }
    let mut required = Variable::new("REQUIRED_ONE", "nested.required_one", ValueType::new(TypeKind::String, "String"));
    required.required = true;
    required.description = "Must be set.\u{2028}injected_r = 1".into();
    schema.variables.push(required);
    let mut plain = Variable::new("PLAIN", "nested.deeper.plain", ValueType::new(TypeKind::String, "String"));
    plain.default = Some(DefaultValue::Literal {
        value: "it's \"quoted\" \\ and $HOME\twith a tab\nand a line ''' \"\"\" # not a comment".into(),
    });
    schema.variables.push(plain);
    let mut top = Variable::new("TOP", "top", ValueType::new(TypeKind::String, "String"));
    top.default = Some(DefaultValue::Literal { value: "declared after the tables, written before them".into() });
    schema.variables.push(top);
    schema
}

fn orcheo_views() -> Vec<(Option<&'static str>, ConfigSchema)> {
    let schema = OrcheoSettings::schema();
    let mut views = vec![(None, schema.clone())];
    for c in ["backend", "worker", "cli"] {
        views.push((Some(c), schema.for_component(c).expect("Orcheo declares the component")));
    }
    views
}

fn schemas() -> Vec<ConfigSchema> {
    let mut out = vec![CadenceSettings::schema(), ParakoSettings::schema(), Sample::schema(), hostile()];
    out.extend(orcheo_views().into_iter().map(|(_, s)| s));
    out
}

// ---------------------------------------------------------------------------------------
// Tests

#[test]
fn every_config_example_toml_reads_the_same_in_tomllib_and_the_toml_crate() {
    let python = python_toml;
    for schema in schemas() {
        let text = toml_of(&schema);
        let all = uncomment_all(&text, &schema);
        assert_ne!(text, all, "{}: something to uncomment", schema.name);
        for (what, text) in [("as generated", &text), ("uncommented", &all)] {
            let ours = toml_crate(text);
            if let Some(cmd) = python() {
                assert_eq!(
                    tomllib(cmd, text),
                    ours,
                    "{} {what}: tomllib differs from the toml crate\n{text}",
                    schema.name
                );
            }
            // Every key is a variable's, and nothing was injected.
            for (key, _) in leaves(&ours) {
                assert!(
                    schema.variables.iter().any(|v| key_of(v) == key),
                    "{} {what}: {key} is no variable's key\n{text}",
                    schema.name
                );
            }
        }
        // Uncommented, every pinned default reads back as the variable's default, and a
        // secret's line holds nothing.
        let doc = leaves(&toml_crate(&all));
        for v in &schema.variables {
            let Some((_, value)) = doc.iter().find(|(k, _)| k == key_of(v)) else { continue };
            if v.secret {
                assert_eq!(value, &Value::String(String::new()), "{}: {} carries a value", schema.name, v.name);
            }
        }
    }
}

#[test]
fn hostile_defaults_round_trip_exactly() {
    let schema = hostile();
    let doc = leaves(&toml_crate(&uncomment_all(&toml_of(&schema), &schema)));
    for v in &schema.variables {
        let Some(DefaultValue::Literal { value }) = &v.default else { continue };
        let read = doc.iter().find(|(k, _)| k == key_of(v)).map(|(_, v)| v.clone());
        assert_eq!(read, Some(Value::String(value.clone())), "{}", v.name);
    }
    // The key declared last is at the top level, before every table.
    let text = toml_of(&schema);
    assert!(text.find("# top = ").unwrap() < text.find("\n[nested]\n").unwrap(), "{text}");
    assert!(text.contains("\n[nested.deeper]\n"), "{text}");
}

/// What a load says, comparable between two sources: each problem and warning as text, or the
/// config's `Debug` (secrets masked).
fn outcome<T: EnvConfig + std::fmt::Debug>(result: &Result<Loaded<T>, LoadError>) -> String {
    match result {
        Ok(loaded) => {
            let warnings: Vec<String> = loaded.warnings().iter().map(|w| w.to_string()).collect();
            format!("loads: {:?}\nwarnings: {warnings:#?}", loaded.config())
        }
        Err(e) => {
            let problems: Vec<String> = e.problems().iter().map(|p| p.to_string()).collect();
            let warnings: Vec<String> = e.warnings().iter().map(|w| w.to_string()).collect();
            format!("fails: {problems:#?}\nwarnings: {warnings:#?}")
        }
    }
}

fn unknown_keys(result: &Result<Loaded<impl EnvConfig>, LoadError>) -> Vec<String> {
    let warnings = match result {
        Ok(l) => l.warnings(),
        Err(e) => e.warnings(),
    };
    warnings.iter().filter(|w| matches!(w, Warning::UnknownKey { .. })).map(|w| w.to_string()).collect()
}

/// Loads `T` (as `component`, when given) from a TOML file or a `.env` file alone.
fn load<T: EnvConfig>(
    component: Option<&str>,
    profile: Option<&str>,
    toml: Option<&Path>,
    env: Option<&Path>,
) -> Result<Loaded<T>, LoadError> {
    let mut loader = T::loader().empty_env().home_dir("/home/op");
    if let Some(c) = component {
        loader = loader.component(c);
    }
    if let Some(p) = profile {
        loader = loader.profile(p);
    }
    if let Some(t) = toml {
        loader = loader.toml_file(t);
    }
    if let Some(e) = env {
        loader = loader.dotenv(e);
    }
    loader.load()
}

fn check_loads<T: EnvConfig + std::fmt::Debug>(name: &str, component: Option<&str>, schema: &ConfigSchema) {
    let label = match component {
        Some(c) => format!("{name}-{c}"),
        None => name.to_owned(),
    };
    let toml = toml_of(schema);
    let env = env_of(schema);
    // As they come: the same verdict, naming the same variables, in the default profile and
    // in development.
    let toml_file = scratch(&label, "config.example.toml", &toml);
    let env_file = scratch(&label, ".env.example", &env);
    for profile in [None, Some("development")] {
        let from_toml = load::<T>(component, profile, Some(&toml_file), None);
        let from_env = load::<T>(component, profile, None, Some(&env_file));
        assert_eq!(
            outcome(&from_toml),
            outcome(&from_env),
            "{label} ({profile:?}): the TOML file as it comes loads unlike .env.example"
        );
        assert_eq!(unknown_keys(&from_toml), Vec::<String>::new(), "{label}: unknown keys");
    }
    // Filled in with the same values: the same config.
    let filled = filled_toml(&toml, schema);
    let filled_file = scratch(&label, "filled.toml", &filled);
    let filled_env_file = scratch(&label, "filled.env", &filled_env(&env, schema));
    let dev = Some("development");
    let from_toml = load::<T>(component, dev, Some(&filled_file), None);
    let from_env = load::<T>(component, dev, None, Some(&filled_env_file));
    assert!(from_toml.is_ok(), "{label}: the filled TOML file does not load: {}\n{filled}", outcome(&from_toml));
    assert_eq!(outcome(&from_toml), outcome(&from_env), "{label}: filled, the TOML file loads unlike .env.example");
    // Uncommenting every default changes no value, and every key is known.
    let all = uncomment_all(&filled, schema);
    assert_ne!(all, filled, "{label}: something to uncomment");
    let all_file = scratch(&label, "uncommented.toml", &all);
    let uncommented = load::<T>(component, dev, Some(&all_file), None);
    assert_eq!(outcome(&uncommented), outcome(&from_toml), "{label}: uncommenting a line changed the load\n{all}");
    assert_eq!(unknown_keys(&uncommented), Vec::<String>::new(), "{label}: unknown keys\n{all}");
    let strict = T::loader().empty_env().home_dir("/home/op").profile("development");
    let strict = match component {
        Some(c) => strict.component(c),
        None => strict,
    };
    assert!(strict.strict().toml_file(&all_file).load().is_ok(), "{label}: a strict load refuses a key");
    // Provenance names the line of each value the file sets, and nothing else comes from it.
    let loaded = uncommented.unwrap();
    let lines: Vec<&str> = all.lines().collect();
    for p in loaded.provenance() {
        // A variable read only under a condition that does not hold (the defaults are
        // uncommented, so conditions hold as they do by default) keeps its default.
        let Some(v) =
            schema.variable(&p.variable).filter(|v| v.read_when.as_ref().is_none_or(|c| c.holds(&schema.defaults())))
        else {
            continue;
        };
        // The variable actually read: itself, or the fallback it was read from.
        let read = p.read_from.as_deref().and_then(|n| schema.variable(n)).unwrap_or(v);
        let written = lines.iter().enumerate().find(|(i, l)| {
            !l.starts_with('#')
                && !l.ends_with(" = \"\"")
                && assigns(l, schema)
                && variable_at(&lines, *i, schema).is_some_and(|w| w.name == read.name)
        });
        match (written, &p.source) {
            (Some((i, _)), ValueSource::Set(origin)) => {
                assert!(origin.to_string().ends_with(&format!("uncommented.toml:{}", i + 1)), "{label}: {p}");
            }
            (Some((i, l)), other) => {
                panic!("{label}: line {} `{l}` sets {}, but its provenance is {other}", i + 1, v.name)
            }
            (None, ValueSource::Set(origin)) => {
                panic!("{label}: {} set by {origin} though the file does not set it", v.name)
            }
            (None, _) => {}
        }
    }
}

#[test]
fn the_file_loads_as_env_example_does_and_uncommenting_changes_nothing() {
    check_loads::<CadenceSettings>("cadence", None, &CadenceSettings::schema());
    check_loads::<ParakoSettings>("parako", None, &ParakoSettings::schema());
    check_loads::<Sample>("sample", None, &Sample::schema());
    for (component, schema) in orcheo_views() {
        check_loads::<OrcheoSettings>("orcheo", component, &schema);
    }
}

#[test]
fn no_secret_value_is_ever_written() {
    for schema in schemas() {
        let text = toml_of(&schema);
        assert!(!text.contains(CANARY), "{}: the canary leaks", schema.name);
        // Cadence's placeholder secrets are defaults too.
        assert!(
            !text.contains("change-me") && !text.contains(&"0".repeat(16)),
            "{}: a secret default leaks",
            schema.name
        );
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let assignment = line.strip_prefix("# ").unwrap_or(line);
            if !assigns(assignment, &schema) || lines.get(i + 1).is_some_and(|n| !n.is_empty()) {
                continue;
            }
            if let Some(v) = variable_at(&lines, i, &schema).filter(|v| v.secret) {
                assert!(assignment.ends_with(" = \"\""), "{}: {} is written with a value: {line}", schema.name, v.name);
            }
        }
    }
}

#[test]
fn comments_carry_the_facts_and_values_are_typed() {
    let text = toml_of(&Sample::schema());
    for expected in [
        "# Environment variable: APP_PORT\n# Type: integer, 1–65535\n# Bootstrap-only\n# port = 8080\n",
        "# debug = false\n",
        "# sample_ratio = 1.0\n",
        "# cors_origins = [\"http://localhost:3000\", \"http://127.0.0.1:3000\"]\n",
        "# token_ttl = \"15m\"\n",
        // Both quotes and a `#`, which `.env.example` cannot spell, are a TOML string.
        "# display_name = \"it's \\\"quoted\\\" # not a comment\"\n",
        "# Required: yes\n# APP_ENCRYPTION_KEY_FILE may name a file holding the value\nencryption_key = \"\"\n",
        "# Also read from the environment as APP_SENDER\n# Example: ops@example.com\n# smtp_from = \"\"\n",
        "\n[vault]\n",
        "# Read only when APP_VAULT_BACKEND=aws_kms\n# aws_region = \"\"\n",
        "The deployment profile comes from environment (APP_ENVIRONMENT)",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    for line in text.lines() {
        assert!(
            line.is_empty() || line.starts_with('#') || line.starts_with('[') || line.contains(" = "),
            "stray line {line:?}"
        );
    }
    let cadence = toml_of(&CadenceSettings::schema());
    assert!(cadence.contains("# api_port = 8888\n") && cadence.contains("# access_token_ttl_seconds = \"10800\"\n"));
    assert!(cadence.contains("# oauth2_scopes = [\"openid\", \"email\", \"profile\"]\n"), "{cadence}");
    // Top-level keys come before the first table.
    let first_table = cadence.find("\n[s3]\n").expect("the s3 table");
    assert!(cadence.rfind("# api_port = ").unwrap() < first_table);
}

#[test]
fn component_views_and_other_roles_say_so() {
    for (component, schema) in orcheo_views().into_iter().skip(1) {
        let text = toml_of(&schema);
        let c = component.unwrap();
        assert!(text.contains(&format!("# For the {c} component: only the settings it reads.")), "{text}");
    }
    #[derive(EnvConfig, Debug)]
    #[env(prefix = "R_")]
    #[allow(dead_code)]
    struct Roles {
        /// Set by the program.
        #[env(internal, default = "x")]
        hostname: String,
        /// The operator's.
        #[env(default = 4)]
        workers: u16,
    }
    let text = toml_of(&Roles::schema());
    assert!(text.contains("# workers = 4\n"), "{text}");
    assert!(!text.contains("hostname = "), "{text}");
    assert!(text.contains("#   hostname (R_HOSTNAME): Internal"), "{text}");
}
