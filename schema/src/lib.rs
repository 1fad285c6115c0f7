//! The data model of a configuration.
//!
//! A [`ConfigSchema`] is what `#[derive(EnvConfig)]` knows about a configuration, as plain
//! serializable data: every variable with its name, type, default, markers, rules and
//! conditions. The runtime enforces it, `docs-gen` renders it, and other tools can read it
//! as JSON. Nothing here depends on the macro or on how values are parsed.
//!
//! Rules and conditions use [`Text`] and [`List`] (copy-on-write) so the derive can build them
//! in `static` tables without allocating, while deserialized schemas own their data.

#![warn(missing_docs)]

mod condition;
mod profile;
mod rule;
pub mod spelling;
pub mod template;
mod value_type;

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

pub use condition::{Condition, Lookup, Observed};
pub use profile::{BUILTIN_PROFILES, NameRule, ProfileRule, ProfileRuleKind, ProfileSchema, Severity, profile_name};
pub use rule::{Bound, KeyEncoding, Number, Rule, demand};
pub use value_type::{EnumValue, TypeKind, ValueType};

/// Borrowed in static tables, owned after deserialization.
pub type Text = Cow<'static, str>;
/// Borrowed in static tables, owned after deserialization.
pub type List<T> = Cow<'static, [T]>;

/// A whole configuration: the root struct and everything nested in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConfigSchema {
    /// The Rust type name of the root struct.
    pub name: String,
    /// First line of the root struct's doc comment.
    pub title: String,
    /// The rest of the root struct's doc comment (markdown).
    pub description: String,
    /// Prefix shared by the configuration's variables (may be empty).
    pub prefix: String,
    /// The variable that selects the deployment profile, if one is declared.
    pub profile: Option<ProfileSchema>,
    /// Every variable, in declaration order (nested structs expanded in place).
    pub variables: Vec<Variable>,
    /// Backend groups: sets of variables read only when a selector has a given value.
    pub groups: Vec<Group>,
    /// Struct-level checks that span several variables.
    pub checks: Vec<Check>,
    /// Name prefixes that belong to the configuration (the prefix, then every `claims`): an
    /// undeclared variable under one is reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
    /// Rules over the names of set variables (`forbid_names("TEST_*", only_in = production)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub name_rules: Vec<NameRule>,
    /// The components (processes) that read this configuration: API, worker, CLI.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
    /// The component this schema is the view of ([`ConfigSchema::for_component`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
}

/// One environment variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Variable {
    /// The full name, prefix included.
    pub name: String,
    /// Other accepted names, tried in order after `name`.
    pub aliases: Vec<String>,
    /// The Rust field path, such as `s3.bucket_name`.
    pub path: String,
    /// Its key in a TOML configuration file: the field path with flattened structs left out.
    #[serde(default)]
    pub key: String,
    /// The docs section the variable belongs to.
    pub section: Option<String>,
    /// The doc comment (markdown).
    pub description: String,
    /// What the value looks like.
    pub value_type: ValueType,
    /// What applies when the variable is unset.
    pub default: Option<DefaultValue>,
    /// Whether a load fails when the variable is unset (in every profile).
    pub required: bool,
    /// The value is never printed: not in Debug, errors, reports or generated documents.
    pub secret: bool,
    /// May come only from the environment, never from a runtime overlay.
    pub bootstrap: bool,
    /// Set when the variable is deprecated: what to use instead.
    pub deprecated: Option<String>,
    /// Example values (never real secrets).
    pub examples: Vec<String>,
    /// How to produce a value, such as `openssl rand -hex 32`.
    pub generate: Option<String>,
    /// The components (processes) that read the variable (`components(api, worker)`); empty:
    /// every component.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
    /// The components for which it is required (`required_for(worker)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_for: Vec<String>,
    /// Defaults that apply for one component only (`default_for(cli = "...")`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub default_for: Vec<ComponentDefault>,
    /// The `<NAME>_FILE` variable that may hold the value instead, when accepted.
    pub file_variable: Option<String>,
    /// Constraints on the value.
    pub rules: Vec<Rule>,
    /// The variable is required when any of these holds.
    pub required_if: Vec<Condition>,
    /// The variable is required when any of these variables is set.
    pub required_with: Vec<String>,
    /// Rules that depend on the deployment profile.
    pub profile_rules: Vec<ProfileRule>,
    /// Variables read in order when this one is unset.
    pub fallback: Vec<String>,
    /// The variable is read only when this holds (`read_if`, backend groups).
    pub read_when: Option<Condition>,
    /// An empty value (`VAR=`) is a value rather than unset (`empty = "value"`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub empty_is_value: bool,
    /// An invalid value gives way to the default, with a warning (`on_invalid = "default"`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_invalid_default: bool,
    /// Who sets it.
    #[serde(default, skip_serializing_if = "Role::is_operator")]
    pub role: Role,
    /// The field path of the optional group (`Option<Struct>`) it belongs to: all or nothing.
    /// Its variables that would be required are required when another of the group is set
    /// (each such condition is in `required_if`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_or_nothing: Option<String>,
}

/// Who sets a variable: the operator (most variables), or not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// The operator of a deployment sets it.
    #[default]
    Operator,
    /// The program sets it for itself (for a process it starts): documented, never offered in
    /// `.env.example` or manifests, and a warning when an operator sets it in a file.
    Internal,
    /// Declared but not read yet: it has no effect, and setting it is a warning.
    Reserved,
    /// A framework or platform sets it (`Vercel`, `Kubernetes`): documented, never in
    /// manifests.
    SetBy {
        /// Who sets it.
        by: Text,
    },
    /// Only tests set it: documented, never in manifests.
    TestOnly,
}

impl Role {
    fn is_operator(&self) -> bool {
        matches!(self, Role::Operator)
    }

    /// Whether a deployment artefact (a manifest, `.env.example`) may offer the variable.
    pub fn in_manifests(&self) -> bool {
        matches!(self, Role::Operator)
    }

    /// The marker documents show, for a variable that is not the operator's.
    pub fn marker(&self) -> Option<String> {
        Some(match self {
            Role::Operator => return None,
            Role::Internal => "Internal: the program sets it for itself".to_owned(),
            Role::Reserved => "Reserved: declared, not read yet".to_owned(),
            Role::SetBy { by } => format!("Set by {by}"),
            Role::TestOnly => "Test only".to_owned(),
        })
    }

    /// Why a deployment that sets the variable is mistaken, said after its name.
    pub fn why_not_set(&self) -> Option<String> {
        Some(match self {
            Role::Operator => return None,
            Role::Internal => "is set by the program itself; a value given here overrides it".to_owned(),
            Role::Reserved => "is reserved: it is not read yet, so a value has no effect".to_owned(),
            Role::SetBy { by } => format!("is set by {by}; a value given here overrides it"),
            Role::TestOnly => "is for tests only".to_owned(),
        })
    }
}

/// What applies when a variable is unset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DefaultValue {
    /// A literal, spelled as it would be in the environment.
    Literal {
        /// The default's spelling.
        value: String,
    },
    /// The default of a secret: it exists, but is not printed.
    Hidden,
    /// The type's `Default::default`, with its spelling when the type can print it.
    TypeDefault {
        /// Its spelling, when the type can print it.
        value: Option<String>,
    },
    /// Computed from other variables, such as `{OAUTH_REDIRECT_BASE_URL}/oauth/consent`.
    Template {
        /// The template, naming variables: `{API_URL|trim_suffix:/api}`.
        template: String,
    },
    /// The value of another variable.
    SameAs {
        /// The variable whose value it takes.
        variable: String,
    },
}

impl DefaultValue {
    /// How the default reads in a table cell or comment (`None` when there is nothing to show).
    pub fn display(&self) -> Option<String> {
        match self {
            DefaultValue::Literal { value } => Some(value.clone()),
            DefaultValue::Hidden => None,
            DefaultValue::TypeDefault { value } => value.clone(),
            DefaultValue::Template { template } => Some(template.clone()),
            DefaultValue::SameAs { variable } => Some(format!("value of {variable}")),
        }
    }
}

/// A backend group: variables read only when a selector variable has a given value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Group {
    /// The selector variable, such as `ORCHEO_VAULT_BACKEND`.
    pub selector: String,
    /// The selector's value that picks this group.
    pub value: String,
    /// The variables of the group.
    pub variables: Vec<String>,
}

/// A default for one component (`default_for(cli = "http://localhost:8000")`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComponentDefault {
    /// The component.
    pub component: String,
    /// The default, spelled as in the environment.
    pub value: String,
}

impl ComponentDefault {
    /// `value` is the default for `component`.
    pub fn new(component: impl Into<String>, value: impl Into<String>) -> Self {
        ComponentDefault { component: component.into(), value: value.into() }
    }
}

/// A struct-level check spanning several variables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Check {
    /// What the check enforces, in words.
    pub description: String,
}

impl Check {
    /// A check described as `description`.
    pub fn new(description: impl Into<String>) -> Self {
        Check { description: description.into() }
    }
}

impl Group {
    /// The group picked when `selector` is `value`.
    pub fn new(selector: impl Into<String>, value: impl Into<String>, variables: Vec<String>) -> Self {
        Group { selector: selector.into(), value: value.into(), variables }
    }
}

impl ConfigSchema {
    /// An empty schema for the named type; the runtime fills it.
    pub fn new(name: impl Into<String>) -> Self {
        ConfigSchema {
            name: name.into(),
            title: String::new(),
            description: String::new(),
            prefix: String::new(),
            profile: None,
            variables: Vec::new(),
            groups: Vec::new(),
            checks: Vec::new(),
            claims: Vec::new(),
            name_rules: Vec::new(),
            components: Vec::new(),
            component: None,
        }
    }

    /// The configuration as one component reads it: only the variables it reads, required
    /// where `required_for` names it, with its `default_for` defaults. The loader's
    /// `.component(name)` reads by the same rules; every document of a component is
    /// rendered from this view. `None` when the configuration declares no such component.
    pub fn for_component(&self, component: &str) -> Option<ConfigSchema> {
        let name = self.components.iter().find(|c| c.eq_ignore_ascii_case(component))?.clone();
        let mut view = self.clone();
        view.variables.retain(|v| v.read_by(&name));
        for v in &mut view.variables {
            if let Some(d) = v.default_for.iter().find(|d| d.component == name) {
                v.default = Some(DefaultValue::Literal { value: d.value.clone() });
            }
            if v.required_for.contains(&name) && v.default_for.iter().all(|d| d.component != name) {
                v.required = true;
            }
            v.components.clear();
            v.required_for.clear();
            v.default_for.clear();
        }
        let kept: Vec<String> = view.variables.iter().map(|v| v.name.clone()).collect();
        for g in &mut view.groups {
            g.variables.retain(|n| kept.contains(n));
        }
        view.component = Some(name);
        Some(view)
    }

    /// The variable with this name (aliases are not searched).
    pub fn variable(&self, name: &str) -> Option<&Variable> {
        self.variables.iter().find(|v| v.name == name)
    }

    /// The variable read under `name`: its own name, an alias, or its `_FILE` variable.
    pub fn variable_read_as(&self, name: &str) -> Option<&Variable> {
        self.variable(name).or_else(|| {
            self.variables
                .iter()
                .find(|v| v.aliases.iter().any(|a| a == name) || v.file_variable.as_deref() == Some(name))
        })
    }

    /// The schema as conditions see it when nothing is set: every variable at its literal
    /// default. Renderers decide "required when nothing is set" and "this condition holds by
    /// default" through it, with the loader's own [`Condition::holds`].
    pub fn defaults(&self) -> impl Lookup + '_ {
        Defaults(self)
    }

    /// The sections in first-use order; variables without a section come first under `None`.
    pub fn sections(&self) -> Vec<Option<&str>> {
        let mut out: Vec<Option<&str>> = Vec::new();
        for v in &self.variables {
            let s = v.section.as_deref();
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}

struct Defaults<'a>(&'a ConfigSchema);

impl Lookup for Defaults<'_> {
    fn observe(&self, variable: &str) -> Observed<'_> {
        match self.0.variable(variable).and_then(|v| v.default.as_ref()) {
            Some(DefaultValue::Literal { value }) | Some(DefaultValue::TypeDefault { value: Some(value) }) => {
                Observed::Default(std::borrow::Cow::Borrowed(value))
            }
            _ => Observed::Unset,
        }
    }

    fn kind(&self, variable: &str) -> Option<&TypeKind> {
        self.0.variable(variable).map(|v| &v.value_type.kind)
    }
}

impl Variable {
    /// A variable with only a name, path and type; every marker off.
    pub fn new(name: impl Into<String>, path: impl Into<String>, value_type: ValueType) -> Self {
        Variable {
            name: name.into(),
            aliases: Vec::new(),
            path: path.into(),
            key: String::new(),
            section: None,
            description: String::new(),
            value_type,
            default: None,
            required: false,
            secret: false,
            bootstrap: false,
            deprecated: None,
            examples: Vec::new(),
            generate: None,
            components: Vec::new(),
            required_for: Vec::new(),
            default_for: Vec::new(),
            file_variable: None,
            rules: Vec::new(),
            required_if: Vec::new(),
            required_with: Vec::new(),
            profile_rules: Vec::new(),
            fallback: Vec::new(),
            read_when: None,
            empty_is_value: false,
            on_invalid_default: false,
            role: Role::Operator,
            all_or_nothing: None,
        }
    }

    /// Whether `component` reads the variable.
    pub fn read_by(&self, component: &str) -> bool {
        self.components.is_empty() || self.components.iter().any(|c| c == component)
    }

    /// The profiles in which this variable must be set (beyond `required`).
    pub fn required_in(&self) -> impl Iterator<Item = &str> {
        self.profile_rules
            .iter()
            .filter(|r| matches!(r.kind, ProfileRuleKind::RequiredIn))
            .flat_map(|r| r.profiles.iter().map(|p| p.as_ref()))
    }
}
