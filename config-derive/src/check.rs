//! Checks that span several attributes or fields, run on the whole model before expansion.

use crate::ast::{Container, Field, FieldKind, ident_name};
use crate::attr::{At, Bound, DefaultAttr, ProfileKind, RuleAttr};
use crate::ctxt::Ctxt;
use crate::default_lit;
use std::collections::HashMap;

/// Profiles every configuration knows.
const BUILTIN_PROFILES: &[&str] = &["development", "test", "staging", "production"];

pub fn check(cx: &Ctxt, cont: &Container) {
    for field in &cont.fields {
        check_markers(cx, field);
        if field.is_nested() {
            // Every value key on a nested field is already reported by `check_markers`.
            continue;
        }
        check_variable_names(cx, field);
        check_rules(cx, field);
        check_default(cx, cont, field);
        check_references(cx, cont, field);
        check_profiles(cx, cont, field);
        check_fallback(cx, cont, field);
        check_profile_consistency(cx, field);
        check_strict_bool(cx, field);
    }
    check_default_cycles(cx, cont);
    check_duplicate_names(cx, cont);
    check_profile_field(cx, cont);
    check_struct_level(cx, cont);
}

/// Markers that cannot be combined, or that make no sense on this kind of field.
fn check_markers(cx: &Ctxt, f: &Field) {
    let a = &f.attrs;
    if let (Some(_), Some(flatten)) = (&a.nested, &a.flatten) {
        cx.error_at(
            flatten.span,
            "`flatten` and `nested` cannot be combined: `flatten` is `nested` without a sub-prefix",
        );
    }
    if let (Some(_), Some(from_str)) = (&a.json, &a.from_str) {
        cx.error_at(from_str.span, "`from_str` and `json` cannot be combined: pick one parser");
    }
    if f.is_nested() {
        let which = if a.flatten.is_some() { "flatten" } else { "nested" };
        let value_only: [(&str, Option<proc_macro2::Span>); 21] = [
            ("name", a.name.as_ref().map(|x| x.span)),
            ("no_prefix", a.no_prefix.as_ref().map(|x| x.span)),
            ("alias", a.aliases.first().map(|x| x.span())),
            (a.default.as_ref().map_or("default", |d| d.value.key()), a.default.as_ref().map(|x| x.span)),
            ("fallback", a.fallback.first().map(|x| x.span())),
            ("secret", a.secret.as_ref().map(|x| x.span)),
            ("bootstrap", a.bootstrap.as_ref().map(|x| x.span)),
            ("deprecated", a.deprecated.as_ref().map(|x| x.span)),
            ("example", a.examples.first().map(|x| x.span())),
            ("generate", a.generate.as_ref().map(|x| x.span)),
            ("used_by", a.used_by.as_ref().map(|x| x.span)),
            ("json", a.json.as_ref().map(|x| x.span)),
            ("from_str", a.from_str.as_ref().map(|x| x.span)),
            ("file", a.file.as_ref().map(|x| x.span)),
            ("strict_bool", a.strict_bool.as_ref().map(|x| x.span)),
            ("profile", a.profile.as_ref().map(|x| x.span)),
            ("validate", a.validate.as_ref().map(|x| x.span)),
            ("required_with", a.required_with.first().map(|x| x.span())),
            ("read_if", a.read_if.first().map(|x| x.span)),
            ("separator", a.separator.as_ref().map(|x| x.span)),
            ("warn_in", a.warn_in.first().map(|x| x.span)),
        ];
        for (key, span) in value_only {
            if let Some(span) = span {
                cx.error_at(span, format!("`{key}` applies to one variable and cannot be used on a `{which}` struct field; put it on the nested struct's fields"));
            }
        }
        if let Some(r) = a.rules.first() {
            cx.error_at(r.span, format!("rules apply to one variable and cannot be used on a `{which}` field"));
        }
        if let Some(c) = a.required_if.first() {
            cx.error_at(c.span, format!("`required_if` cannot be used on a `{which}` field"));
        }
        if let Some(r) = a.profile_rules.first() {
            cx.error_at(r.span, format!("profile rules cannot be used on a `{which}` field"));
        }
        if let (Some(p), Some(_)) = (&a.prefix, &a.flatten) {
            cx.error_at(p.span, "`prefix` cannot be used with `flatten`; use `nested` to add a sub-prefix");
        } else if let Some(p) = &a.prefix {
            if p.value.value().chars().any(|c| !(c.is_ascii_alphanumeric() || c == '_')) {
                cx.error_spanned_by(&p.value, "a prefix may contain only letters, digits and `_`");
            }
        }
    } else {
        if let Some(p) = &a.prefix {
            cx.error_at(p.span, "`prefix` on a field needs `nested`; to rename the variable use `name = \"...\"`");
        }
        if matches!(f.kind, FieldKind::Json | FieldKind::FromStr) {
            if let Some(r) = a.rules.first() {
                cx.error_at(r.span, "rules cannot check a `json` or `from_str` value; use `validate = path::to::fn`");
            }
        }
    }
    if let (Some(_), Some(s)) = (&a.profile, &a.secret) {
        cx.error_at(s.span, "the profile field cannot be secret: its value is shown in reports");
    }
}

/// Variable names (`name`, `alias`, `fallback`) must be usable in a shell.
fn check_variable_names(cx: &Ctxt, f: &Field) {
    let a = &f.attrs;
    let names = a
        .name
        .iter()
        .map(|n| ("name", &n.value))
        .chain(a.aliases.iter().map(|l| ("alias", l)))
        .chain(a.fallback.iter().map(|l| ("fallback", l)));
    for (key, lit) in names {
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
}

/// Rules that no value can satisfy: `range = 10..=1`, `min_len = 64, max_len = 8`.
fn check_rules(cx: &Ctxt, f: &Field) {
    let mut lo: Option<&Bound> = None;
    let mut hi: Option<&Bound> = None;
    for spec in f.attrs.rules.iter().filter(|r| r.only_in.is_empty()) {
        match &spec.rule {
            RuleAttr::Range { min, max } => {
                if let Some(m) = min {
                    if lo.is_none_or(|l| m.value > l.value || (m.value == l.value && !m.inclusive)) {
                        lo = Some(m);
                    }
                }
                if let Some(m) = max {
                    if hi.is_none_or(|h| m.value < h.value || (m.value == h.value && !m.inclusive)) {
                        hi = Some(m);
                    }
                }
                if let (Some(l), Some(h)) = (lo, hi) {
                    if l.value > h.value || (l.value == h.value && !(l.inclusive && h.inclusive)) {
                        let (lop, hop) = (if l.inclusive { "≥" } else { ">" }, if h.inclusive { "≤" } else { "<" });
                        cx.error_at(
                            spec.span,
                            format!("no value can be {lop} {} and {hop} {}: the range is empty", l.text, h.text),
                        );
                        return;
                    }
                }
            }
            RuleAttr::ItemPattern(_) if std_shape(f.ty).is_some_and(|(_, list)| !list) => {
                cx.error_at(spec.span, "`item_pattern` checks the items of a list; for a single value use `pattern`");
            }
            RuleAttr::ItemPattern(_) | RuleAttr::Forbid(_) => {
                const TEXT: &[&str] = &["String", "str", "SecretString", "PathBuf", "Url"];
                if let Some((item, true)) = std_shape(f.ty).filter(|(name, _)| !TEXT.contains(&name.as_str())) {
                    let key = if matches!(spec.rule, RuleAttr::Forbid(_)) { "forbid" } else { "item_pattern" };
                    cx.error_at(spec.span, format!("`{key}` compares text, and the items of this list are `{item}`"));
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

/// A literal default must parse as the field's type when the macro knows that type.
fn check_default(cx: &Ctxt, cont: &Container, f: &Field) {
    let mut dev_defaults = f.attrs.profile_rules.iter().filter(|r| matches!(r.kind, ProfileKind::DevDefault(_)));
    let dev_default = dev_defaults.next();
    for extra in dev_defaults {
        cx.error_at(extra.span, "duplicate `dev_default` attribute");
    }
    if let Some(ProfileKind::DevDefault(lit)) = dev_default.map(|r| &r.kind) {
        if f.kind == FieldKind::Value {
            if let Some(msg) = default_lit::check(&lit.value(), f.ty) {
                cx.error_spanned_by(lit, format!("dev_{msg}"));
            }
        }
    }
    let Some(At { value, span }) = &f.attrs.default else { return };
    match value {
        DefaultAttr::Literal { text, expr } if f.kind == FieldKind::Value => {
            if let Some(msg) = default_lit::check(text, f.ty) {
                cx.error_spanned_by(expr, msg);
            }
        }
        DefaultAttr::TypeDefault if matches!(f.kind, FieldKind::Json | FieldKind::FromStr) => {
            cx.error_at(*span, "`default` without a value is not supported with `json` or `from_str`; give a literal");
        }
        DefaultAttr::Template(t) => {
            let text = t.value();
            let mut rest = text.as_str();
            let mut any = false;
            while let Some(open) = rest.find('{') {
                let Some(len) = rest[open..].find('}') else {
                    cx.error_spanned_by(t, "unclosed `{` in `default_from`");
                    return;
                };
                let placeholder = &rest[open + 1..open + len];
                let (name, filter) = match placeholder.split_once('|') {
                    Some((n, flt)) => (n.trim(), Some(flt.trim())),
                    None => (placeholder.trim(), None),
                };
                any = true;
                check_sibling(cx, cont, f, name, t.span(), "default_from");
                if let Some(filter) = filter {
                    let known =
                        filter == "parent" || filter.strip_prefix("trim_suffix:").is_some_and(|s| !s.is_empty());
                    if !known {
                        cx.error_spanned_by(t, format!("unknown filter `{filter}` in `default_from`; the filters are `{{field|parent}}` (the directory part of a path) and `{{field|trim_suffix:TEXT}}`"));
                    }
                }
                rest = &rest[open + len + 1..];
            }
            if !any {
                cx.error_spanned_by(
                    t,
                    "`default_from` needs at least one `{field}` placeholder; for a constant use `default`",
                );
            }
        }
        DefaultAttr::SameAs(ident) => check_sibling(cx, cont, f, &ident_name(ident), ident.span(), "same_as"),
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

/// `name` must be a sibling value field other than `f`.
fn check_sibling(cx: &Ctxt, cont: &Container, f: &Field, name: &str, span: proc_macro2::Span, key: &str) {
    if name == ident_name(f.ident) {
        cx.error_at(span, format!("`{key}` cannot refer to the field itself"));
        return;
    }
    match cont.fields.iter().find(|g| ident_name(g.ident) == name) {
        Some(g) if g.is_nested() => {
            cx.error_at(span, format!("`{key}` must name a value field; `{name}` is a nested struct"))
        }
        Some(_) => {}
        None => {
            let names: Vec<String> =
                cont.fields.iter().filter(|g| !g.is_nested()).map(|g| ident_name(g.ident)).collect();
            let near = names
                .iter()
                .min_by_key(|n| strsim::damerau_levenshtein(n, name))
                .filter(|n| strsim::damerau_levenshtein(n, name) <= 3);
            let hint = near.map(|n| format!("; did you mean `{n}`?")).unwrap_or_default();
            cx.error_at(span, format!("`{key}` refers to `{name}`, which is not a field of `{}`{hint}", cont.ident));
        }
    }
}

fn check_references(cx: &Ctxt, cont: &Container, f: &Field) {
    for group in &f.attrs.required_if {
        for cond in &group.value {
            check_sibling(cx, cont, f, &ident_name(&cond.field), cond.field.span(), "required_if");
        }
    }
    for ident in &f.attrs.required_with {
        check_sibling(cx, cont, f, &ident_name(ident), ident.span(), "required_with");
    }
    for group in &f.attrs.read_if {
        for cond in &group.value {
            check_sibling(cx, cont, f, &ident_name(&cond.field), cond.field.span(), "read_if");
        }
    }
    if let Some(r) = f.attrs.read_if.first() {
        if f.attrs.profile.is_some() {
            cx.error_at(r.span, "the profile field is always read; `read_if` cannot apply to it");
        } else if crate::ast::option_inner(f.ty).is_none() && f.attrs.default.is_none() {
            cx.error_at(
                r.span,
                "`read_if` needs an `Option<T>` field or a default: when the condition does not hold, the field gets no value from the environment",
            );
        }
    }
    if let Some(sep) = &f.attrs.separator {
        let text = sep.value.value();
        if text.is_empty() || text.starts_with('[') {
            cx.error_spanned_by(
                &sep.value,
                "a list separator cannot be empty or start with `[` (a JSON array is always accepted)",
            );
        } else if f.kind == FieldKind::Value && std_shape(f.ty).is_some_and(|(_, list)| !list) {
            cx.error_at(
                sep.span,
                "`separator` splits list items, and this field is not a list (`Vec`, `BTreeSet`, `HashSet`)",
            );
        }
    }
}

/// Profile rules need a profile to test and must name known profiles.
fn check_profiles(cx: &Ctxt, cont: &Container, f: &Field) {
    let a = &f.attrs;
    let scoped_rules = a.rules.iter().any(|r| !r.only_in.is_empty());
    if a.profile_rules.is_empty() && !scoped_rules {
        if let Some(w) = a.warn_in.first() {
            cx.error_at(w.span, "`warn_in` softens profile rules, but this field has none (add `required_in`, `not_default_in`, `forbidden_in` or `forbid(..., only_in = ...)`)");
        }
        return;
    }
    let has_profile_field = cont.fields.iter().any(|g| g.attrs.profile.is_some());
    if !has_profile_field && cont.attrs.profiles.is_empty() {
        let span = a
            .profile_rules
            .first()
            .map(|r| r.span)
            .or(a.rules.iter().find(|r| !r.only_in.is_empty()).map(|r| r.span))
            .unwrap();
        cx.error_at(span, format!(
            "profile rules need a profile: mark the field that selects it `#[env(profile)]`, or, if `{}` is nested in a struct that has one, declare the profiles it uses with `#[env(profiles(production))]` on `{}`",
            cont.ident, cont.ident
        ));
    }
    let known: Vec<String> = BUILTIN_PROFILES
        .iter()
        .map(|p| p.to_string())
        .chain(cont.attrs.profiles.iter().map(|p| p.value.clone()))
        .collect();
    let names = a
        .profile_rules
        .iter()
        .flat_map(|r| r.profiles.iter())
        .chain(a.warn_in.iter())
        .chain(a.rules.iter().flat_map(|r| r.only_in.iter()));
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

fn check_fallback(cx: &Ctxt, cont: &Container, f: &Field) {
    let own = f.local_name(&cont.prefix());
    for fb in &f.attrs.fallback {
        if fb.value() == own || fb.value() == f.base_name() {
            cx.error_spanned_by(fb, format!("`fallback` names `{}`, the field's own variable", fb.value()));
        }
    }
}

/// Two fields (or aliases) of one struct must not map to one variable name. A clash that
/// involves an alias is reported at the alias, which is usually the one to change.
fn check_duplicate_names(cx: &Ctxt, cont: &Container) {
    struct Entry<'a> {
        field: &'a syn::Ident,
        alias: Option<&'a syn::LitStr>,
        span: proc_macro2::Span,
    }
    let prefix = cont.prefix();
    let mut seen: HashMap<String, Entry> = HashMap::new();
    for f in cont.fields.iter().filter(|f| !f.is_nested()) {
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
            // How the alias reads when the prefix changes it: ` (`APP_PORT`)`.
            let shown = |alias: &syn::LitStr| {
                if alias.value() == name { String::new() } else { format!(" (`{name}`)") }
            };
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

fn check_profile_field(cx: &Ctxt, cont: &Container) {
    let mut marked = cont.fields.iter().filter_map(|f| f.attrs.profile.as_ref());
    let _first = marked.next();
    for extra in marked {
        cx.error_at(extra.span, "only one field can be the `profile`");
    }
}

fn check_struct_level(cx: &Ctxt, cont: &Container) {
    if let Some(p) = &cont.attrs.prefix {
        let v = p.value.value();
        if v.chars().any(|c| !(c.is_ascii_alphanumeric() || c == '_')) {
            cx.error_spanned_by(&p.value, "a prefix may contain only letters, digits and `_`");
        }
    }
}

/// Profile rules that contradict each other or cannot fire.
fn check_profile_consistency(cx: &Ctxt, f: &Field) {
    let a = &f.attrs;
    let in_kind = |want: fn(&ProfileKind) -> bool| {
        a.profile_rules.iter().filter(move |r| want(&r.kind)).flat_map(|r| r.profiles.iter())
    };
    for forbidden in in_kind(|k| matches!(k, ProfileKind::ForbiddenIn)) {
        if in_kind(|k| matches!(k, ProfileKind::RequiredIn)).any(|r| r.value == forbidden.value) {
            cx.error_at(
                forbidden.span,
                format!("`{}` is both in `required_in` and in `forbidden_in`; no value can pass", forbidden.value),
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

/// `strict_bool` on a field whose type holds no boolean, when the type is a standard one.
fn check_strict_bool(cx: &Ctxt, f: &Field) {
    let Some(sb) = &f.attrs.strict_bool else { return };
    if f.kind != FieldKind::Value {
        return;
    }
    if let Some((name, _)) = std_shape(f.ty).filter(|(name, _)| name != "bool") {
        cx.error_at(sb.span, format!("`strict_bool` changes how booleans are read, and `{name}` holds none"));
    }
}

/// `same_as` and `default_from` defaults that lead back to their own field never resolve.
fn check_default_cycles(cx: &Ctxt, cont: &Container) {
    let refs = |f: &Field| -> Vec<String> {
        match f.attrs.default.as_ref().map(|d| &d.value) {
            Some(DefaultAttr::SameAs(i)) => vec![ident_name(i)],
            Some(DefaultAttr::Template(t)) => {
                let text = t.value();
                let mut out = Vec::new();
                let mut rest = text.as_str();
                while let (Some(open), Some(close)) = (rest.find('{'), rest.find('}')) {
                    if close < open {
                        break;
                    }
                    let placeholder = &rest[open + 1..close];
                    out.push(placeholder.split('|').next().unwrap_or(placeholder).trim().to_owned());
                    rest = &rest[close + 1..];
                }
                out
            }
            _ => Vec::new(),
        }
    };
    let fields: HashMap<String, &Field> = cont.fields.iter().map(|f| (ident_name(f.ident), f)).collect();
    let mut reported: Vec<String> = Vec::new();
    for start in &cont.fields {
        let start_name = ident_name(start.ident);
        // Depth-first walk from `start`; a path that comes back to it is a cycle.
        let mut stack = vec![(start_name.clone(), vec![start_name.clone()])];
        let mut visited: Vec<String> = Vec::new();
        while let Some((name, path)) = stack.pop() {
            let Some(f) = fields.get(&name) else { continue };
            for next in refs(f) {
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

/// For a field type built from standard types: the innermost type's name (under `Option`,
/// `SecretBox` and collections) and whether the value is a list. `None` for other types,
/// whose behaviour the derive cannot know.
fn std_shape(ty: &syn::Type) -> Option<(String, bool)> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let name = last.ident.to_string();
    let inner = || match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => match args.args.first()? {
            syn::GenericArgument::Type(t) => std_shape(t),
            _ => None,
        },
        _ => None,
    };
    match name.as_str() {
        "Option" | "SecretBox" => inner(),
        "Vec" | "BTreeSet" | "HashSet" => inner().map(|(n, _)| (n, true)),
        "bool" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128" | "isize"
        | "f32" | "f64" | "char" | "String" | "str" | "SecretString" | "PathBuf" | "Url" | "Duration" | "IpAddr"
        | "Ipv4Addr" | "Ipv6Addr" | "SocketAddr"
            if matches!(last.arguments, syn::PathArguments::None) =>
        {
            Some((name, false))
        }
        _ => None,
    }
}
