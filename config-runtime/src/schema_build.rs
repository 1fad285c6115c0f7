//! Builds the [`ConfigSchema`] of a configuration from its static descriptors.

use crate::ctx::join_path;
use crate::desc::{DefaultDesc, FieldDesc, StructDesc};
use crate::schema::{
    Check, Condition, ConfigSchema, DefaultValue, Group, List, ProfileRuleKind, ProfileSchema, Rule, Text, TypeKind,
    Variable,
};

/// The schema of the configuration rooted at `root`.
pub(crate) fn build(root: &'static StructDesc) -> ConfigSchema {
    let mut schema = ConfigSchema::new(root.name);
    let (title, description) = split_doc(root.doc);
    schema.title = title;
    schema.description = description;
    schema.prefix = root.prefix.to_owned();
    if let Some(i) = root.profile_field() {
        let fd = &root.fields[i];
        let default = match fd.default {
            DefaultDesc::Literal(s) => Some(s.to_owned()),
            _ => None,
        };
        schema.profile = Some(ProfileSchema::new(name(fd, root.prefix), root.profiles, default));
    }
    walk(root, root.prefix, "", root.section, &mut schema);
    schema
}

/// Splits a doc comment into its first paragraph (the title) and the rest.
pub(crate) fn split_doc(doc: &str) -> (String, String) {
    let doc = doc.trim();
    match doc.split_once("\n\n") {
        Some((title, rest)) => (title.replace('\n', " "), rest.trim().to_owned()),
        None => (doc.replace('\n', " "), String::new()),
    }
}

fn name(fd: &FieldDesc, prefix: &str) -> String {
    if fd.no_prefix { fd.name.to_owned() } else { format!("{prefix}{}", fd.name) }
}

fn walk(desc: &'static StructDesc, prefix: &str, path: &str, section: Option<&'static str>, out: &mut ConfigSchema) {
    walk_when(desc, prefix, path, section, None, out)
}

/// Walks `desc`; `when` is the condition under which its variables are read (backend groups).
fn walk_when(
    desc: &'static StructDesc,
    prefix: &str,
    path: &str,
    section: Option<&'static str>,
    when: Option<&Condition>,
    out: &mut ConfigSchema,
) {
    let selector = desc.fields.iter().find(|f| f.selector).map(|f| name(f, prefix));
    for check in desc.checks {
        out.checks.push(Check::new(check.description));
    }
    let sibling =
        |ident: &str| -> String { desc.field(ident).map(|fd| name(fd, prefix)).unwrap_or_else(|| ident.to_owned()) };
    for fd in desc.fields {
        if let Some(nested) = fd.nested {
            let child = (nested.desc)();
            let child_prefix = format!("{prefix}{}", nested.prefix.unwrap_or(child.prefix));
            let child_section = fd.section.or(child.section).or(section);
            let group = match (fd.group_value, &selector) {
                (Some(value), Some(sel)) => {
                    let cond = Condition::Equals {
                        variable: Text::Owned(sel.clone()),
                        values: List::Owned(vec![Text::Borrowed(value)]),
                    };
                    // In a group nested inside another, the inner selector implies the outer one.
                    Some(cond)
                }
                _ => None,
            };
            let first = out.variables.len();
            walk_when(child, &child_prefix, &join_path(path, fd.ident), child_section, group.as_ref().or(when), out);
            if let (Some(value), Some(sel)) = (fd.group_value, &selector) {
                let variables = out.variables[first..].iter().map(|v| v.name.clone()).collect();
                out.groups.push(Group::new(sel.clone(), value, variables));
            }
            continue;
        }
        let ty = (fd.ty)();
        let var_name = name(fd, prefix);
        let mut v = Variable::new(var_name.clone(), join_path(path, fd.ident), ty.value_type);
        v.aliases =
            fd.aliases.iter().map(|a| if fd.no_prefix { (*a).to_owned() } else { format!("{prefix}{a}") }).collect();
        v.section = fd.section.or(section).map(str::to_owned);
        v.description = fd.doc.trim().to_owned();
        v.secret = fd.secret;
        v.bootstrap = fd.bootstrap;
        v.deprecated = fd.deprecated.map(str::to_owned);
        v.examples = fd.examples.iter().map(|e| (*e).to_owned()).collect();
        v.generate = fd.generate.map(str::to_owned);
        v.used_by = fd.used_by.map(str::to_owned);
        v.default = match fd.default {
            DefaultDesc::None => None,
            DefaultDesc::Literal(_) if fd.secret => Some(DefaultValue::Hidden),
            DefaultDesc::Literal(s) => Some(DefaultValue::Literal { value: s.to_owned() }),
            DefaultDesc::TypeDefault(spell) => {
                Some(DefaultValue::TypeDefault { value: if fd.secret { None } else { spell() } })
            }
            DefaultDesc::Template(t) => Some(DefaultValue::Template { template: resolve_template(t, &sibling) }),
            DefaultDesc::SameAs(ident) => Some(DefaultValue::SameAs { variable: sibling(ident) }),
        };
        let dev_default = fd.profile_rules.iter().any(|r| matches!(r.kind, ProfileRuleKind::DevDefault { .. }));
        v.required = !ty.optional && v.default.is_none() && fd.fallback.is_empty() && !dev_default;
        if fd.file_var.unwrap_or(fd.secret) {
            v.file_variable = Some(format!("{var_name}_FILE"));
        }
        v.rules = fd.rules.to_vec();
        if let Some(description) = fd.has_validator {
            v.rules.push(Rule::Custom { description: Text::Borrowed(description) });
        }
        v.required_if = fd.required_if.iter().map(|c| c.map_variables(&mut |i| sibling(i))).collect();
        v.required_with = fd.required_with.iter().map(|i| sibling(i)).collect();
        v.profile_rules = fd.profile_rules.to_vec();
        v.fallback = fd.fallback.iter().map(|f| (*f).to_owned()).collect();
        v.read_when = match fd.read_if {
            [] => when.cloned(),
            [one] => Some(one.map_variables(&mut |i| sibling(i))),
            many => {
                Some(Condition::Any { conditions: many.iter().map(|c| c.map_variables(&mut |i| sibling(i))).collect() })
            }
        };
        if let (Some(sep), TypeKind::List { separator, .. }) = (fd.separator, &mut v.value_type.kind) {
            *separator = Some(sep.to_owned());
        }
        out.variables.push(v);
    }
}

/// `{field}/x` with each field replaced by `{VARIABLE}`.
fn resolve_template(template: &str, sibling: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        match rest[open..].find('}') {
            Some(len) => {
                let (field, filter) = crate::template::split(&rest[open + 1..open + len]);
                out.push('{');
                out.push_str(&sibling(field));
                if let Some(f) = filter {
                    out.push('|');
                    out.push_str(f);
                }
                out.push('}');
                rest = &rest[open + len + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
