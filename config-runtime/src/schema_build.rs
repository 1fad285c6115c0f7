//! Builds the [`ConfigSchema`] of a configuration from its resolved model.

use crate::desc::DefaultDesc;
use crate::model::{DefaultOf, Model};
use envspec_schema::{
    Check, ComponentDefault, ConfigSchema, DefaultValue, Group, ProfileRuleKind, ProfileSchema, Rule, Text, Variable,
    template,
};

/// The schema of the configuration `model` resolves.
pub(crate) fn build(model: &Model) -> ConfigSchema {
    let root = model.root;
    let mut schema = ConfigSchema::new(root.name);
    let (title, description) = split_doc(root.doc);
    schema.title = title;
    schema.description = description;
    schema.prefix = root.prefix.to_owned();
    if let Some(p) = model.profile {
        let var = &model.vars[p];
        let default = match var.default {
            DefaultOf::Literal(s) => Some(s.to_owned()),
            _ => None,
        };
        let extra: Vec<&str> = model.profiles.iter().map(String::as_str).collect();
        schema.profile = Some(ProfileSchema::new(var.name.clone(), &extra, default));
    }
    schema.variables = model.vars.iter().map(|var| variable(model, var)).collect();
    schema.groups = model
        .groups
        .iter()
        .map(|g| {
            Group::new(
                model.vars[g.selector].name.clone(),
                g.value,
                model.vars[g.vars.clone()].iter().map(|v| v.name.clone()).collect(),
            )
        })
        .collect();
    let mut checks: Vec<&str> = Vec::new();
    for c in &model.checks {
        if !checks.contains(c) {
            checks.push(c);
        }
    }
    schema.checks = checks.into_iter().map(Check::new).collect();
    schema.claims = model.claimed.clone();
    schema.components = model.components.iter().map(|c| (*c).to_owned()).collect();
    schema.name_rules = model.name_rules.iter().map(|r| (*r).clone()).collect();
    schema
}

fn variable(model: &Model, var: &crate::model::Var) -> Variable {
    let fd = var.field;
    let mut v = Variable::new(var.name.clone(), var.path.clone(), var.value_type.clone());
    v.aliases = var.aliases.clone();
    v.key = var.key.clone();
    v.section = var.section.map(str::to_owned);
    v.description = fd.doc.trim().to_owned();
    v.secret = var.secret;
    v.bootstrap = var.bootstrap;
    v.deprecated = fd.deprecated.map(str::to_owned);
    // A secret's examples would be printed by every document: they are never kept.
    v.examples = if var.secret { Vec::new() } else { fd.examples.iter().map(|e| (*e).to_owned()).collect() };
    v.generate = fd.generate.map(str::to_owned);
    v.components = var.components.iter().map(|c| (*c).to_owned()).collect();
    v.required_for = fd.required_for.iter().map(|c| (*c).to_owned()).collect();
    v.default_for = fd.default_for.iter().map(|(c, d)| ComponentDefault::new(*c, *d)).collect();
    v.default = match &var.default {
        DefaultOf::None => None,
        // An empty default hides nothing: it is shown as empty, not as a hidden value.
        DefaultOf::Literal(s) if var.secret && !s.is_empty() => Some(DefaultValue::Hidden),
        DefaultOf::Literal(s) => Some(DefaultValue::Literal { value: (*s).to_owned() }),
        DefaultOf::TypeDefault => {
            let spelled = match fd.default {
                DefaultDesc::TypeDefault(spell) if !var.secret => spell(),
                _ => None,
            };
            Some(DefaultValue::TypeDefault { value: spelled })
        }
        DefaultOf::Template { template: t, refs } => Some(DefaultValue::Template {
            template: template::map_fields(t, |field| {
                refs.iter()
                    .find(|(f, _)| *f == field)
                    .map_or_else(|| field.to_owned(), |(_, r)| model.vars[*r].name.clone())
            }),
        }),
        DefaultOf::SameAs(other) => Some(DefaultValue::SameAs { variable: model.vars[*other].name.clone() }),
    };
    let dev_default = fd.profile_rules.iter().any(|r| matches!(r.kind, ProfileRuleKind::DevDefault { .. }));
    v.required =
        !var.optional && v.default.is_none() && fd.fallback.is_empty() && !dev_default && var.all_or_nothing.is_none();
    v.all_or_nothing = var.all_or_nothing.clone();
    v.file_variable = var.file.clone();
    v.rules = fd.rules.to_vec();
    if let Some(description) = fd.has_validator {
        v.rules.push(Rule::Custom { description: Text::Borrowed(description) });
    }
    // `required_with(x)` is the condition "x is set"; the schema keeps the two lists apart.
    let with = fd.required_if.len();
    v.required_if = var.required_when[..with].to_vec();
    v.required_with = var.required_when[with..].iter().flat_map(|c| c.variables()).map(str::to_owned).collect();
    v.profile_rules = fd
        .profile_rules
        .iter()
        .map(|r| match &r.kind {
            // A secret's dev default is hidden like its default.
            ProfileRuleKind::DevDefault { .. } if var.secret => {
                let mut r = r.clone();
                r.kind = ProfileRuleKind::DevDefault { value: Text::Borrowed("") };
                r
            }
            _ => r.clone(),
        })
        .collect();
    v.fallback = fd.fallback.iter().map(|f| (*f).to_owned()).collect();
    v.read_when = var.read_when.clone();
    v.empty_is_value = var.empty_is_value;
    v.on_invalid_default = fd.lenient;
    v.role = fd.role.role();
    v
}

/// Splits a doc comment into its first paragraph (the title) and the rest.
pub(crate) fn split_doc(doc: &str) -> (String, String) {
    let doc = doc.trim();
    match doc.split_once("\n\n") {
        Some((title, rest)) => (title.replace('\n', " "), rest.trim().to_owned()),
        None => (doc.replace('\n', " "), String::new()),
    }
}
