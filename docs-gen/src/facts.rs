//! Facts about a variable that every renderer states the same way: its valid values, its
//! default, and what each deployment profile demands of it.

use envspec::schema::{
    Bound, Condition, ConfigSchema, DefaultValue, NameRule, Number, ProfileRuleKind, Rule, Severity, TypeKind, Variable,
};

/// The type phrase followed by every rule phrase: `non-negative integer, 1–65535`. An
/// unsigned integer whose only lower bound is `> 0` or `≥ 1` reads `positive integer`.
pub fn valid_values(v: &Variable) -> String {
    let (kind, rules) = type_and_rules(v);
    let mut parts = vec![kind];
    parts.extend(rules.iter().map(|r| r.to_string()));
    parts.join(", ")
}

/// The type phrase and the rules still worth stating beside it: an unsigned integer whose
/// lower bound is `> 0` or `≥ 1` (and no upper one in the same rule) is a `positive integer`;
/// one with any other declared lower bound is an `integer` of that range.
pub fn type_and_rules(v: &Variable) -> (String, Vec<Rule>) {
    let mut rules = v.rules.clone();
    if !matches!(v.value_type.kind, TypeKind::Integer { signed: false, .. }) {
        return (v.value_type.to_string(), rules);
    }
    let positive = |b: &Bound| matches!((b.number(), b.inclusive), (Number::Int(0), false) | (Number::Int(1), true));
    if let Some(i) = rules.iter().position(|r| matches!(r, Rule::Range { min: Some(b), max: None } if positive(b))) {
        rules.remove(i);
        return ("positive integer".to_owned(), rules);
    }
    if rules.iter().any(|r| matches!(r, Rule::Range { min: Some(_), .. })) {
        return ("integer".to_owned(), rules);
    }
    (v.value_type.to_string(), rules)
}

/// The default as shown to an operator, or `None` when the variable has none.
pub fn default_text(v: &Variable) -> Option<String> {
    match &v.default {
        None => None,
        Some(DefaultValue::Hidden) => Some("(set, hidden)".to_string()),
        Some(DefaultValue::TypeDefault { value: None }) => Some("(type default)".to_string()),
        Some(DefaultValue::TypeDefault { value: Some(s) }) if s.is_empty() => Some("(empty)".to_string()),
        Some(DefaultValue::Literal { value }) if value.is_empty() => Some("(empty)".to_string()),
        Some(d) => d.display(),
    }
}

/// The default spelled as a value that can be written back into the environment: literal
/// and type defaults only (templates and references are computed at load time).
pub fn default_literal(v: &Variable) -> Option<&str> {
    if v.secret {
        return None;
    }
    match &v.default {
        Some(DefaultValue::Literal { value }) => Some(value),
        Some(DefaultValue::TypeDefault { value: Some(value) }) => Some(value),
        _ => None,
    }
}

/// Whether a deployment in `profile` must give `v` a value itself: it is required with nothing
/// set (under the conditions that hold by default), or a rule of `profile` asks for a value
/// and breaking it is an error there (`required_in`, `dev_default`, `not_default_in`).
pub fn must_set_in(v: &Variable, schema: &ConfigSchema, profile: &str) -> bool {
    if always_required(v, schema) {
        return true;
    }
    let read = v.read_when.as_ref().is_none_or(|c| c.holds(&schema.defaults()));
    let conditional = required_when(v).is_some_and(|c| c.holds(&schema.defaults()));
    read && (conditional
        || v.profile_rules.iter().any(|r| r.kind.asks_for_a_value() && r.severity_in(profile) == Some(Severity::Error)))
}

/// Whether `profile` refuses the default of `v` as an error: `not_default_in`, or
/// `forbidden_in` with a default that is set (a boolean's `false` passes).
pub fn default_refused_in(v: &Variable, profile: &str) -> bool {
    v.profile_rules.iter().any(|r| {
        r.severity_in(profile) == Some(Severity::Error)
            && match r.kind {
                ProfileRuleKind::NotDefaultIn => true,
                ProfileRuleKind::ForbiddenIn => default_literal(v).is_some_and(|d| {
                    !matches!(v.value_type.kind, TypeKind::Boolean { .. })
                        || envspec::schema::spelling::parse_bool(d, false) != Some(false)
                }),
                _ => false,
            }
    })
}

/// Whether the default or an example of `v` holds credentials: a URL with a password.
pub fn carries_credentials(v: &Variable) -> bool {
    let holds = |text: &str| envspec::mask_url_credentials(text) != text;
    default_literal(v).is_some_and(holds) || v.examples.iter().any(|e| holds(e))
}

/// What one profile demands of one variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demand {
    /// `must be set`, `must be changed from its default`, `must be 1–10`.
    pub what: String,
    /// Whether breaking it fails the load (otherwise: a warning).
    pub error: bool,
}

/// Every profile the schema knows, in docs order: the profile selector's list, or the
/// built-in profiles plus any that profile rules name.
pub fn profiles(schema: &ConfigSchema) -> Vec<String> {
    let mut out: Vec<String> = match &schema.profile {
        Some(p) => p.profiles.clone(),
        None => envspec::schema::BUILTIN_PROFILES.iter().map(|p| p.to_string()).collect(),
    };
    for v in &schema.variables {
        for r in &v.profile_rules {
            for p in r.profiles.iter().chain(r.warn_profiles.iter()) {
                if !out.iter().any(|q| q.eq_ignore_ascii_case(p)) {
                    out.push(p.to_string());
                }
            }
        }
    }
    out
}

/// The profiles the profile variable can select: those its type can spell (an enum's values),
/// in docs order; every known profile when it takes any text or there is none.
pub fn selectable_profiles(schema: &ConfigSchema) -> Vec<String> {
    let all = profiles(schema);
    let Some(kind) = schema.profile.as_ref().and_then(|p| schema.variable(&p.variable)).map(|v| &v.value_type.kind)
    else {
        return all;
    };
    match kind {
        TypeKind::Enum { .. } => all.into_iter().filter(|p| kind.canonical(p).is_some()).collect(),
        _ => all,
    }
}

/// Whether any variable has a rule that depends on the profile.
pub fn has_profile_rules(schema: &ConfigSchema) -> bool {
    schema.variables.iter().any(|v| !v.profile_rules.is_empty())
}

/// Whether a load with nothing set fails for want of `v`: it is required and, when it is read
/// only under a condition (a backend group, `read_if`), that condition holds by default. The
/// condition is decided by the loader's own rule, [`Condition::holds`](envspec::schema::Condition::holds).
pub fn always_required(v: &Variable, schema: &ConfigSchema) -> bool {
    v.required && v.read_when.as_ref().is_none_or(|c| c.holds(&schema.defaults()))
}

/// What `profile` demands of `v` beyond its type and rules; empty when nothing. Each demand
/// is phrased by severity (`must …` for an error, `should …` for a warning), as the loader
/// phrases it; `not_default_in` implies `required_in` at the same severity and replaces it.
pub fn demands(v: &Variable, schema: &ConfigSchema, profile: &str) -> Vec<Demand> {
    let mut out = Vec::new();
    if always_required(v, schema) {
        out.push(Demand { what: "must be set".into(), error: true });
    }
    let not_default = v
        .profile_rules
        .iter()
        .filter(|r| matches!(r.kind, ProfileRuleKind::NotDefaultIn))
        .filter_map(|r| r.severity_in(profile))
        .max();
    for rule in &v.profile_rules {
        let Some(severity) = rule.severity_in(profile) else { continue };
        if matches!(rule.kind, ProfileRuleKind::RequiredIn) && not_default.is_some_and(|s| s >= severity) {
            continue;
        }
        out.push(Demand { what: rule.demand(severity, &v.value_type.kind), error: severity == Severity::Error });
    }
    out
}

/// Whether `o` belongs to the optional group at path `group` (its own, or one nested in it).
fn group_contains(group: Option<&str>, o: &Variable) -> bool {
    match (group, o.all_or_nothing.as_deref()) {
        (Some(g), Some(h)) => h == g || h.strip_prefix(g).is_some_and(|rest| rest.starts_with('.')),
        _ => false,
    }
}

/// The condition under which the variable is required (`A=x or B is set`), if any.
pub fn required_when(v: &Variable) -> Option<Condition> {
    let mut parts: Vec<Condition> = v.required_if.clone();
    parts.extend(v.required_with.iter().map(|w| Condition::Set { variable: w.clone().into() }));
    Condition::any_of(parts)
}

/// When a variable must be set: everywhere, in some profiles, or under conditions.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    /// A load with nothing set fails for want of it.
    pub always: bool,
    /// Profiles in which it must be set (or changed from its default).
    pub profiles: Vec<String>,
    /// Profiles in which leaving it unset is only a warning: a recommendation, never a
    /// requirement.
    pub recommended: Vec<String>,
    /// Conditions under which it must be set.
    pub conditions: Vec<Condition>,
    /// The optional group it is required with: when another variable of it is set.
    pub group: Option<String>,
    /// The components it is required for (`required_for`), in the whole configuration's view.
    pub components: Vec<String>,
}

impl Requirement {
    /// What `schema` demands of `v`.
    pub fn of(v: &Variable, schema: &ConfigSchema) -> Self {
        let always = always_required(v, schema);
        let asking = |p: &str, severity: Severity| {
            v.profile_rules.iter().any(|r| r.kind.asks_for_a_value() && r.severity_in(p) == Some(severity))
        };
        let known = profiles(schema);
        let profiles = known.iter().filter(|p| asking(p, Severity::Error)).cloned().collect();
        let recommended =
            known.iter().filter(|p| asking(p, Severity::Warning) && !asking(p, Severity::Error)).cloned().collect();
        let mut conditions = Vec::new();
        if v.required {
            conditions.extend(v.read_when.clone());
        }
        // An optional group's members require each other: said once, as the group.
        let in_group = |name: &str| {
            let g = v.all_or_nothing.as_deref();
            schema.variable(name).is_some_and(|o| o.all_or_nothing.is_some() && group_contains(g, o))
        };
        let group = v.required_with.iter().any(|w| in_group(w)).then(|| v.all_or_nothing.clone()).flatten();
        let mut parts: Vec<Condition> = v.required_if.clone();
        parts.extend(
            v.required_with.iter().filter(|w| !in_group(w)).map(|w| Condition::Set { variable: w.clone().into() }),
        );
        conditions.extend(Condition::any_of(parts));
        Requirement { always, profiles, recommended, conditions, group, components: v.required_for.clone() }
    }

    /// Required in at least one profile whatever else is set.
    pub fn in_some_profile(&self) -> bool {
        self.always || !self.profiles.is_empty()
    }

    /// Never required (it may still be recommended).
    pub fn is_none(&self) -> bool {
        !self.always
            && self.profiles.is_empty()
            && self.conditions.is_empty()
            && self.group.is_none()
            && self.components.is_empty()
    }

    /// `yes`, `no`, or `in production; when A=x`, with prose and conditions passed through
    /// `prose` and `condition` (markdown escapes the one and code-spans each variable of the
    /// other). A recommendation reads `no (recommended in production)`.
    pub fn render(&self, prose: &dyn Fn(&str) -> String, condition: &dyn Fn(&Condition) -> String) -> String {
        if self.always {
            return prose("yes");
        }
        let mut parts = Vec::new();
        if !self.profiles.is_empty() {
            parts.push(prose(&format!("in {}", self.profiles.join(", "))));
        }
        parts.extend(self.conditions.iter().map(|c| format!("{}{}", prose("when "), condition(c))));
        if let Some(g) = &self.group {
            parts.push(prose(&format!("when another {g} setting is set (all or nothing)")));
        }
        if !self.components.is_empty() {
            parts.push(prose(&format!("for the {} component", self.components.join(", "))));
        }
        let recommended =
            (!self.recommended.is_empty()).then(|| format!("recommended in {}", self.recommended.join(", ")));
        match (parts.is_empty(), recommended) {
            (true, None) => prose("no"),
            (true, Some(r)) => prose(&format!("no ({r})")),
            (false, None) => parts.join(&prose("; ")),
            (false, Some(r)) => format!("{}{}", parts.join(&prose("; ")), prose(&format!("; {r}"))),
        }
    }

    /// [`render`](Self::render) as plain text: `yes`, `no`, `in production`, `when …`.
    pub fn text(&self) -> String {
        self.render(&|s: &str| s.to_string(), &|c: &Condition| c.to_string())
    }
}

/// What the components ask of `v`, in plain text, in the view of the whole configuration:
/// `Read by backend, worker; required for worker; default for cli: x`. `None` when it is read
/// by every component with nothing particular.
pub fn components_text(v: &Variable) -> Option<String> {
    let mut parts = Vec::new();
    if !v.components.is_empty() {
        parts.push(format!("Read by {}", v.components.join(", ")));
    }
    if !v.required_for.is_empty() {
        parts.push(format!("required for {}", v.required_for.join(", ")));
    }
    for d in &v.default_for {
        parts.push(format!("default for {}: {}", d.component, d.value));
    }
    if parts.is_empty() {
        return None;
    }
    let text = parts.join("; ");
    let mut chars = text.chars();
    Some(chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default())
}

/// What the comments of `.env.example` and `config.example.toml` say of `v` after its
/// description, one fact a line, in plain text; `empty` is how the format spells an empty
/// value (`NAME=`, `key = ""`).
pub fn comment_facts(v: &Variable, schema: &ConfigSchema, empty: &str) -> Vec<String> {
    let mut lines = vec![format!("Type: {}", valid_values(v))];
    if v.secret {
        lines.push("Secret: never commit a real value".into());
    }
    if v.bootstrap {
        lines.push("Bootstrap-only".into());
    }
    let requirement = Requirement::of(v, schema);
    if !requirement.is_none() || !requirement.recommended.is_empty() {
        lines.push(format!("Required: {}", requirement.text()));
    }
    match &v.default {
        Some(_) if default_literal(v).is_none() => {
            if let Some(d) = default_text(v) {
                lines.push(format!("Default: {d}"));
            }
        }
        _ => {}
    }
    if let Some(note) = &v.deprecated {
        lines.push(format!("Deprecated: {}", crate::text::markdown_plain(note)));
    }
    if let Some(read) = &v.read_when {
        lines.push(format!("Read only when {read}"));
    }
    if !v.fallback.is_empty() {
        let then = match default_text(v) {
            Some(d) => format!(", then its default {d}"),
            None => String::new(),
        };
        lines.push(format!("Unset: falls back to {}{then}", v.fallback.join(", then ")));
    }
    if !v.aliases.is_empty() {
        lines.push(format!("Also read from the environment as {}", v.aliases.join(", ")));
    }
    if let Some(file) = &v.file_variable {
        lines.push(format!("{file} may name a file holding the value"));
    }
    if v.on_invalid_default {
        lines.push("An invalid value gives way to the default, with a warning".to_owned());
    }
    if v.empty_is_value {
        lines.push(format!("An empty value ({empty}) is a value, not unset"));
    }
    if let Some(values) = v.value_type.enum_values() {
        for e in values.iter().filter(|e| !e.description.is_empty()) {
            lines.push(format!("{}: {}", e.name, crate::text::markdown_plain(&e.description).replace('\n', " ")));
        }
    }
    if let Some(p) = profiles(schema).iter().find(|p| *p == "production") {
        let ds: Vec<String> = demands(v, schema, p)
            .into_iter()
            .filter(|d| !(always_required(v, schema) && d.what == "must be set"))
            .map(|d| d.what)
            .collect();
        if !ds.is_empty() {
            lines.push(format!("Production: {}", ds.join("; ")));
        }
    }
    if let Some(g) = &v.generate {
        lines.push(format!("Generate with: {g}"));
    }
    if let Some(c) = components_text(v) {
        lines.push(c);
    }
    if !v.examples.is_empty() && !v.secret {
        lines.push(format!("Example: {}", v.examples.join(", ")));
    }
    lines
}

/// Whether a `forbid_names` rule makes setting `name` an error in `profile`.
pub fn name_forbidden_in(schema: &ConfigSchema, name: &str, profile: &str) -> bool {
    schema
        .name_rules
        .iter()
        .any(|r| r.severity_in(Some(profile)) == Some(Severity::Error) && r.matching(name).is_some())
}

/// Where a `forbid_names` rule applies, after "may be set": `in production (a warning in
/// staging)`, `in any profile`.
pub fn name_rule_profiles(rule: &NameRule) -> String {
    if rule.everywhere() {
        return "in any profile".to_owned();
    }
    let errors: Vec<&str> = rule
        .profiles
        .iter()
        .map(|p| p.as_ref())
        .filter(|p| rule.severity_in(Some(p)) == Some(Severity::Error))
        .collect();
    let warns: Vec<&str> = rule.warn_profiles.iter().map(|p| p.as_ref()).collect();
    match (errors.is_empty(), warns.is_empty()) {
        (false, true) => format!("in {}", errors.join(", ")),
        (false, false) => format!("in {} (a warning in {})", errors.join(", "), warns.join(", ")),
        _ => format!("in {} (a warning only)", warns.join(", ")),
    }
}

/// A name fit for a Kubernetes object or a file: `orcheo-settings`.
pub fn slug(name: &str) -> String {
    use heck::ToKebabCase;
    name.to_kebab_case()
}
