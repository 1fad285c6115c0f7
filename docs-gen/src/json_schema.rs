//! JSON Schema (draft 2020-12) of a configuration: an object keyed by variable name, whose
//! values are the variables' typed values. [`instance_from_env`] turns an env file into such
//! an object, spelling values the way the loader reads them, so that tools (editors, Helm
//! values checks, CI) can validate a deployment's settings without running the service.
//!
//! What JSON Schema cannot state is kept in the descriptions: struct-level checks and custom
//! validators, case-insensitive matching of plain-text conditions.

use crate::ecma;
use crate::text::markdown_plain;
use crate::{RenderOptions, facts};
use envspec::schema::spelling::{parse_bool, parse_integer, split_items};
use envspec::schema::{
    Bound, Condition, ConfigSchema, DefaultValue, KeyEncoding, NameRule, Number, ProfileRuleKind, Rule, Severity,
    TypeKind, Variable, profile_name,
};
use schemars::Schema;
use serde_json::{Map, Value, json};

/// The schema as pretty-printed JSON, ending with a newline.
pub fn render(schema: &ConfigSchema, opts: &RenderOptions) -> String {
    let value: Value = build(schema, opts).into();
    let mut out = serde_json::to_string_pretty(&value).expect("a JSON value always serializes");
    out.push('\n');
    out
}

/// The schema as a [`schemars::Schema`].
pub fn build(schema: &ConfigSchema, opts: &RenderOptions) -> Schema {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut all_of = Vec::new();
    for v in &schema.variables {
        // An alias is another name of the variable: the same schema, marked deprecated (the
        // loader warns when it is used). The instance uses the canonical name.
        for alias in &v.aliases {
            let mut aliased = match property(v) {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            aliased.insert("deprecated".into(), json!(true));
            add_comment(&mut aliased, &format!("another name of {}", v.name));
            properties.insert(alias.clone(), Value::Object(aliased));
        }
        match &v.read_when {
            None => {
                properties.insert(v.name.clone(), property(v));
                if v.required {
                    required.push(Value::String(v.name.clone()));
                }
            }
            // A variable read only under a condition is checked only while it holds; its
            // annotations stay at the top level, where editors show them.
            Some(when) => {
                let full = property(v);
                let mut shown = Map::new();
                for key in ["description", "default", "examples", "writeOnly", "readOnly", "deprecated"] {
                    if let Some(x) = full.get(key) {
                        shown.insert(key.into(), x.clone());
                    }
                }
                shown.insert("$comment".into(), json!(format!("read only when {when}")));
                properties.insert(v.name.clone(), Value::Object(shown));
                let mut then = json!({ "properties": { v.name.as_str(): full } });
                if v.required {
                    then["required"] = json!([v.name]);
                }
                all_of.push(json!({ "if": condition(when, schema), "then": then }));
            }
        }
        for c in &v.required_if {
            all_of.push(json!({ "if": condition(c, schema), "then": { "required": [v.name] } }));
        }
        for w in &v.required_with {
            all_of.push(json!({ "if": { "required": [w] }, "then": { "required": [v.name] } }));
        }
    }
    for profile in facts::profiles(schema) {
        let Some(when) = profile_condition(schema, &profile) else { continue };
        let mut req: Vec<Value> = Vec::new();
        let mut props = Map::new();
        let mut nots: Vec<Value> = Vec::new();
        for v in &schema.variables {
            for rule in &v.profile_rules {
                if rule.severity_in(&profile) != Some(Severity::Error) {
                    continue;
                }
                match &rule.kind {
                    ProfileRuleKind::RequiredIn | ProfileRuleKind::DevDefault { .. } => {
                        req.push(Value::String(v.name.clone()))
                    }
                    ProfileRuleKind::NotDefaultIn => {
                        req.push(Value::String(v.name.clone()));
                        if let Some(d) = facts::default_literal(v) {
                            props.insert(v.name.clone(), json!({ "not": { "const": typed(&v.value_type.kind, d) } }));
                        }
                    }
                    ProfileRuleKind::ForbiddenIn => {
                        if matches!(v.value_type.kind, TypeKind::Boolean { .. }) {
                            props.insert(v.name.clone(), json!({ "const": false }));
                        } else {
                            nots.push(json!({ "required": [v.name] }));
                        }
                    }
                    ProfileRuleKind::Constraint { rule } => {
                        let mut m = Map::new();
                        apply_rule(&mut m, rule, &v.value_type.kind);
                        props.insert(v.name.clone(), Value::Object(m));
                    }
                    _ => {}
                }
            }
        }
        let forbidden =
            forbidden_names(schema, |r| !r.everywhere() && r.severity_in(Some(&profile)) == Some(Severity::Error));
        if req.is_empty() && props.is_empty() && nots.is_empty() && forbidden.is_empty() {
            continue;
        }
        let mut then = Map::new();
        if !forbidden.is_empty() {
            then.insert("patternProperties".into(), Value::Object(forbidden));
        }
        if !req.is_empty() {
            then.insert("required".into(), Value::Array(req));
        }
        if !props.is_empty() {
            then.insert("properties".into(), Value::Object(props));
        }
        if !nots.is_empty() {
            then.insert("not".into(), json!({ "anyOf": nots }));
        }
        all_of.push(json!({ "$comment": format!("rules of the {profile} profile"), "if": when, "then": then }));
    }
    let mut root = Map::new();
    root.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    root.insert("$id".into(), json!(format!("urn:envconfig:{}", opts.slug)));
    let title = if schema.title.is_empty() { &schema.name } else { &schema.title };
    root.insert("title".into(), json!(title));
    let mut description = markdown_plain(&schema.description);
    for c in &schema.checks {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str("Also checked at load time (not expressed in this schema): ");
        description.push_str(&markdown_plain(&c.description));
    }
    if !description.is_empty() {
        root.insert("description".into(), json!(description));
    }
    root.insert("type".into(), json!("object"));
    root.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        root.insert("required".into(), Value::Array(required));
    }
    let everywhere = forbidden_names(schema, NameRule::everywhere);
    if !everywhere.is_empty() {
        root.insert("patternProperties".into(), Value::Object(everywhere));
    }
    if !all_of.is_empty() {
        root.insert("allOf".into(), Value::Array(all_of));
    }
    Schema::from(root)
}

/// The names `forbid_names` rules forbid, as pattern properties whose value must be empty (an
/// empty value is unset, as the loader reads it); only the rules `which` selects.
fn forbidden_names(schema: &ConfigSchema, which: impl Fn(&NameRule) -> bool) -> Map<String, Value> {
    let mut out = Map::new();
    for rule in schema.name_rules.iter().filter(|r| which(r)) {
        for glob in rule.patterns.iter() {
            // Patterns hold only name characters and wildcards (the derive checks it).
            let regex: String = glob
                .chars()
                .map(|c| match c {
                    '*' => ".*".to_owned(),
                    '?' => ".".to_owned(),
                    c => c.to_string(),
                })
                .collect();
            out.insert(format!("^{regex}$"), json!({ "const": "" }));
        }
    }
    out
}

fn property(v: &Variable) -> Value {
    let mut m = type_schema(&v.value_type.kind);
    for rule in &v.rules {
        apply_rule(&mut m, rule, &v.value_type.kind);
    }
    let mut description = markdown_plain(&v.description);
    if let Some(role) = v.role.marker() {
        description = if description.is_empty() { format!("{role}.") } else { format!("{role}. {description}") };
    }
    let custom: Vec<String> =
        v.rules.iter().filter(|r| matches!(r, Rule::Custom { .. })).map(|r| r.to_string()).collect();
    if !custom.is_empty() {
        description.push_str(&format!("\n\nAlso checked at load time: {}.", custom.join("; ")));
    }
    if !description.is_empty() {
        m.insert("description".into(), json!(description));
    }
    if let Some(d) = facts::default_literal(v) {
        m.insert("default".into(), typed(&v.value_type.kind, d));
    }
    if !v.examples.is_empty() && !v.secret {
        let ex: Vec<Value> = v.examples.iter().map(|e| typed(&v.value_type.kind, e)).collect();
        m.insert("examples".into(), Value::Array(ex));
    }
    if v.secret {
        m.insert("writeOnly".into(), json!(true));
    }
    if v.bootstrap {
        m.insert("readOnly".into(), json!(true));
    }
    if v.deprecated.is_some() {
        m.insert("deprecated".into(), json!(true));
    }
    if let Some(DefaultValue::Template { template }) = &v.default {
        add_comment(&mut m, &format!("default computed at load time: {template}"));
    } else if let Some(DefaultValue::SameAs { variable }) = &v.default {
        add_comment(&mut m, &format!("defaults to the value of {variable}"));
    }
    Value::Object(m)
}

/// Durations as the loader reads them: plain seconds, or numbers with units (`1h 30m`).
const DURATION_PATTERN: &str = r"^\s*(\d+(\.\d+)?|(\d+\s*[a-zA-Zµ]+\s*)+)\s*$";

fn type_schema(kind: &TypeKind) -> Map<String, Value> {
    let v = match kind {
        TypeKind::String | TypeKind::Path | TypeKind::Custom { .. } => json!({ "type": "string" }),
        TypeKind::Boolean { .. } => json!({ "type": "boolean" }),
        TypeKind::Integer { .. } => {
            let (lo, hi) = kind.integer_limits().unwrap_or((i64::MIN as i128, i64::MAX as i128));
            let mut m = json!({ "type": "integer" });
            if let Some(lo) = json_int(lo) {
                m["minimum"] = lo;
            }
            if let Some(hi) = json_int(hi) {
                m["maximum"] = hi;
            }
            m
        }
        TypeKind::Float { .. } => json!({ "type": "number" }),
        TypeKind::Enum { values } => {
            json!({ "type": "string", "enum": values.iter().map(|e| e.name.clone()).collect::<Vec<_>>() })
        }
        TypeKind::List { item, unique, .. } => {
            let mut m = json!({ "type": "array", "items": Value::Object(type_schema(item)) });
            if *unique {
                m["uniqueItems"] = json!(true);
            }
            m
        }
        TypeKind::Url => json!({ "type": "string", "format": "uri" }),
        TypeKind::Duration { .. } => json!({ "type": "string", "pattern": DURATION_PATTERN }),
        TypeKind::IpAddr => json!({ "type": "string", "anyOf": [{ "format": "ipv4" }, { "format": "ipv6" }] }),
        TypeKind::SocketAddr => json!({ "type": "string" }),
        TypeKind::Json => json!({}),
        _ => json!({ "type": "string" }),
    };
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn json_int(x: i128) -> Option<Value> {
    if let Ok(i) = i64::try_from(x) { Some(json!(i)) } else { u64::try_from(x).ok().map(|u| json!(u)) }
}

/// A bound as JSON: integers exactly (`9007199254740993` stays itself), floats as floats.
fn number(b: &Bound) -> Value {
    match b.number() {
        Number::Int(i) => json_int(i).unwrap_or_else(|| json!(b.value)),
        Number::Float(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => json!(x as i64),
        Number::Float(x) => json!(x),
    }
}

fn apply_rule(m: &mut Map<String, Value>, rule: &Rule, kind: &TypeKind) {
    let is_list = matches!(kind, TypeKind::List { .. });
    match rule {
        Rule::Range { min, max } => {
            if let Some(lo) = min {
                let key = if lo.inclusive { "minimum" } else { "exclusiveMinimum" };
                m.remove("minimum");
                m.insert(key.into(), number(lo));
            }
            if let Some(hi) = max {
                let key = if hi.inclusive { "maximum" } else { "exclusiveMaximum" };
                m.remove("maximum");
                m.insert(key.into(), number(hi));
            }
        }
        Rule::Length { min, max } => {
            let (lo, hi) = if is_list { ("minItems", "maxItems") } else { ("minLength", "maxLength") };
            if let Some(a) = min {
                m.insert(lo.into(), json!(a));
            }
            if let Some(b) = max {
                m.insert(hi.into(), json!(b));
            }
        }
        Rule::Pattern { regex } => match ecma::pattern(regex) {
            Some(p) => push_pattern(m, &format!("^(?:{p})$")),
            None => note_unchecked(m, rule),
        },
        Rule::Key { bytes, encodings } => {
            let alts: Vec<String> = encodings
                .iter()
                .map(|e| match e {
                    KeyEncoding::Hex => format!("[0-9a-fA-F]{{{}}}", e.encoded_len(*bytes)),
                    KeyEncoding::Base64 => {
                        let chars = (*bytes as usize * 4).div_ceil(3);
                        let pad = e.encoded_len(*bytes) as usize - chars;
                        format!("[A-Za-z0-9+/]{{{chars}}}{}", "=".repeat(pad))
                    }
                })
                .collect();
            push_pattern(m, &format!("^(?:{})$", alts.join("|")));
        }
        Rule::Schemes { schemes } => {
            let words: Vec<&str> = schemes.iter().map(|s| s.as_ref()).collect();
            let pattern = format!("^(?:{}):\\/\\/", ecma::any_case(&words));
            if is_list {
                items(m).insert("pattern".into(), json!(pattern));
            } else {
                push_pattern(m, &pattern);
            }
        }
        Rule::NonEmpty => {
            m.insert("minItems".into(), json!(1));
        }
        Rule::ItemPattern { regex } => match ecma::pattern(regex) {
            Some(p) => {
                items(m).insert("pattern".into(), json!(format!("^(?:{p})$")));
            }
            None => note_unchecked(m, rule),
        },
        Rule::Forbid { values } => {
            let vals: Vec<Value> = values.iter().map(|v| json!(v)).collect();
            if is_list {
                items(m).insert("not".into(), json!({ "enum": vals }));
            } else {
                m.insert("not".into(), json!({ "enum": vals }));
            }
        }
        Rule::Custom { .. } => {}
        _ => {}
    }
}

/// Adds a pattern; a second one goes into `allOf` so both apply.
fn push_pattern(m: &mut Map<String, Value>, pattern: &str) {
    if m.contains_key("pattern") {
        let all = m.entry("allOf").or_insert_with(|| json!([]));
        if let Value::Array(a) = all {
            a.push(json!({ "pattern": pattern }));
        }
    } else {
        m.insert("pattern".into(), json!(pattern));
    }
}

fn items(m: &mut Map<String, Value>) -> &mut Map<String, Value> {
    let items = m.entry("items").or_insert_with(|| json!({}));
    if !items.is_object() {
        *items = json!({});
    }
    items.as_object_mut().expect("just made an object")
}

/// A rule JSON Schema cannot state exactly (a pattern in syntax ECMA-262 lacks): said in a
/// comment, checked at load time.
fn note_unchecked(m: &mut Map<String, Value>, rule: &Rule) {
    add_comment(m, &format!("also checked at load time: {rule}"));
}

/// Adds to the `$comment` of a subschema.
fn add_comment(m: &mut Map<String, Value>, note: &str) {
    let comment = match m.get("$comment").and_then(Value::as_str) {
        Some(c) => format!("{c}; {note}"),
        None => note.to_owned(),
    };
    m.insert("$comment".into(), json!(comment));
}

/// A condition as a subschema. An `Equals` that the variable's default satisfies also holds
/// when the variable is unset, as the loader decides it ([`Condition::holds`] over the
/// schema's defaults).
fn condition(c: &Condition, schema: &ConfigSchema) -> Value {
    match c {
        Condition::Equals { variable, values } => {
            let var = schema.variable(variable);
            let kind = var.map(|v| &v.value_type.kind).unwrap_or(&TypeKind::String);
            let mut vals: Vec<Value> = values.iter().map(|x| typed(kind, x)).collect();
            vals.dedup();
            let set = json!({ "required": [variable], "properties": { variable.as_ref(): { "enum": vals } } });
            if c.holds(&schema.defaults()) {
                json!({ "anyOf": [{ "not": { "required": [variable] } }, set] })
            } else {
                set
            }
        }
        Condition::Set { variable } => json!({ "required": [variable] }),
        Condition::Any { conditions } => {
            json!({ "anyOf": conditions.iter().map(|c| condition(c, schema)).collect::<Vec<_>>() })
        }
        Condition::All { conditions } => {
            json!({ "allOf": conditions.iter().map(|c| condition(c, schema)).collect::<Vec<_>>() })
        }
        _ => json!(true),
    }
}

/// The condition "the deployment profile is `profile`", or `None` when no variable selects it.
fn profile_condition(schema: &ConfigSchema, profile: &str) -> Option<Value> {
    let p = schema.profile.as_ref()?;
    let kind = schema.variable(&p.variable).map(|v| &v.value_type.kind);
    let spelled = kind.and_then(|k| k.canonical(profile)).unwrap_or_else(|| profile.to_owned());
    let set = json!({ "required": [p.variable], "properties": { p.variable.as_str(): { "const": spelled } } });
    if p.default.as_deref().is_some_and(|d| profile_name(kind, d) == profile) {
        Some(json!({ "anyOf": [{ "not": { "required": [p.variable] } }, set] }))
    } else {
        Some(set)
    }
}

/// A raw environment value as the typed JSON value the loader would read, or the raw text
/// when it does not parse (so that the schema rejects it). Spellings are read by the grammars
/// the loader's parsers use (`envspec::schema::spelling`).
pub fn typed(kind: &TypeKind, raw: &str) -> Value {
    let s = raw.trim();
    match kind {
        TypeKind::Boolean { strict } => parse_bool(raw, *strict).map(Value::Bool).unwrap_or_else(|| json!(raw)),
        TypeKind::Integer { .. } => parse_integer(raw).and_then(json_int).unwrap_or_else(|| json!(raw)),
        TypeKind::Float { .. } => match s.parse::<f64>() {
            Ok(x) if x.is_finite() => json!(x),
            _ => json!(raw),
        },
        TypeKind::Enum { .. } => json!(kind.canonical(raw).unwrap_or_else(|| raw.to_owned())),
        TypeKind::List { item, separator, .. } => match split_items(raw, separator.as_deref()) {
            Ok(items) => Value::Array(items.iter().map(|i| typed(item, i)).collect()),
            Err(_) => json!(raw),
        },
        TypeKind::Json => serde_json::from_str(s).unwrap_or_else(|_| json!(raw)),
        TypeKind::Url | TypeKind::Duration { .. } | TypeKind::IpAddr | TypeKind::SocketAddr => json!(s),
        _ => json!(raw),
    }
}

/// An env file's values as an instance of the schema: declared variables (and their aliases)
/// typed as the loader reads them; empty values dropped, as the loader treats them as unset.
pub fn instance_from_env<'a>(schema: &ConfigSchema, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Value {
    let mut out = Map::new();
    let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
    for v in &schema.variables {
        let hit = std::iter::once(v.name.as_str())
            .chain(v.aliases.iter().map(String::as_str))
            .find_map(|n| pairs.iter().rev().find(|(k, _)| *k == n).map(|(_, val)| *val));
        if let Some(raw) = hit {
            if raw.is_empty() {
                continue;
            }
            out.insert(v.name.clone(), typed(&v.value_type.kind, raw));
        }
    }
    // Undeclared variables are strings (name rules may forbid them); empty ones are unset.
    for (k, raw) in pairs {
        if !raw.is_empty() && schema.variable_read_as(k).is_none() {
            out.insert(k.to_owned(), Value::String(raw.to_owned()));
        }
    }
    Value::Object(out)
}
