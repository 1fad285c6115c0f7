//! The showcase end to end: each committed `.env.example` validates in development once its
//! required values are filled, and fails production validation, unfilled, listing every
//! production requirement it misses without printing a secret.

#[path = "../src/showcase.rs"]
mod showcase;

use envconfig_examples::{cadence::CadenceSettings, orcheo::OrcheoSettings, parako::ParakoSettings};
use envspec::EnvConfig;
use envspec::schema::{ConfigSchema, KeyEncoding, Rule, TypeKind, Variable};
use envspec_docs::cli::run;
use envspec_docs::facts;
use std::path::{Path, PathBuf};

fn systems() -> [(&'static str, ConfigSchema); 3] {
    [("cadence", CadenceSettings::schema()), ("orcheo", OrcheoSettings::schema()), ("parako", ParakoSettings::schema())]
}

fn committed_env_example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples").join(name).join(".env.example");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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

fn scratch(name: &str, text: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("showcase-{name}-{}.env", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

fn validate(name: &str, file: &Path, profile: &str) -> (u8, String) {
    let args = ["validate", name, file.to_str().unwrap(), "--profile", profile].map(String::from).to_vec();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&showcase::registry(), args, &mut out, &mut err);
    (code, format!("{}{}", String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap()))
}

#[test]
fn each_env_example_validates_in_development_once_filled() {
    for (name, schema) in systems() {
        let text = committed_env_example(name);
        let mut filled = String::new();
        let mut blanks = 0;
        for line in text.lines() {
            match line.strip_suffix('=').and_then(|n| schema.variable(n)) {
                Some(v) if !line.starts_with('#') => {
                    blanks += 1;
                    filled.push_str(&format!("{line}{}\n", sample_value(v)));
                }
                _ => filled.push_str(&format!("{line}\n")),
            }
        }
        let file = scratch(name, &filled);
        let (code, out) = validate(name, &file, "development");
        assert_eq!(code, 0, "{name}: the filled .env.example ({blanks} values filled) is refused:\n{out}");
    }
}

#[test]
fn each_unfilled_env_example_fails_production_listing_every_requirement() {
    for (name, schema) in systems() {
        let file = scratch(&format!("{name}-unfilled"), &committed_env_example(name));
        let (code, out) = validate(name, &file, "production");
        assert_eq!(code, 1, "{name}: an unfilled .env.example must not pass production:\n{out}");
        let missed: Vec<&Variable> = schema
            .variables
            .iter()
            .filter(|v| {
                facts::always_required(v, &schema)
                    || facts::demands(v, &schema, "production")
                        .iter()
                        .any(|d| d.error && !d.what.starts_with("must be unset"))
            })
            .collect();
        assert!(!missed.is_empty(), "{name} has production requirements");
        for v in &missed {
            assert!(out.contains(&v.name), "{name}: the report does not mention {}:\n{out}", v.name);
        }
        // No secret value, not even a placeholder default (Cadence declares
        // `change-me-in-production` and an all-zero key), is printed.
        assert!(!out.contains("change-me") && !out.contains(&"0".repeat(16)), "{name}: {out}");
    }
}

/// The file with every commented-out assignment of a variable uncommented: the `# NAME=...`
/// line that ends each variable's block.
fn uncomment_all(text: &str, schema: &ConfigSchema) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let ends_block = lines.get(i + 1).is_none_or(|next| next.is_empty());
        let assignment =
            l.strip_prefix("# ").filter(|rest| rest.split_once('=').is_some_and(|(k, _)| schema.variable(k).is_some()));
        match assignment {
            Some(rest) if ends_block => out.push_str(rest),
            _ => out.push_str(l),
        }
        out.push('\n');
    }
    out
}

fn filled(text: &str, schema: &ConfigSchema) -> String {
    text.lines()
        .map(|line| match line.strip_suffix('=').and_then(|n| schema.variable(n)) {
            Some(v) if !line.starts_with('#') => format!("{line}{}\n", sample_value(v)),
            _ => format!("{line}\n"),
        })
        .collect()
}

fn config_of<T: EnvConfig + std::fmt::Debug>(text: &str, name: &str) -> String {
    let path = scratch(name, text);
    let loaded = T::loader()
        .env_map::<&str, &str>([])
        .dotenv(&path)
        .home_dir("/home/op")
        .profile("development")
        .load()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    format!("{:?}", loaded.config())
}

#[test]
fn uncommenting_every_line_of_an_env_example_changes_no_value() {
    fn check<T: EnvConfig + std::fmt::Debug>(name: &str) {
        let schema = T::schema();
        let text = filled(&committed_env_example(name), &schema);
        let all = uncomment_all(&text, &schema);
        assert_ne!(text, all, "{name}: something to uncomment");
        assert_eq!(
            config_of::<T>(&text, &format!("{name}-as-is")),
            config_of::<T>(&all, &format!("{name}-uncommented")),
            "{name}: uncommenting a line changed the load"
        );
    }
    check::<CadenceSettings>("cadence");
    check::<OrcheoSettings>("orcheo");
    check::<ParakoSettings>("parako");
}

#[test]
fn a_variable_with_a_fallback_is_not_pinned_to_its_default() {
    let text = committed_env_example("orcheo");
    // The profile variable falls back to NODE_ENV: uncommented, its line must stay empty.
    let block: Vec<&str> = text.split("\n\n").filter(|b| b.contains("ORCHEO_ENV=")).collect();
    assert_eq!(block.len(), 1, "{text}");
    assert!(block[0].contains("Unset: falls back to NODE_ENV, then its default production"), "{}", block[0]);
    assert!(block[0].trim_end().ends_with("# ORCHEO_ENV="), "{}", block[0]);
}

/// The fenced `sh` block of a section.
fn shell_block(md: &str, heading: &str) -> String {
    let section = &md[md.find(heading).unwrap_or_else(|| panic!("no {heading}"))..];
    let start = section.find("```sh\n").unwrap() + 6;
    section[start..start + section[start..].find("```").unwrap()].to_owned()
}

#[test]
fn the_generate_block_runs_and_yields_secrets_the_loader_accepts() {
    let md =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/parako/config.md"))
            .unwrap();
    let script = shell_block(&md, "## Generate the secrets");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("generate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let status = std::process::Command::new("sh").arg("-c").arg(&script).current_dir(&dir).status().unwrap();
    assert!(status.success(), "{script}");
    let env = std::fs::read_to_string(dir.join(".env")).unwrap();
    let schema = ParakoSettings::schema();
    let generated: Vec<&Variable> = schema.variables.iter().filter(|v| v.generate.is_some()).collect();
    assert!(generated.len() >= 5, "Parako has generate hints");
    for v in &generated {
        let line = env
            .lines()
            .find(|l| l.starts_with(&format!("{}=", v.name)))
            .unwrap_or_else(|| panic!("{} not generated", v.name));
        assert!(line.len() > v.name.len() + 8, "{line}");
    }
    // Every generated value passes its rules: production accepts the file.
    let loaded =
        ParakoSettings::loader().env_map::<&str, &str>([]).dotenv(dir.join(".env")).profile("production").load();
    assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.to_string()));
}

#[test]
fn where_values_come_from_follows_the_loaders_order() {
    let md =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/orcheo/config.md"))
            .unwrap();
    let section = &md[md.find("## Where values come from").unwrap()..md.find("## Production checklist").unwrap()];
    let mut at = 0;
    for (i, step) in envspec::Step::ORDER.iter().enumerate() {
        let numbered = format!("{}. ", i + 1);
        let found = section[at..].find(&numbered).unwrap_or_else(|| panic!("step {i} missing:\n{section}")) + at;
        let first_words: String = step.describe().split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        assert!(
            section[found..].starts_with(&format!("{numbered}{first_words}"))
                || section[found..].contains(&first_words),
            "{section}"
        );
        at = found + 1;
    }
    assert!(section.contains("`ORCHEO_ENV`") && section.contains("falling back to `NODE_ENV`"), "{section}");
    assert!(section.contains("never a bootstrap-only one"), "{section}");
}
