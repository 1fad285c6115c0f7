//! Checks on the whole model, run before expansion; every error is collected. What the macro
//! cannot see from the syntax (a type's traits) is asserted in the generated code instead, at
//! the attribute that asks for it.

use crate::ast::{CASES, Data, Group, Input, Parser, Struct, ValueEnum, ValueField};
use crate::attr::{At, DefaultAttr, ProfileKind, RoleAttr, RuleAttr};
use crate::ctxt::Ctxt;
use crate::default_lit;
use crate::symbol;
use envspec_schema::{BUILTIN_PROFILES, Bound, template};
use proc_macro2::Span;
use std::collections::HashMap;

pub fn check(cx: &Ctxt, input: &Input) {
    match &input.data {
        Data::Struct(s) => check_struct(cx, input.ident, s),
        Data::Group(g) => check_group(cx, g),
        Data::Enum(e) => check_enum(cx, e),
    }
}

fn check_struct(cx: &Ctxt, ident: &syn::Ident, s: &Struct) {
    for (_, f) in s.values() {
        check_markers(cx, f);
        check_variable_names(cx, f);
        check_rules(cx, f);
        check_default(cx, s, f);
        check_references(cx, ident, s, f);
        check_profiles(cx, s, f);
        check_severities(cx, f);
        check_fallback(cx, s, f);
        check_secret_flow(cx, s, f);
        check_components(cx, s, f);
        check_component_reads(cx, s, f);
    }
    check_default_cycles(cx, s);
    check_name_rules(cx, s);
    for f in &s.fields {
        if let crate::ast::Field::Nested(n) = f {
            check_component_names(cx, s, n.components.iter());
        }
    }
    check_duplicate_names(cx, s);
    let mut marked = s.values().filter_map(|(_, f)| f.attrs.profile.as_ref());
    let _first = marked.next();
    for extra in marked {
        cx.error_at(extra.span, "only one field can be the `profile`");
    }
    if let Some(p) = &s.prefix {
        check_prefix(cx, &p.value);
    }
}

/// `forbid_names` patterns are globs over variable names; their profiles must be known.
fn check_name_rules(cx: &Ctxt, s: &Struct) {
    for rule in &s.name_rules {
        for p in &rule.patterns {
            let v = p.value();
            if let Some(c) = v.chars().find(|c| !(c.is_ascii_alphanumeric() || "_*?".contains(*c))) {
                cx.error_spanned_by(p, format!("`{c}` cannot be in a variable name; a pattern is letters, digits, `_`, and `*` or `?` as wildcards"));
            } else if v.chars().all(|c| c == '*') {
                cx.error_spanned_by(
                    p,
                    "this pattern matches every variable of the environment; name a prefix, as in `\"TEST_*\"`",
                );
            }
        }
        check_known_profiles(cx, s, rule.only_in.iter().chain(&rule.warn_in));
    }
}

fn check_prefix(cx: &Ctxt, prefix: &syn::LitStr) {
    if prefix.value().chars().any(|c| !(c.is_ascii_alphanumeric() || c == '_')) {
        cx.error_spanned_by(prefix, "a prefix may contain only letters, digits and `_`");
    }
}

/// Markers that cannot be combined, or that make no sense with this parser.
fn check_markers(cx: &Ctxt, f: &ValueField) {
    let a = &f.attrs;
    if matches!(f.parser, Parser::Json | Parser::FromStr) {
        if let Some(r) = a.rules.first() {
            cx.error_at(r.span, "rules cannot check a `json` or `from_str` value; use `validate = path::to::fn`");
        }
    }
    if let (Some(_), Some(s)) = (&a.profile, &a.secret) {
        cx.error_at(s.span, "the profile field cannot be secret: its value is shown in reports");
    }
    check_role(cx, f);
    if let (Some(flag), None) = (&a.flag, &a.secret) {
        cx.error_at(
            flag.span,
            "`flag` lets a secret be a command-line flag (mark the field `secret`); every other variable is a flag already",
        );
    }
}

/// The components a field names are declared (see [`check_component_names`]).
fn check_components(cx: &Ctxt, s: &Struct, f: &ValueField) {
    let a = &f.attrs;
    let named = a.components.iter().chain(&a.required_for).chain(a.default_for.iter().map(|(c, _, _)| c));
    check_component_names(cx, s, named);
}

/// Component names must be declared: by this struct when it declares components; otherwise
/// by some struct of the configuration, which the first load checks.
fn check_component_names<'x>(cx: &Ctxt, s: &Struct, named: impl Iterator<Item = &'x At<String>>) {
    if s.components.is_empty() {
        return;
    }
    let declared: Vec<&str> = s.components.iter().map(|c| c.value.as_str()).collect();
    for c in named {
        if declared.contains(&c.value.as_str()) {
            continue;
        }
        let near = declared.iter().copied().min_by_key(|k| strsim::damerau_levenshtein(k, &c.value));
        let hint = match near.filter(|k| strsim::damerau_levenshtein(k, &c.value) <= 2) {
            Some(near) => format!("; did you mean `{near}`?"),
            None => format!("; the struct declares {}", declared.join(", ")),
        };
        cx.error_at(c.span, format!("unknown component `{}`{hint}", c.value));
    }
}

/// A field's `required_for` and `default_for` name components that read it, and ask
/// consistent things of it.
fn check_component_reads(cx: &Ctxt, s: &Struct, f: &ValueField) {
    let a = &f.attrs;
    let reads = |c: &str| a.components.is_empty() || a.components.iter().any(|k| k.value == c);
    for c in a.required_for.iter().chain(a.default_for.iter().map(|(c, _, _)| c)) {
        if !reads(&c.value) {
            cx.error_at(c.span, format!("`{}` does not read this field: it is not in its `components(...)`", c.value));
        }
    }
    if let (Some(r), Some(d)) = (a.required_for.first(), &a.default) {
        cx.error_at(
            r.span,
            format!("`required_for` asks for a value that `{}` would always give; drop the default, or give the other components theirs with `default_for`", d.value.key()),
        );
    }
    if let (Some((c, _, _)), Some(_)) = (a.default_for.first(), &a.secret) {
        cx.error_at(c.span, "a secret has no per-component default: its value would be in the documents");
    }
    let strict = a.strict_bool.is_some() || s.strict_bool;
    for (i, (c, text, expr)) in a.default_for.iter().enumerate() {
        if a.default_for[..i].iter().any(|(d, _, _)| d.value == c.value) {
            cx.error_at(c.span, format!("`default_for` gives `{}` two defaults", c.value));
        }
        if f.parser == Parser::Value {
            if let Some(msg) = default_lit::check(text, f.ty, strict) {
                cx.error_spanned_by(expr, msg);
            }
        }
    }
}

/// A reserved variable is never read: nothing may require it, read it or depend on how it is
/// read; and the profile and a selector are the operator's.
fn check_role(cx: &Ctxt, f: &ValueField) {
    let a = &f.attrs;
    let Some(At { value: (key, role), span }) = &a.role else { return };
    if a.profile.is_some() {
        cx.error_at(*span, format!("the profile field is set by the operator; it cannot be `{key}`"));
    }
    if !matches!(role, RoleAttr::Reserved) {
        return;
    }
    let contradicts = a
        .required_if
        .iter()
        .map(|r| (symbol::REQUIRED_IF, r.span))
        .chain(a.read_if.iter().map(|r| (symbol::READ_IF, r.span)))
        .chain(
            a.profile_rules
                .iter()
                .filter(|r| !matches!(r.kind, ProfileKind::ForbiddenIn))
                .map(|r| (r.kind.key(), r.span)),
        )
        .chain(a.lenient.iter().map(|l| (symbol::ON_INVALID, l.span)))
        .chain(a.fallback.first().map(|l| (symbol::FALLBACK, l.span())))
        .chain(a.file.iter().filter(|f| f.value).map(|f| (symbol::FILE, f.span)));
    for (other, span) in contradicts {
        cx.error_at(span, format!("`{other}` cannot apply to a `reserved` field: its variable is never read"));
    }
    if !a.required_with.is_empty() {
        cx.error_spanned_by(
            &a.required_with[0],
            "`required_with` cannot apply to a `reserved` field: its variable is never read",
        );
    }
}

/// Variable names (`name`, `alias`, `fallback`) must be usable in a shell.
fn check_variable_names(cx: &Ctxt, f: &ValueField) {
    let a = &f.attrs;
    let names = a
        .name
        .iter()
        .map(|n| (symbol::NAME, &n.value))
        .chain(a.aliases.iter().map(|l| (symbol::ALIAS, l)))
        .chain(a.fallback.iter().map(|l| (symbol::FALLBACK, l)));
    for (key, lit) in names {
        check_variable_name(cx, key, lit);
    }
}

fn check_variable_name(cx: &Ctxt, key: symbol::Symbol, lit: &syn::LitStr) {
    let v = lit.value();
    if v.is_empty() {
        cx.error_spanned_by(lit, format!("`{key}` needs a variable name, such as `\"DATABASE_URL\"`"));
    } else if let Some(c) = v.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
        cx.error_spanned_by(
            lit,
            format!("`{v}` is not a variable name: `{c}` is not allowed; use letters, digits and `_`"),
        );
    }
}

/// Rules that no value can satisfy: `range = 10..=1`, `min_len = 64, max_len = 8`. Bounds
/// compare exactly, as the loader compares them.
fn check_rules(cx: &Ctxt, f: &ValueField) {
    let mut lo: Option<&Bound> = None;
    let mut hi: Option<&Bound> = None;
    use std::cmp::Ordering::{Equal, Greater, Less};
    // Whether `new` narrows the range more than `old`, on the side `toward` points to.
    let tighter = |new: &Bound, old: Option<&Bound>, toward: std::cmp::Ordering| {
        old.is_none_or(|o| match new.number().compare(o.number()) {
            Some(Equal) => !new.inclusive,
            Some(ord) => ord == toward,
            None => false,
        })
    };
    for spec in f.attrs.rules.iter().filter(|r| r.only_in.is_empty()) {
        match &spec.rule {
            RuleAttr::Range { min, max } => {
                if let Some(m) = min {
                    if tighter(m, lo, Greater) {
                        lo = Some(m);
                    }
                }
                if let Some(m) = max {
                    if tighter(m, hi, Less) {
                        hi = Some(m);
                    }
                }
                if let (Some(l), Some(h)) = (lo, hi) {
                    if Bound::empty_between(l, h) {
                        let (lop, hop) = (if l.inclusive { "≥" } else { ">" }, if h.inclusive { "≤" } else { "<" });
                        cx.error_at(
                            spec.span,
                            format!("no value can be {lop} {} and {hop} {}: the range is empty", l.text, h.text),
                        );
                        return;
                    }
                }
            }
            RuleAttr::Length { min: Some(min), max: Some(max) } if min > max => {
                cx.error_at(
                    spec.span,
                    format!("no value can be at least {min} and at most {max} long: the length range is empty"),
                );
            }
            _ => {}
        }
    }
}

/// A literal default must parse as the field's type when the macro knows that type; a
/// template must be well formed and name sibling value fields.
fn check_default(cx: &Ctxt, s: &Struct, f: &ValueField) {
    let a = &f.attrs;
    let mut dev_defaults = a.profile_rules.iter().filter(|r| matches!(r.kind, ProfileKind::DevDefault(_)));
    let dev_default = dev_defaults.next();
    for extra in dev_defaults {
        cx.error_at(extra.span, "duplicate `dev_default` attribute");
    }
    let strict = a.strict_bool.is_some() || s.strict_bool;
    if let Some(ProfileKind::DevDefault(lit)) = dev_default.map(|r| &r.kind) {
        if f.parser == Parser::Value {
            if let Some(msg) = default_lit::check(&lit.value(), f.ty, strict) {
                cx.error_spanned_by(lit, format!("dev_{msg}"));
            }
        }
    }
    let Some(At { value, span }) = &a.default else { return };
    match value {
        DefaultAttr::Literal { text, expr } if f.parser == Parser::Value => {
            if let Some(msg) = default_lit::check(text, f.ty, strict) {
                cx.error_spanned_by(expr, msg);
            }
        }
        DefaultAttr::TypeDefault if f.parser != Parser::Value => {
            cx.error_at(*span, "`default` without a value is not supported with `json` or `from_str`; give a literal");
        }
        DefaultAttr::Template(t) => match template::parse(&t.value()) {
            // Its placeholders are checked with the other references.
            Ok(_) => {}
            Err(template::TemplateError::NoPlaceholder) => {
                cx.error_spanned_by(t, "`default_from` needs at least one `{field}` placeholder; for a constant use `default`")
            }
            Err(template::TemplateError::UnknownFilter(name)) => cx.error_spanned_by(
                t,
                format!("unknown filter `{name}` in `default_from`; the filters are `{{field|parent}}` (the directory part of a path) and `{{field|trim_suffix:TEXT}}`"),
            ),
            Err(template::TemplateError::Unclosed) => cx.error_spanned_by(t, "unclosed `{` in `default_from`"),
            Err(template::TemplateError::EmptyPlaceholder) => {
                cx.error_spanned_by(t, "`{}` in `default_from` names no field; write `{field}`")
            }
        },
        _ => {}
    }
    if dev_default.is_some() {
        let key = value.key();
        cx.error_at(
            *span,
            format!("`{key}` and `dev_default` cannot be combined: `dev_default` is the default outside production, and production has none"),
        );
    }
}

/// A field `f` names: a sibling value field other than `f`, or a path (`core.api_url`) whose
/// first step is a nested field of this struct (its next step is asserted in the generated
/// code) or a field of an enclosing struct (checked by the first load, which sees the root).
fn check_reference(
    cx: &Ctxt,
    ident: &syn::Ident,
    s: &Struct,
    f: &ValueField,
    name: &str,
    span: Span,
    key: symbol::Symbol,
) {
    let Some((head, _)) = name.split_once('.') else {
        return check_sibling(cx, ident, s, f, name, span, key);
    };
    let bad =
        name.split('.').find(|step| step.is_empty() || !step.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    if let Some(step) = bad {
        let what = if step.is_empty() { "an empty step".to_owned() } else { format!("`{step}`") };
        cx.error_at(
            span,
            format!("`{key}` path `{name}` has {what}; a path is field names joined by `.`, as in `core.api_url`"),
        );
    } else if s.value(head).is_some() {
        cx.error_at(
            span,
            format!("`{key}` path `{name}` starts at `{head}`, a value field of `{ident}`; a path goes through nested structs"),
        );
    }
}

/// `name` must be a sibling value field other than `f`.
fn check_sibling(
    cx: &Ctxt,
    ident: &syn::Ident,
    s: &Struct,
    f: &ValueField,
    name: &str,
    span: Span,
    key: symbol::Symbol,
) {
    if name == f.name.clone() {
        cx.error_at(span, format!("`{key}` cannot refer to the field itself"));
        return;
    }
    if s.value(name).is_some() {
        return;
    }
    if s.has_nested(name) {
        cx.error_at(span, format!("`{key}` must name a value field; `{name}` is a nested struct"));
        return;
    }
    let names: Vec<String> = s.values().map(|(_, g)| g.name.clone()).collect();
    let near = names
        .iter()
        .min_by_key(|n| strsim::damerau_levenshtein(n, name))
        .filter(|n| strsim::damerau_levenshtein(n, name) <= 3);
    let hint = near.map(|n| format!("; did you mean `{n}`?")).unwrap_or_default();
    cx.error_at(span, format!("`{key}` refers to `{name}`, which is not a field of `{ident}`{hint}"));
}

fn check_references(cx: &Ctxt, ident: &syn::Ident, s: &Struct, f: &ValueField) {
    let a = &f.attrs;
    for r in a.references() {
        check_reference(cx, ident, s, f, &r.name, r.span, r.key);
        // A condition on a reserved sibling would always see its default.
        let conditional = [symbol::REQUIRED_IF, symbol::READ_IF, symbol::REQUIRED_WITH].contains(&r.key);
        if let (true, Some(g)) = (conditional, s.value(&r.name)) {
            if matches!(g.attrs.role, Some(At { value: (_, RoleAttr::Reserved), .. })) {
                cx.error_at(
                    r.span,
                    format!("`{}` is `reserved`: it is never read, so a condition on it never changes", r.name),
                );
            }
        }
    }
    if let (Some(r), Some(_)) = (a.read_if.first(), &a.profile) {
        cx.error_at(r.span, "the profile field is always read; `read_if` cannot apply to it");
    }
    if let Some(sep) = &a.separator {
        let text = sep.value.value();
        if text.is_empty() || text.starts_with('[') {
            cx.error_spanned_by(
                &sep.value,
                "a list separator cannot be empty or start with `[` (a JSON array is always accepted)",
            );
        }
    }
}

/// Profile names must be known: a built-in profile, or one the struct declares.
fn check_profiles(cx: &Ctxt, s: &Struct, f: &ValueField) {
    let a = &f.attrs;
    let has_rules = !a.profile_rules.is_empty() || a.rules.iter().any(|r| !r.only_in.is_empty());
    if !has_rules {
        if let Some(w) = a.warn_in.first() {
            cx.error_at(w.span, "`warn_in` softens profile rules, but this field has none (add `required_in`, `not_default_in`, `forbidden_in` or `forbid(..., only_in = ...)`)");
        }
        return;
    }
    let names = a
        .profile_rules
        .iter()
        .flat_map(|r| r.profiles.iter())
        .chain(a.warn_in.iter())
        .chain(a.rules.iter().flat_map(|r| r.only_in.iter()));
    check_known_profiles(cx, s, names);
}

/// Every profile named must be built in, or declared by the struct with `profiles(...)`.
fn check_known_profiles<'x>(cx: &Ctxt, s: &Struct, names: impl Iterator<Item = &'x At<String>>) {
    let known: Vec<String> =
        BUILTIN_PROFILES.iter().map(|p| p.to_string()).chain(s.profiles.iter().map(|p| p.value.clone())).collect();
    for p in names {
        if !known.contains(&p.value) {
            let near = known
                .iter()
                .min_by_key(|k| strsim::damerau_levenshtein(k, &p.value))
                .filter(|k| strsim::damerau_levenshtein(k, &p.value) <= 3);
            let hint = near
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| " (declare user profiles with `#[env(profiles(name))]` on the struct)".into());
            cx.error_at(p.span, format!("unknown profile `{}`{hint}", p.value));
        }
    }
}

/// Profile rules whose severities contradict each other in one profile, or that cannot fire.
///
/// In one profile: `forbidden_in` (must be unset) contradicts every rule that wants a value
/// (`required_in`, `recommended_in`, `not_default_in`, `dev_default`); `recommended_in` (a
/// warning when unset) contradicts `required_in` and `not_default_in` (errors when unset).
fn check_severities(cx: &Ctxt, f: &ValueField) {
    let a = &f.attrs;
    let rules_in = |want: fn(&ProfileKind) -> bool| {
        a.profile_rules
            .iter()
            .filter(move |r| want(&r.kind))
            .flat_map(|r| r.profiles.iter().map(move |p| (p, r.kind.key())))
    };
    let wants_value = |k: &ProfileKind| !matches!(k, ProfileKind::ForbiddenIn);
    let must_have =
        |k: &ProfileKind| matches!(k, ProfileKind::RequiredIn | ProfileKind::NotDefaultIn | ProfileKind::DevDefault(_));
    let mut reported: Vec<String> = Vec::new();
    let mut contradiction = |p: &At<String>, first: symbol::Symbol, second: symbol::Symbol, why: &str| {
        if !reported.contains(&p.value) {
            cx.error_at(p.span, format!("`{}` is both in `{first}` and in `{second}`: {why}", p.value));
            reported.push(p.value.clone());
        }
    };
    for (forbidden, _) in rules_in(|k| matches!(k, ProfileKind::ForbiddenIn)) {
        if let Some((_, other)) = rules_in(wants_value).find(|(p, _)| p.value == forbidden.value) {
            contradiction(forbidden, symbol::FORBIDDEN_IN, other, "no value can pass");
        }
    }
    for (recommended, _) in rules_in(|k| matches!(k, ProfileKind::RecommendedIn)) {
        if let Some((_, other)) = rules_in(must_have).find(|(p, _)| p.value == recommended.value) {
            contradiction(
                recommended,
                symbol::RECOMMENDED_IN,
                other,
                "an unset value cannot be both a warning and an error; use `warn_in` to soften every rule",
            );
        }
    }
    let has_default =
        a.default.is_some() || a.profile_rules.iter().any(|r| matches!(r.kind, ProfileKind::DevDefault(_)));
    if !has_default {
        if let Some(r) = a.profile_rules.iter().find(|r| matches!(r.kind, ProfileKind::NotDefaultIn)) {
            cx.error_at(
                r.span,
                "`not_default_in` refuses the declared default, but this field has none; add `default = ...`, or use `required_in`",
            );
        }
    }
}

fn check_fallback(cx: &Ctxt, s: &Struct, f: &ValueField) {
    let own = f.local_name(&s.prefix());
    for fb in &f.attrs.fallback {
        if fb.value() == own || fb.value() == f.base_name() {
            cx.error_spanned_by(fb, format!("`fallback` names `{}`, the field's own variable", fb.value()));
        }
    }
}

/// A field that is not secret cannot take its value from one marked `secret`: it would print
/// the secret. Sources whose type alone makes them secret are asserted in the generated code.
fn check_secret_flow(cx: &Ctxt, s: &Struct, f: &ValueField) {
    if f.attrs.secret.is_some() {
        return;
    }
    for (source, key, span) in secret_sources(s, f) {
        if source.attrs.secret.is_some() {
            cx.error_at(
                span,
                format!(
                    "`{}` takes its value from the secret `{}` through `{key}`, and would print it; mark `{}` `secret` too",
                    f.name.clone(),
                    source.name.clone(),
                    f.name.clone()
                ),
            );
        }
    }
}

/// The sibling fields `f` takes its value from (`same_as`, `default_from`, a `fallback` that
/// names a sibling's variable), with the key and where it is written.
pub fn secret_sources<'s, 'a>(s: &'s Struct<'a>, f: &ValueField) -> Vec<(&'s ValueField<'a>, symbol::Symbol, Span)> {
    let mut out = Vec::new();
    match f.attrs.default.as_ref().map(|d| &d.value) {
        Some(DefaultAttr::SameAs(i)) => out.extend(s.value(&i.text()).map(|g| (g, symbol::SAME_AS, i.span()))),
        Some(DefaultAttr::Template(t)) => {
            for field in template::fields(&t.value()) {
                out.extend(s.value(field).map(|g| (g, symbol::DEFAULT_FROM, t.span())));
            }
        }
        _ => {}
    }
    let prefix = s.prefix();
    for fb in &f.attrs.fallback {
        let named = s.values().map(|(_, g)| g).find(|g| g.local_names(&prefix).contains(&fb.value()));
        out.extend(named.map(|g| (g, symbol::FALLBACK, fb.span())));
    }
    out
}

/// Two fields (or aliases) of one struct must not map to one variable name. A clash that
/// involves an alias is reported at the alias, which is usually the one to change.
fn check_duplicate_names(cx: &Ctxt, s: &Struct) {
    struct Entry<'a> {
        field: &'a syn::Ident,
        alias: Option<&'a syn::LitStr>,
        span: Span,
    }
    let prefix = s.prefix();
    let mut seen: HashMap<String, Entry> = HashMap::new();
    for (_, f) in s.values() {
        let own = Entry {
            field: f.ident,
            alias: None,
            span: f.attrs.name.as_ref().map(|n| n.value.span()).unwrap_or(f.ident.span()),
        };
        let mut names = vec![(f.local_name(&prefix), own)];
        for a in &f.attrs.aliases {
            let alias = if f.attrs.no_prefix.is_some() { a.value() } else { format!("{prefix}{}", a.value()) };
            names.push((alias, Entry { field: f.ident, alias: Some(a), span: a.span() }));
        }
        for (name, entry) in names {
            let Some(first) = seen.get(&name) else {
                seen.insert(name, entry);
                continue;
            };
            let shown =
                |alias: &syn::LitStr| if alias.value() == name { String::new() } else { format!(" (`{name}`)") };
            let (span, msg) = match (first.alias, entry.alias) {
                (Some(_), Some(alias)) if first.field == entry.field => {
                    (entry.span, format!("the alias `{}` is listed twice", alias.value()))
                }
                (None, Some(alias)) if first.field == entry.field => (
                    entry.span,
                    format!(
                        "the alias `{}`{} is `{}`'s own variable; remove it",
                        alias.value(),
                        shown(alias),
                        entry.field
                    ),
                ),
                (_, Some(alias)) => (
                    entry.span,
                    format!(
                        "the alias `{}`{} of `{}` is already read by `{}`; remove the alias or rename it",
                        alias.value(),
                        shown(alias),
                        entry.field,
                        first.field
                    ),
                ),
                (Some(alias), None) => (
                    first.span,
                    format!(
                        "the alias `{}`{} of `{}` is the variable of `{}`; remove the alias or rename it",
                        alias.value(),
                        shown(alias),
                        first.field,
                        entry.field
                    ),
                ),
                (None, None) => (
                    entry.span,
                    format!(
                        "`{}` and `{}` both map to the variable `{name}`; rename one with `name = \"...\"`",
                        entry.field, first.field
                    ),
                ),
            };
            cx.error_at(span, msg);
        }
    }
}

/// `same_as` and `default_from` defaults that lead back to their own field never resolve.
fn check_default_cycles(cx: &Ctxt, s: &Struct) {
    let refs = |f: &ValueField| -> Vec<String> {
        match f.attrs.default.as_ref().map(|d| &d.value) {
            Some(DefaultAttr::SameAs(i)) => vec![i.text()],
            Some(DefaultAttr::Template(t)) => template::fields(&t.value()).into_iter().map(str::to_owned).collect(),
            _ => Vec::new(),
        }
    };
    // Only fields whose default names other fields can be on a cycle: the walk starts from
    // them and goes through them, each looked up by name once (not a search of every field at
    // every step, which made this quadratic in the field count).
    let linked: Vec<(String, &ValueField, Vec<String>)> = s
        .values()
        .filter_map(|(_, f)| {
            let r = refs(f);
            (!r.is_empty()).then(|| (f.name.clone(), f, r))
        })
        .collect();
    let by_name: std::collections::HashMap<&str, &Vec<String>> =
        linked.iter().map(|(name, _, r)| (name.as_str(), r)).collect();
    let mut reported: Vec<String> = Vec::new();
    for (start_name, start, _) in &linked {
        let start_name = start_name.clone();
        // Depth-first walk from `start`; a path that comes back to it is a cycle.
        let mut stack = vec![(start_name.clone(), vec![start_name.clone()])];
        let mut visited: Vec<String> = Vec::new();
        while let Some((name, path)) = stack.pop() {
            let Some(next_names) = by_name.get(name.as_str()) else { continue };
            for next in next_names.iter().cloned() {
                if next == start_name && path.len() > 1 {
                    if !path.iter().any(|p| reported.contains(p)) {
                        let d = start.attrs.default.as_ref().expect("a field with references has a default");
                        let chain = path.iter().chain([&start_name]).map(|p| format!("`{p}`")).collect::<Vec<_>>();
                        cx.error_at(
                            d.span,
                            format!(
                                "these defaults refer to each other in a cycle ({}), so none of them can be computed; give one a literal `default`",
                                chain.join(" → ")
                            ),
                        );
                        reported.extend(path.iter().cloned());
                    }
                } else if !visited.contains(&next) && next != start_name {
                    visited.push(next.clone());
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next, p));
                }
            }
        }
    }
}

/// Spellings of variants (canonical or alias) must be distinct and non-empty, compared as the
/// loader compares them.
fn check_spellings<'a>(
    cx: &Ctxt,
    variants: impl Iterator<Item = (&'a syn::Ident, &'a At<String>, &'a [syn::LitStr])>,
    what: &str,
) -> Vec<String> {
    let mut seen: Vec<(String, &syn::Ident)> = Vec::new();
    let mut canonical = Vec::new();
    for (ident, spelling, aliases) in variants {
        canonical.push(spelling.value.clone());
        let all = std::iter::once((spelling.value.clone(), spelling.span))
            .chain(aliases.iter().map(|a| (a.value(), a.span())));
        for (word, span) in all {
            if word.trim().is_empty() {
                cx.error_at(span, format!("a spelling cannot be empty: an empty {what} is unset"));
                continue;
            }
            match seen.iter().find(|(w, _)| envspec_schema::spelling::spells(w, &word)) {
                Some((_, first)) if what == "variable" => cx.error_at(
                    span,
                    format!("`{word}` already spells `{first}` (spellings are compared case-insensitively)"),
                ),
                Some((_, first)) => cx.error_at(span, format!("`{word}` already selects `{first}`")),
                None => seen.push((word, ident)),
            }
        }
    }
    canonical
}

fn check_group(cx: &Ctxt, g: &Group) {
    let spellings =
        check_spellings(cx, g.variants.iter().map(|v| (v.ident, &v.spelling, v.aliases.as_slice())), "selector");
    if let Some(default) = &g.default {
        let all: Vec<String> = g
            .variants
            .iter()
            .flat_map(|v| std::iter::once(v.spelling.value.clone()).chain(v.aliases.iter().map(|a| a.value())))
            .collect();
        if !all.iter().any(|s| envspec_schema::spelling::spells(s, &default.value)) {
            let wanted = default.value.to_ascii_lowercase();
            let near = all
                .iter()
                .map(|k| (strsim::damerau_levenshtein(&k.to_ascii_lowercase(), &wanted), k))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, k)| k);
            let msg = match near {
                Some(k) => format!("default `{}` is not a variant; did you mean `{k}`?", default.value),
                None => {
                    format!("default `{}` is not a variant; expected one of: {}", default.value, spellings.join(", "))
                }
            };
            cx.error_at(default.span, msg);
        }
    }
    let selector = g.selector.value.value();
    if selector.is_empty() || selector.chars().any(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')) {
        cx.error_spanned_by(&g.selector.value, "the selector is a variable name, such as `VAULT_BACKEND`");
    }
    for alias in &g.aliases {
        check_variable_name(cx, symbol::ALIAS, alias);
    }
    if let Some(p) = &g.prefix {
        check_prefix(cx, &p.value);
    }
    for v in &g.variants {
        if let Some(p) = &v.prefix {
            check_prefix(cx, &p.value);
        }
    }
}

fn check_enum(cx: &Ctxt, e: &ValueEnum) {
    if let Some(r) = &e.rename_all {
        let case = r.value.value();
        if !CASES.contains(&case.as_str()) {
            let msg = match symbol::closest(&case, CASES) {
                Some(near) => format!("unknown case `{case}`; did you mean `{near}`?"),
                None => format!("unknown case `{case}`; expected one of: {}", CASES.join(", ")),
            };
            cx.error_spanned_by(&r.value, msg);
        }
    }
    check_spellings(cx, e.variants.iter().map(|v| (v.ident, &v.spelling, v.aliases.as_slice())), "variable");
}
