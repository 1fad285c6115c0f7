//! `config.example.toml`: every variable under its TOML key (its field path, flattened structs
//! left out), nested structs as tables, described in comments as `.env.example` describes
//! them. Variables required in every profile are left uncommented with an empty string to
//! fill in (an empty string leaves a key unset, as `NAME=` does); the others are commented
//! out with their default, so uncommenting a line changes nothing until its value is edited.
//! Secrets never carry a value. Variables that are not the operator's are only named, at the
//! end.
//!
//! Values are TOML for the variable's type: bare integers, floats and booleans for numeric
//! and boolean variables, arrays of strings for lists, strings for everything else (a
//! duration is `"30s"`). The loader turns each back into the text the environment would
//! hold, so a value written here is read exactly as the same default set in the environment.
//! Every Rust string has a TOML spelling (escapes for quotes, backslashes and control
//! characters), so every literal default is written; this module needs no TOML crate.

use crate::RenderOptions;
use crate::facts;
use crate::text::{markdown_plain, one_line, unsafe_in_line, wrap_comment};
use envspec::schema::spelling::{integer_digits, parse_bool, split_items};
use envspec::schema::{ConfigSchema, TypeKind, Variable};
use std::fmt::Write;

const WIDTH: usize = 88;

/// The whole `config.example.toml` file.
pub fn render(schema: &ConfigSchema, _opts: &RenderOptions) -> String {
    let mut out = String::new();
    header(&mut out, schema);
    let offered: Vec<&Variable> = schema.variables.iter().filter(|v| v.role.in_manifests()).collect();
    let sections = schema.sections();
    // The section banner last written: a table that goes on in the same section gets its
    // header only.
    let mut current: Option<Option<&str>> = None;
    for table in tables(&offered) {
        let mut header_written = table.is_empty();
        for &section in &sections {
            let vars: Vec<&Variable> =
                offered.iter().copied().filter(|v| table_of(v) == table && v.section.as_deref() == section).collect();
            if vars.is_empty() {
                continue;
            }
            if current != Some(section) {
                current = Some(section);
                let title = section.unwrap_or("General");
                let _ = write!(out, "\n# {}\n# {}\n# {}\n", "=".repeat(70), one_line(title), "=".repeat(70));
            }
            if !header_written {
                let _ = write!(out, "\n[{}]\n", table_header(&table));
                header_written = true;
            }
            for v in vars {
                out.push('\n');
                variable(&mut out, v, schema);
            }
        }
    }
    crate::dotenv::not_set_here(&mut out, schema, |v| format!("{} ({})", key(v), v.name));
    out
}

fn header(out: &mut String, schema: &ConfigSchema) {
    let profile_from = schema.profile.as_ref().map(|p| match schema.variable(&p.variable) {
        Some(v) => format!("{} ({})", key(v), v.name),
        None => p.variable.clone(),
    });
    crate::dotenv::header(
        out,
        schema,
        "Uncommented lines are required: give each a value. Commented lines show the default that applies when the key is absent; an empty string leaves a key unset. Each key's environment variable is named above it: the environment, .env files and command-line flags win over this file.",
        "settings",
        profile_from,
    );
}

fn variable(out: &mut String, v: &Variable, schema: &ConfigSchema) {
    let description = markdown_plain(&v.description);
    if !description.is_empty() {
        out.push_str(&wrap_comment(&description, "# ", WIDTH));
    }
    let mut lines = vec![format!("Environment variable: {}", v.name)];
    lines.extend(facts::comment_facts(v, schema, &format!("{} = \"\"", leaf(v))));
    for line in lines {
        out.push_str(&wrap_comment(&one_line(&line), "# ", WIDTH));
    }
    let name = key_segment(leaf(v));
    // A variable with a fallback is written without a value: uncommented, an empty string
    // leaves it unset, so the fallback still applies; pinning its default would hide it.
    let pinned = if v.fallback.is_empty() { facts::default_literal(v) } else { None };
    if facts::always_required(v, schema) {
        let _ = writeln!(out, "{name} = \"\"");
    } else {
        match pinned {
            Some(d) => {
                let _ = writeln!(out, "# {name} = {}", value(&v.value_type.kind, d));
            }
            // With `empty = "value"`, `key = ""` would set the empty string: not offered.
            None if v.empty_is_value => {
                let _ = writeln!(out, "# {name} is unset here (an empty string would be a value)");
            }
            None => {
                let _ = writeln!(out, "# {name} = \"\"");
            }
        }
    }
}

/// The TOML value that the loader reads back as `raw`, the environment spelling of a value of
/// `kind`: a bare boolean, integer or float when `kind` is one and `raw` spells one (the
/// loader writes TOML numbers in decimal and booleans as `true`/`false`), an array of strings
/// for a list (read as a JSON list, its items as they are), a string otherwise. An empty
/// `raw` is `""`, which the loader reads as unset.
pub fn value(kind: &TypeKind, raw: &str) -> String {
    if raw.is_empty() {
        return "\"\"".to_owned();
    }
    match kind {
        TypeKind::Boolean { strict } => {
            if let Some(b) = parse_bool(raw, *strict) {
                return b.to_string();
            }
        }
        TypeKind::Integer { .. } => {
            if let Some(n) = integer_digits(raw).ok().and_then(|d| d.parse::<i64>().ok()) {
                return n.to_string();
            }
        }
        TypeKind::Float { bits } => {
            if let Some(x) = raw.trim().parse::<f64>().ok().filter(|x| x.is_finite()) {
                // `{:?}` is the shortest spelling that reads back as `x`, with a `.` or an
                // exponent: a TOML float.
                let spelled = format!("{x:?}");
                let same = match bits {
                    32 => spelled.parse::<f32>().ok() == raw.trim().parse::<f32>().ok(),
                    _ => true,
                };
                if same {
                    return spelled;
                }
            }
        }
        TypeKind::List { separator, .. } => {
            if let Ok(items) = split_items(raw, separator.as_deref()) {
                let items: Vec<String> = items.iter().map(|i| string(i)).collect();
                return format!("[{}]", items.join(", "));
            }
        }
        _ => {}
    }
    string(raw)
}

/// A TOML basic string holding `text` exactly: quotes, backslashes and control characters
/// escaped, and every character some reader may take for a line break (NEL, U+2028, U+2029)
/// escaped too, so the value stays on its line. Only TOML 1.0 escapes are used.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || unsafe_in_line(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The variable's key: its field path with flattened structs left out (the path, for a
/// schema built by hand without keys).
fn key(v: &Variable) -> &str {
    if v.key.is_empty() { &v.path } else { &v.key }
}

/// The table a variable's key is in (`""` for the top level).
fn table_of(v: &Variable) -> &str {
    key(v).rsplit_once('.').map_or("", |(table, _)| table)
}

/// The last segment of a variable's key, written inside its table.
fn leaf(v: &Variable) -> &str {
    key(v).rsplit_once('.').map_or(key(v), |(_, leaf)| leaf)
}

/// One segment of a key: bare when TOML allows it, a quoted string otherwise.
fn key_segment(segment: &str) -> String {
    let bare = !segment.is_empty() && segment.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { segment.to_owned() } else { string(segment) }
}

/// A table's dotted name as its header spells it.
fn table_header(table: &str) -> String {
    table.split('.').map(key_segment).collect::<Vec<_>>().join(".")
}

/// The tables the variables are in: the top level first, then each table after its parent,
/// siblings in the order their first variable is declared.
fn tables(vars: &[&Variable]) -> Vec<String> {
    let first_use = |prefix: &str| {
        vars.iter()
            .position(|v| {
                let t = table_of(v);
                t == prefix || t.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('.'))
            })
            .unwrap_or(usize::MAX)
    };
    let mut tables: Vec<(Vec<usize>, String)> = Vec::new();
    for v in vars {
        let table = table_of(v);
        if tables.iter().any(|(_, t)| t == table) {
            continue;
        }
        let order = if table.is_empty() {
            Vec::new()
        } else {
            let segments: Vec<&str> = table.split('.').collect();
            (1..=segments.len()).map(|n| first_use(&segments[..n].join("."))).collect()
        };
        tables.push((order, table.to_owned()));
    }
    tables.sort();
    tables.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_toml_of_the_variable_type() {
        let int = TypeKind::Integer { signed: false, bits: 16 };
        assert_eq!(value(&int, "8080"), "8080");
        assert_eq!(value(&int, "+0_07"), "7");
        assert_eq!(
            value(&TypeKind::Integer { signed: false, bits: 64 }, "18446744073709551615"),
            "\"18446744073709551615\""
        );
        assert_eq!(value(&TypeKind::Float { bits: 64 }, "1"), "1.0");
        assert_eq!(value(&TypeKind::Float { bits: 64 }, "0.25"), "0.25");
        assert_eq!(value(&TypeKind::Float { bits: 64 }, "inf"), "\"inf\"");
        assert_eq!(value(&TypeKind::Boolean { strict: false }, "yes"), "true");
        assert_eq!(value(&TypeKind::Boolean { strict: true }, "yes"), "\"yes\"");
        assert_eq!(value(&TypeKind::Duration { unit: None }, "30s"), "\"30s\"");
        let list = TypeKind::List { item: Box::new(TypeKind::String), unique: false, separator: None };
        assert_eq!(value(&list, "a, b"), r#"["a", "b"]"#);
        assert_eq!(value(&list, r#"["x,y", 3]"#), r#"["x,y", "3"]"#);
        let spaced = TypeKind::List { item: Box::new(TypeKind::String), unique: false, separator: Some(" ".into()) };
        assert_eq!(value(&spaced, "openid email"), r#"["openid", "email"]"#);
        assert_eq!(value(&int, ""), "\"\"");
    }

    #[test]
    fn keys_are_bare_when_toml_allows_and_tables_follow_their_parents() {
        assert_eq!(key_segment("max_connections"), "max_connections");
        assert_eq!(key_segment("a b"), "\"a b\"");
        assert_eq!(table_header("db.pool"), "db.pool");
        let var = |key: &str| {
            let mut v = Variable::new("X", key, envspec::schema::ValueType::new(TypeKind::String, "String"));
            v.key = key.to_owned();
            v
        };
        let vars = [var("db.pool.max"), var("port"), var("cache.ttl"), var("db.url"), var("db.pool.tls.ca")];
        let refs: Vec<&Variable> = vars.iter().collect();
        assert_eq!(tables(&refs), ["", "db", "db.pool", "db.pool.tls", "cache"]);
    }

    #[test]
    fn strings_escape_what_toml_and_line_readers_need() {
        assert_eq!(string("it's \"q\" \\ # x"), r#""it's \"q\" \\ # x""#);
        assert_eq!(
            string("a\nb\tc\r\u{0}\u{7f}\u{85}\u{2028}\u{2029}é"),
            r#""a\nb\tc\r\u0000\u007F\u0085\u2028\u2029é""#
        );
    }
}
