//! `.env.example`: every variable under its section header, described in plain-text
//! comments. Variables required in every profile are left uncommented with an empty value to
//! fill in; the others are commented out with their default, so uncommenting a line changes
//! nothing until its value is edited. Secrets never carry a value. Variables that are not the
//! operator's (internal, reserved, set by a platform, test only) are only named, at the end.

use crate::RenderOptions;
use crate::facts;
use crate::text::{markdown_plain, one_line, wrap_comment};
use envspec::schema::{ConfigSchema, Variable};
use std::fmt::Write;

const WIDTH: usize = 88;

/// The whole `.env.example` file.
pub fn render(schema: &ConfigSchema, _opts: &RenderOptions) -> String {
    let mut out = String::new();
    let profile_from = schema.profile.as_ref().map(|p| p.variable.clone());
    header(
        &mut out,
        schema,
        "Uncommented lines are required: give each a value. Commented lines show the default that applies when the variable is unset.",
        "variables",
        profile_from,
    );
    for rule in &schema.name_rules {
        let patterns: Vec<&str> = rule.patterns.iter().map(|p| p.as_ref()).collect();
        let text =
            format!("No variable matching {} may be set {}.", patterns.join(" or "), facts::name_rule_profiles(rule));
        out.push_str(&wrap_comment(&one_line(&text), "# ", WIDTH));
    }
    for section in schema.sections() {
        let offered: Vec<&Variable> =
            schema.variables.iter().filter(|v| v.section.as_deref() == section && v.role.in_manifests()).collect();
        if offered.is_empty() {
            continue;
        }
        let name = section.unwrap_or("General");
        let _ = write!(out, "\n# {}\n# {}\n# {}\n", "=".repeat(70), one_line(name), "=".repeat(70));
        for v in offered {
            out.push('\n');
            variable(&mut out, v, schema);
        }
    }
    not_set_here(&mut out, schema, |v| v.name.clone());
    out
}

/// The closing comment block of an example file: the variables that are not an operator's
/// to set (internal, reserved, set by a platform, test only), each named by `label`.
pub(crate) fn not_set_here(out: &mut String, schema: &ConfigSchema, label: impl Fn(&Variable) -> String) {
    let others: Vec<&Variable> = schema.variables.iter().filter(|v| !v.role.in_manifests()).collect();
    if others.is_empty() {
        return;
    }
    let _ = write!(out, "\n# {}\n# Not set here\n# {}\n", "=".repeat(70), "=".repeat(70));
    out.push_str(&wrap_comment("The service reads these, but they are not an operator's to set:", "# ", WIDTH));
    for v in others {
        let marker = v.role.marker().unwrap_or_default();
        out.push_str(&wrap_comment(&one_line(&format!("{}: {marker}", label(v))), "#   ", WIDTH));
    }
}

fn variable(out: &mut String, v: &Variable, schema: &ConfigSchema) {
    let description = markdown_plain(&v.description);
    if !description.is_empty() {
        out.push_str(&wrap_comment(&description, "# ", WIDTH));
    }
    let facts_line = facts::comment_facts(v, schema, &format!("{}=", v.name));
    for line in facts_line {
        out.push_str(&wrap_comment(&one_line(&line), "# ", WIDTH));
    }
    // A variable with a fallback is written without a value: uncommented, an empty line leaves
    // it unset, so the fallback still applies; pinning its default would hide the fallback.
    let pinned = if v.fallback.is_empty() { facts::default_literal(v) } else { None };
    if facts::always_required(v, schema) {
        let _ = writeln!(out, "{}=", v.name);
    } else {
        match pinned.map(|d| (d, quote(d))) {
            Some((_, Some(value))) => {
                let _ = writeln!(out, "# {}={value}", v.name);
            }
            Some((_, None)) => {
                out.push_str(&wrap_comment(
                    "(The default holds characters, such as both quotes or a backslash, that a .env file cannot spell; it applies when unset.)",
                    "# ",
                    WIDTH,
                ));
                let _ = writeln!(out, "# {}=", v.name);
            }
            // With `empty = "value"`, `NAME=` would set the empty string: not offered.
            None if v.empty_is_value => {
                let _ = writeln!(out, "# {} is unset here (an empty value would be a value)", v.name);
            }
            None => {
                let _ = writeln!(out, "# {}=", v.name);
            }
        }
    }
}

/// A value spelled so that dotenvy, python-dotenv and Node's `dotenv` all read it back
/// unchanged: bare when it is plain; single-quoted (no `${}` expansion anywhere) when it holds
/// no `'`, backslash or newline; double-quoted, with `\n` for a newline, when it holds a `'` or
/// a newline but no backslash, `"` or `$`. `None` when the readers agree on no spelling: a
/// backslash (an escape for some, text for others), `$` beside a quote or newline, a carriage
/// return, NEL, U+2028, U+2029 or another control character.
pub fn quote(value: &str) -> Option<String> {
    if value.chars().any(|c| !matches!(c, '\n' | '\t') && crate::text::unsafe_in_line(c)) || value.contains('\\') {
        return None;
    }
    let plain = !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || "_-./:,@+%~".contains(c));
    if plain {
        Some(value.to_string())
    } else if !value.contains(['\'', '\n']) {
        Some(format!("'{value}'"))
    } else if !value.contains(['"', '$']) {
        Some(format!("\"{}\"", value.replace('\n', "\\n")))
    } else {
        None
    }
}

/// The opening comment of a generated settings file (`.env.example`, `config.example.toml`):
/// title, provenance, overview, how to read the file (`guidance`), the component view, and
/// where the profile comes from (`profile_from`, as the file names it). `things` is what the
/// file lists: "variables" or "settings".
pub(crate) fn header(
    out: &mut String,
    schema: &ConfigSchema,
    guidance: &str,
    things: &str,
    profile_from: Option<String>,
) {
    let title = if schema.title.is_empty() { schema.name.as_str() } else { schema.title.as_str() };
    let _ = writeln!(out, "# {}", one_line(title));
    let _ = writeln!(
        out,
        "# Generated by docs-gen from the declaration of {}; do not edit by hand.",
        one_line(&schema.name)
    );
    out.push_str("#\n");
    let overview = markdown_plain(&schema.description);
    if !overview.is_empty() {
        out.push_str(&wrap_comment(&overview, "# ", WIDTH));
        out.push_str("#\n");
    }
    out.push_str(&wrap_comment(guidance, "# ", WIDTH));
    if let Some(c) = &schema.component {
        let text = format!("For the {c} component: only the {things} it reads.");
        out.push_str(&wrap_comment(&text, "# ", WIDTH));
    }
    if let Some(from) = profile_from {
        let text = format!(
            "The deployment profile comes from {from}; lines marked 'Production:' say what the production profile demands."
        );
        out.push_str(&wrap_comment(&one_line(&text), "# ", WIDTH));
    }
}
