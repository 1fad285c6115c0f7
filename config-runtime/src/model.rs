//! The resolved model of a configuration: the static descriptors of a root struct flattened,
//! once per type, into the variables a load reads.
//!
//! Each [`Var`] carries everything that depends on where its field sits in the tree: the full
//! name (prefixes applied), its aliases and `_FILE` name, fallbacks, section, the condition
//! under which it is read (its own `read_if` and the backend groups around it), the conditions
//! that make it required, its default with sibling references resolved, its profile role and
//! its markers. Loading, the snapshot filter, the unknown-variable check, provenance, overlays
//! and `schema()` all read this one list; nothing else composes prefix + name + alias +
//! `_FILE`.

use crate::desc::{DefaultDesc, EmptyValues, FieldDesc, StructDesc};
use crate::source::{Keep, Names};
use envspec_schema::{BUILTIN_PROFILES, Condition, List, NameRule, Text, TypeKind, ValueType, template};
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::sync::OnceLock;

/// A model built on first use, held in a `static` the derive emits beside each descriptor.
#[doc(hidden)]
pub struct ModelCell(OnceLock<Model>);

impl ModelCell {
    /// An empty cell, for a `static`.
    pub const fn new() -> Self {
        ModelCell(OnceLock::new())
    }

    /// The model of the configuration rooted at `root`, built the first time it is asked for.
    pub fn get(&'static self, root: &'static StructDesc) -> &'static Model {
        self.0.get_or_init(|| Model::build(root))
    }
}

impl Default for ModelCell {
    fn default() -> Self {
        ModelCell::new()
    }
}

/// Which of a variable's names a value was read under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadAs {
    /// The variable's own name (or nothing was read: a default, derived or unset value).
    Name,
    /// `aliases[i]`.
    Alias(usize),
    /// `<NAME>_FILE`.
    File,
    /// `fallback[i]`.
    Fallback(usize),
}

/// What applies when a variable is unset, with references resolved to variables.
#[derive(Debug, Clone)]
pub(crate) enum DefaultOf {
    None,
    Literal(&'static str),
    TypeDefault,
    /// A template; `refs` maps each field it names to that field's variable.
    Template {
        template: &'static str,
        refs: Vec<(&'static str, usize)>,
    },
    SameAs(usize),
}

/// One backend group a variable sits in: its selector and the values that pick it.
#[derive(Debug, Clone)]
struct Choice {
    selector: usize,
    values: Vec<&'static str>,
}

/// One resolved variable.
#[derive(Debug)]
pub struct Var {
    pub(crate) field: &'static FieldDesc,
    pub(crate) name: String,
    pub(crate) aliases: Vec<String>,
    pub(crate) file: Option<String>,
    pub(crate) path: String,
    /// The field path with flattened structs left out: its key in a TOML file.
    pub(crate) key: String,
    pub(crate) section: Option<&'static str>,
    /// The variable is read only when this holds; otherwise its default applies.
    pub(crate) read_when: Option<Condition>,
    /// The variable is required when any of these holds.
    pub(crate) required_when: Vec<Condition>,
    pub(crate) default: DefaultOf,
    pub(crate) value_type: ValueType,
    pub(crate) optional: bool,
    pub(crate) secret: bool,
    /// Bootstrap-only: declared so, or the profile variable.
    pub(crate) bootstrap: bool,
    pub(crate) strict_bool: bool,
    pub(crate) empty_is_value: bool,
    /// The field path of the innermost optional group (`Option<Struct>`) the variable is in.
    pub(crate) all_or_nothing: Option<String>,
    /// The components that read it: its field's `components(...)`, else the nearest nested
    /// field's around it; empty: every component.
    pub(crate) components: &'static [&'static str],
    /// The numbers of its names in the snapshot: the name, the aliases, the `_FILE` if any,
    /// the fallbacks.
    pub(crate) ids: Vec<u32>,
    choices: Vec<Choice>,
}

impl Var {
    /// The full name read as `read_as`.
    pub(crate) fn name_as(&self, read_as: ReadAs) -> &str {
        match read_as {
            ReadAs::Name => &self.name,
            ReadAs::Alias(i) => &self.aliases[i],
            ReadAs::File => self.file.as_deref().unwrap_or(&self.name),
            ReadAs::Fallback(i) => self.field.fallback[i],
        }
    }

    /// The snapshot number of the name read as `read_as`.
    pub(crate) fn id_as(&self, read_as: ReadAs) -> u32 {
        let file = usize::from(self.file.is_some());
        self.ids[match read_as {
            ReadAs::Name => 0,
            ReadAs::Alias(i) => 1 + i,
            // Without a `_FILE` name, as `name_as`: the name.
            ReadAs::File if file == 0 => 0,
            ReadAs::File => 1 + self.aliases.len(),
            ReadAs::Fallback(i) => 1 + self.aliases.len() + file + i,
        }]
    }

    /// Its own names in lookup order: the name, then the aliases.
    pub(crate) fn own_names(&self) -> impl Iterator<Item = ReadAs> + use<> {
        std::iter::once(ReadAs::Name).chain((0..self.aliases.len()).map(ReadAs::Alias))
    }
}

/// What a field of a struct resolves to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Slot {
    Var(usize),
    Nested(usize),
}

/// One struct of the tree, as the load enters it.
#[derive(Debug)]
pub(crate) struct Scope {
    pub(crate) desc: &'static StructDesc,
    pub(crate) slots: Vec<Slot>,
    /// The variables created under this struct, nested ones included.
    vars: std::ops::Range<usize>,
    /// The struct this one is nested in.
    parent: Option<usize>,
    /// The condition under which its variables are read (a backend group's selector).
    when: Option<Condition>,
}

/// A backend group's variant as the schema lists it.
#[derive(Debug)]
pub(crate) struct GroupEntry {
    pub(crate) selector: usize,
    pub(crate) value: &'static str,
    pub(crate) vars: std::ops::Range<usize>,
}

/// How a name the load may see relates to the configuration.
#[derive(Debug, Clone, Copy)]
enum Named {
    /// A variable's name, alias or `_FILE`.
    Var(usize, ReadAs),
    /// Only some variable's fallback.
    Fallback,
}

/// The resolved model of one configuration. See the module docs.
#[derive(Debug)]
pub struct Model {
    pub(crate) root: &'static StructDesc,
    pub(crate) vars: Vec<Var>,
    pub(crate) scopes: Vec<Scope>,
    pub(crate) groups: Vec<GroupEntry>,
    /// The variable that selects the deployment profile.
    pub(crate) profile: Option<usize>,
    /// Every profile the configuration knows: the built-in ones, then declared ones.
    pub(crate) profiles: Vec<String>,
    pub(crate) checks: Vec<&'static str>,
    /// Mistakes in the declaration the derive could not see (they span several structs);
    /// every load reports them.
    pub(crate) declaration_problems: Vec<String>,
    /// Every name a load may read, numbered, and what it is.
    names: FxHashMap<String, (u32, Named)>,
    /// The names by number.
    name_list: Vec<String>,
    /// Declared names that do not carry the root prefix (for the process-environment filter).
    pub(crate) outside_prefix: Vec<String>,
    /// Name prefixes that belong to the configuration: the root prefix, then every `claims`.
    pub(crate) claimed: Vec<String>,
    /// The `_`-separated words of every declared name: a name sharing none is no misspelling.
    words: rustc_hash::FxHashSet<Box<str>>,
    /// The components (processes) the configuration declares, in order.
    pub(crate) components: Vec<&'static str>,
    /// Every `forbid_names` rule of the configuration.
    pub(crate) name_rules: Vec<&'static NameRule>,
    /// The first two bytes of every declared name: a misspelling starts like the name.
    starts: Starts,
    /// The declared names of one word (no `_`).
    one_word: Vec<Box<str>>,
    /// Whether some variable may hold a path (or a type the model cannot see into), so that a
    /// load needs the home directory for `~`.
    pub(crate) reads_paths: bool,
}

impl Model {
    /// Flattens the tree rooted at `root`.
    pub(crate) fn build(root: &'static StructDesc) -> Model {
        let mut b = Builder {
            model: Model {
                root,
                vars: Vec::new(),
                scopes: Vec::new(),
                groups: Vec::new(),
                profile: None,
                profiles: BUILTIN_PROFILES.iter().map(|p| (*p).to_owned()).collect(),
                checks: Vec::new(),
                declaration_problems: Vec::new(),
                names: FxHashMap::with_hasher(FxBuildHasher),
                name_list: Vec::new(),
                outside_prefix: Vec::new(),
                claimed: Vec::new(),
                words: Default::default(),
                one_word: Vec::new(),
                starts: Starts::default(),
                name_rules: Vec::new(),
                components: Vec::new(),
                reads_paths: false,
            },
            optional_groups: Vec::new(),
        };
        let at = Place {
            prefix: root.prefix.to_owned(),
            path: String::new(),
            key: String::new(),
            section: root.section,
            when: None,
            components: &[],
        };
        b.scope(root, &at, &[], None);
        // References are resolved once the whole tree exists: a path may name a field of a
        // struct declared later.
        for scope in 0..b.model.scopes.len() {
            b.resolve_references(scope);
        }
        b.all_or_nothing();
        b.finish()
    }

    /// The variable read under `name` (its name, an alias or its `_FILE`), and how.
    pub(crate) fn var_named(&self, name: &str) -> Option<(usize, ReadAs)> {
        match self.names.get(name)?.1 {
            Named::Var(v, read_as) => Some((v, read_as)),
            Named::Fallback => None,
        }
    }

    /// Every name a load may read, in no particular order.
    pub(crate) fn declared_names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// Whether `name` starts with a prefix the configuration claims: an undeclared name there
    /// is reported as unknown (an error with `strict`).
    pub(crate) fn claims(&self, name: &str) -> bool {
        self.claimed.iter().any(|c| name.starts_with(c.as_str()))
    }

    /// Whether `name` may misspell a declared name: it shares a word with one (`NEXTAUTH_SECERT`
    /// with `NEXTAUTH_SECRET`), or it is one word near a one-word name (`PORTS`, `PORT`). The
    /// cheap filter before any edit distance is computed.
    pub(crate) fn may_misspell(&self, name: &str) -> bool {
        if !self.starts.contains(name) {
            return false;
        }
        if name.contains('_') {
            name.split('_').any(|w| is_word(w) && self.words.contains(w))
        } else {
            let limit = crate::suggest::typo_limit(name);
            self.one_word.iter().any(|w| w.len().abs_diff(name.len()) <= limit)
        }
    }

    /// Whether some `forbid_names` rule may match `name`, in some profile.
    pub(crate) fn may_be_forbidden(&self, name: &str) -> bool {
        self.name_rules.iter().any(|r| r.matching(name).is_some())
    }

    /// What a key of a TOML file names: a field (by its key, flattened structs left out), a
    /// nested struct, or nothing.
    #[cfg(feature = "toml")]
    pub(crate) fn toml_key(&self, key: &str) -> crate::source::toml::Key<'_> {
        use crate::source::toml::Key;
        if let Some(var) = self.vars.iter().find(|v| v.key == key) {
            return Key::Field(&var.name);
        }
        let table = self.vars.iter().any(|v| v.key.strip_prefix(key).is_some_and(|rest| rest.starts_with('.')));
        if table { Key::Table } else { Key::Unknown }
    }

    /// Every key a TOML file may hold, for "did you mean" hints.
    #[cfg(feature = "toml")]
    pub(crate) fn toml_keys(&self) -> impl Iterator<Item = &str> {
        self.vars.iter().map(|v| v.key.as_str())
    }

    /// The variable with this field path (`s3.region`).
    pub(crate) fn var_at_path(&self, path: &str) -> Option<usize> {
        self.vars.iter().position(|v| v.path == path)
    }

    /// The variable a reference written in `scope` names: a sibling field (`api_url`), or a
    /// path through nested structs (`core.api_url`), followed from the innermost struct, out
    /// to the root, that has a field named like its first step.
    pub(crate) fn resolve(&self, scope: usize, reference: &str) -> Option<usize> {
        let mut steps = reference.split('.');
        let head = steps.next()?;
        let mut at = scope;
        let mut field = loop {
            match self.scopes[at].desc.field_index(head) {
                Some(f) => break f,
                None if reference.contains('.') => at = self.scopes[at].parent?,
                None => return None,
            }
        };
        for step in steps {
            let Slot::Nested(inner) = self.scopes[at].slots[field] else { return None };
            at = inner;
            field = self.scopes[at].desc.field_index(step)?;
        }
        match self.scopes[at].slots[field] {
            Slot::Var(v) => Some(v),
            Slot::Nested(_) => None,
        }
    }

    /// The variables of a struct, nested ones included.
    pub(crate) fn scope_vars(&self, scope: usize) -> std::ops::Range<usize> {
        self.scopes[scope].vars.clone()
    }

    /// The variable of field `i` of scope `scope`.
    pub(crate) fn var_of(&self, scope: usize, i: usize) -> usize {
        match self.scopes[scope].slots[i] {
            Slot::Var(v) => v,
            Slot::Nested(_) => unreachable_slot(),
        }
    }

    /// The scope a nested field `i` of `scope` enters.
    pub(crate) fn nested_of(&self, scope: usize, i: usize) -> usize {
        match self.scopes[scope].slots[i] {
            Slot::Nested(s) => s,
            Slot::Var(_) => unreachable_slot(),
        }
    }
}

#[cold]
#[inline(never)]
fn unreachable_slot() -> ! {
    panic!("EnvConfig: generated code read a field as the wrong kind (a bug in the derive)")
}

/// Where a struct sits: the prefix and path of its fields, its section, and the condition
/// under which its variables are read.
struct Place {
    prefix: String,
    path: String,
    /// The field path with flattened structs left out: the key of a TOML file.
    key: String,
    section: Option<&'static str>,
    when: Option<Condition>,
    /// The components that read its variables, unless a field names its own.
    components: &'static [&'static str],
}

struct Builder {
    model: Model,
    /// Optional groups (`Option<Struct>`): field path and scope, innermost first.
    optional_groups: Vec<(String, usize)>,
}

impl Builder {
    /// Resolves one struct and everything nested in it; returns its scope.
    fn scope(&mut self, desc: &'static StructDesc, at: &Place, choices: &[Choice], parent: Option<usize>) -> usize {
        let index = self.model.scopes.len();
        let first_var = self.model.vars.len();
        self.model.scopes.push(Scope {
            desc,
            slots: vec![Slot::Var(usize::MAX); desc.fields.len()],
            vars: 0..0,
            parent,
            when: at.when.clone(),
        });
        self.model.checks.extend(desc.checks.iter().map(|c| c.description));
        self.model.name_rules.extend(desc.name_rules);
        for c in desc.components {
            if !self.model.components.contains(c) {
                self.model.components.push(c);
            }
        }
        for claim in desc.claims {
            if !self.model.claimed.iter().any(|c| c == claim) {
                self.model.claimed.push((*claim).to_owned());
            }
        }
        for p in desc.profiles {
            if !self.model.profiles.iter().any(|q| q.eq_ignore_ascii_case(p)) {
                self.model.profiles.push(p.to_ascii_lowercase());
            }
        }
        let selector = desc.fields.iter().position(|f| f.selector);
        // Variants of a backend group that carry the same struct under the same prefix share
        // one scope: their variables are declared once, read when the selector is any of them.
        let mut shared: Vec<(usize, &'static StructDesc, String, Vec<usize>)> = Vec::new();
        for (i, fd) in desc.fields.iter().enumerate() {
            let Some(nested) = fd.nested else {
                let v = self.var(desc, fd, at, choices);
                self.model.scopes[index].slots[i] = Slot::Var(v);
                continue;
            };
            let child = (nested.desc)();
            let prefix = format!("{}{}", at.prefix, nested.prefix.unwrap_or(child.prefix));
            match (fd.group_value, selector) {
                (Some(_), Some(_)) => {
                    match shared.iter_mut().find(|(_, d, p, _)| std::ptr::eq(*d, child) && *p == prefix) {
                        Some((_, _, _, fields)) => fields.push(i),
                        None => shared.push((i, child, prefix, vec![i])),
                    }
                }
                _ => {
                    let place = Place {
                        prefix,
                        path: join_path(&at.path, fd.ident),
                        key: if nested.prefix == Some("") { at.key.clone() } else { join_path(&at.key, fd.ident) },
                        section: fd.section.or(child.section).or(at.section),
                        when: at.when.clone(),
                        components: if fd.components.is_empty() { at.components } else { fd.components },
                    };
                    let s = self.scope(child, &place, choices, Some(index));
                    self.model.scopes[index].slots[i] = Slot::Nested(s);
                    if nested.optional {
                        self.optional_groups.push((place.path, s));
                    }
                }
            }
        }
        if let Some(sel) = selector {
            let sel_var = self.model.var_of(index, sel);
            for (first, child, prefix, fields) in shared {
                let values: Vec<&'static str> = fields.iter().filter_map(|&f| desc.fields[f].group_value).collect();
                let condition = Condition::Equals {
                    variable: Text::Owned(self.model.vars[sel_var].name.clone()),
                    values: List::Owned(values.iter().map(|v| Text::Borrowed(*v)).collect()),
                };
                let fd = &desc.fields[first];
                let place = Place {
                    prefix,
                    path: join_path(&at.path, fd.ident),
                    key: join_path(&at.key, fd.ident),
                    section: fd.section.or(child.section).or(at.section),
                    when: Condition::and(at.when.clone(), Some(condition)),
                    components: if fd.components.is_empty() { at.components } else { fd.components },
                };
                let mut inner = choices.to_vec();
                inner.push(Choice { selector: sel_var, values: values.clone() });
                let s = self.scope(child, &place, &inner, Some(index));
                let vars = self.model.scopes[s].vars.clone();
                for &f in &fields {
                    self.model.scopes[index].slots[f] = Slot::Nested(s);
                }
                for value in values {
                    self.model.groups.push(GroupEntry { selector: sel_var, value, vars: vars.clone() });
                }
            }
        }
        self.model.scopes[index].vars = first_var..self.model.vars.len();
        index
    }

    /// Creates the variable of a value field; conditions and references come later, once
    /// every sibling exists.
    fn var(&mut self, desc: &'static StructDesc, fd: &'static FieldDesc, at: &Place, choices: &[Choice]) -> usize {
        let prefix = if fd.no_prefix { "" } else { at.prefix.as_str() };
        let name = format!("{prefix}{}", fd.name);
        let ty = (fd.ty)();
        let strict_bool = fd.strict_bool || desc.strict_bool;
        let mut value_type = ty.value_type;
        refine(&mut value_type.kind, fd, strict_bool, fd.separator);
        let secret = fd.secret || ty.secret;
        let file = fd.file_var.unwrap_or(secret).then(|| format!("{name}_FILE"));
        let default = match fd.default {
            DefaultDesc::None => DefaultOf::None,
            DefaultDesc::Literal(s) => DefaultOf::Literal(s),
            DefaultDesc::TypeDefault(_) => DefaultOf::TypeDefault,
            DefaultDesc::Template(t) => DefaultOf::Template { template: t, refs: Vec::new() },
            DefaultDesc::SameAs(_) => DefaultOf::None,
        };
        self.model.vars.push(Var {
            field: fd,
            aliases: fd.aliases.iter().map(|a| format!("{prefix}{a}")).collect(),
            file,
            path: join_path(&at.path, fd.ident),
            key: if fd.selector { selector_key(&at.key, fd.ident) } else { join_path(&at.key, fd.ident) },
            section: fd.section.or(at.section),
            read_when: None,
            required_when: Vec::new(),
            default,
            value_type,
            optional: ty.optional,
            // Secret by the marker, or by the type (`SecretString` and friends).
            secret,
            bootstrap: fd.bootstrap || fd.profile,
            strict_bool,
            empty_is_value: desc.empty == EmptyValues::Value,
            all_or_nothing: None,
            components: if fd.components.is_empty() { at.components } else { fd.components },
            ids: Vec::new(),
            choices: choices.to_vec(),
            name,
        });
        self.model.vars.len() - 1
    }

    /// Resolves the conditions and defaults of a struct's fields, which name other fields, to
    /// variables.
    fn resolve_references(&mut self, scope: usize) {
        let desc = self.model.scopes[scope].desc;
        for (i, fd) in desc.fields.iter().enumerate() {
            let Slot::Var(v) = self.model.scopes[scope].slots[i] else { continue };
            let mut unknown = Vec::new();
            let mut rename = |model: &Model, reference: &str| match model.resolve(scope, reference) {
                Some(s) => model.vars[s].name.clone(),
                None => {
                    unknown.push(reference.to_owned());
                    reference.to_owned()
                }
            };
            let read_if: Vec<Condition> =
                fd.read_if.iter().map(|c| c.map_variables(&mut |i| rename(&self.model, i))).collect();
            let mut required: Vec<Condition> =
                fd.required_if.iter().map(|c| c.map_variables(&mut |i| rename(&self.model, i))).collect();
            required.extend(
                fd.required_with.iter().map(|i| Condition::Set { variable: Text::Owned(rename(&self.model, i)) }),
            );
            let default = match fd.default {
                DefaultDesc::SameAs(reference) => match self.model.resolve(scope, reference) {
                    Some(s) => DefaultOf::SameAs(s),
                    None => {
                        unknown.push(reference.to_owned());
                        DefaultOf::None
                    }
                },
                DefaultDesc::Template(t) => {
                    let mut refs = Vec::new();
                    for field in template::fields(t) {
                        match self.model.resolve(scope, field) {
                            Some(s) => refs.push((field, s)),
                            None => unknown.push(field.to_owned()),
                        }
                    }
                    DefaultOf::Template { template: t, refs }
                }
                _ => self.model.vars[v].default.clone(),
            };
            for reference in unknown {
                let var = &self.model.vars[v].name;
                let problem = match reference.contains('.') {
                    false => format!("{var}: `{reference}` is not a value field of `{}`", desc.name),
                    true => format!(
                        "{var}: `{reference}` names no value field, looked up from `{}` out to `{}`",
                        desc.name, self.model.root.name
                    ),
                };
                self.model.declaration_problems.push(problem);
            }
            let when = self.model.scopes[scope].when.clone();
            let var = &mut self.model.vars[v];
            var.read_when = Condition::and(when, Condition::any_of(read_if));
            var.required_when = required;
            var.default = default;
        }
    }

    /// In an optional group, a variable that is otherwise required is required when any other
    /// variable of the group is set: one condition per other variable, so that a report names
    /// the one that is.
    fn all_or_nothing(&mut self) {
        for (path, scope) in std::mem::take(&mut self.optional_groups) {
            let vars = self.model.scopes[scope].vars.clone();
            for v in vars.clone() {
                let var = &self.model.vars[v];
                let required = matches!(var.default, DefaultOf::None)
                    && !var.optional
                    && var.field.fallback.is_empty()
                    && !var
                        .field
                        .profile_rules
                        .iter()
                        .any(|r| matches!(r.kind, envspec_schema::ProfileRuleKind::DevDefault { .. }));
                if required {
                    let triggers: Vec<Condition> = vars
                        .clone()
                        .filter(|&o| o != v)
                        .map(|o| Condition::Set { variable: Text::Owned(self.model.vars[o].name.clone()) })
                        .collect();
                    self.model.vars[v].required_when.extend(triggers);
                }
                self.model.vars[v].all_or_nothing.get_or_insert_with(|| path.clone());
            }
        }
    }

    fn finish(mut self) -> Model {
        self.model.reads_paths = self.model.vars.iter().any(|v| may_hold_path(&v.value_type.kind));
        self.index_names();
        let root_prefix = self.model.root.prefix;
        if !root_prefix.is_empty() && !self.model.claimed.iter().any(|c| c == root_prefix) {
            self.model.claimed.insert(0, root_prefix.to_owned());
        }
        let words: Vec<Box<str>> =
            self.model.names.keys().flat_map(|n| n.split('_')).filter(|w| is_word(w)).map(Box::from).collect();
        self.model.words.extend(words);
        for name in self.model.names.keys() {
            self.model.starts.insert(name);
        }
        self.model.one_word =
            self.model.names.keys().filter(|n| !n.contains('_')).map(|n| Box::from(n.as_str())).collect();
        self.find_profile();
        self.check_secret_flow();
        self.check_condition_values();
        self.check_cycles();
        self.check_components();
        self.model
    }

    /// Every component named is declared by some struct, and `required_for`/`default_for`
    /// name components that read the variable.
    fn check_components(&mut self) {
        let m = &mut self.model;
        for var in &m.vars {
            let fd = var.field;
            let named = var.components.iter().chain(fd.required_for).chain(fd.default_for.iter().map(|(c, _)| c));
            for c in named {
                if !m.components.contains(c) {
                    m.declaration_problems.push(format!(
                        "{}: the component `{c}` is not declared; declare it with `#[env(components(...))]` on a struct",
                        var.name
                    ));
                }
            }
            let needs_value = matches!(var.default, DefaultOf::None) && !var.optional && fd.fallback.is_empty();
            if needs_value && !var.components.is_empty() && m.components.iter().any(|c| !var.components.contains(c)) {
                m.declaration_problems.push(format!(
                    "{}: only {} read it, and the others would have no value for it; give it a default or make it optional",
                    var.name,
                    var.components.join(", ")
                ));
            }
            let keys = fd.required_for.iter().map(|c| ("required_for", c));
            for (key, c) in keys.chain(fd.default_for.iter().map(|(c, _)| ("default_for", c))) {
                if !var.components.is_empty() && !var.components.contains(c) {
                    m.declaration_problems.push(format!(
                        "{}: `{key}` names `{c}`, which does not read it (it is read by {})",
                        var.name,
                        var.components.join(", ")
                    ));
                }
            }
        }
    }

    /// A default, or a read condition, that leads back to its own variable never resolves
    /// (the derive sees cycles among siblings; paths can close one across structs).
    fn check_cycles(&mut self) {
        let m = &self.model;
        let edges: Vec<Vec<usize>> = m
            .vars
            .iter()
            .map(|var| {
                let mut out: Vec<usize> = match &var.default {
                    DefaultOf::SameAs(s) => vec![*s],
                    DefaultOf::Template { refs, .. } => refs.iter().map(|(_, s)| *s).collect(),
                    _ => Vec::new(),
                };
                let when = var.read_when.iter().flat_map(|c| c.variables());
                out.extend(when.filter_map(|name| m.var_named(name)).map(|(s, _)| s));
                out
            })
            .collect();
        // Depth-first, colouring: 1 on the current path, 2 done.
        let mut colour = vec![0u8; m.vars.len()];
        let mut problems = Vec::new();
        for start in 0..m.vars.len() {
            if colour[start] != 0 {
                continue;
            }
            let mut path = vec![start];
            let mut next = vec![0usize];
            colour[start] = 1;
            while let (Some(&v), Some(i)) = (path.last(), next.last_mut()) {
                match edges[v].get(*i) {
                    Some(&w) => {
                        *i += 1;
                        if colour[w] == 1 {
                            let from = path.iter().position(|&p| p == w).unwrap_or(0);
                            let names: Vec<&str> =
                                path[from..].iter().chain([&w]).map(|&p| m.vars[p].name.as_str()).collect();
                            problems.push(format!(
                                "{}: defaults or read conditions refer to each other in a cycle ({}), so none can be worked out",
                                m.vars[w].name,
                                names.join(" → ")
                            ));
                        } else if colour[w] == 0 {
                            colour[w] = 1;
                            path.push(w);
                            next.push(0);
                        }
                    }
                    None => {
                        colour[v] = 2;
                        path.pop();
                        next.pop();
                    }
                }
            }
        }
        self.model.declaration_problems.extend(problems);
    }

    /// Every name a load may read; a name read by two variables that can be read together is
    /// a declaration problem.
    fn index_names(&mut self) {
        let m = &mut self.model;
        let prefix = m.root.prefix;
        // Every name gets a number, whoever reads it: the snapshot files values by number.
        let mut ids_of_vars = Vec::with_capacity(m.vars.len());
        for var in &m.vars {
            let names = var.own_names().chain(var.file.is_some().then_some(ReadAs::File));
            let names: Vec<&str> = names.map(|r| var.name_as(r)).chain(var.field.fallback.iter().copied()).collect();
            let ids: Vec<u32> = names
                .into_iter()
                .map(|name| match m.names.get(name) {
                    Some((id, _)) => *id,
                    None => {
                        let id = m.name_list.len() as u32;
                        m.name_list.push(name.to_owned());
                        m.names.insert(name.to_owned(), (id, Named::Fallback));
                        id
                    }
                })
                .collect();
            ids_of_vars.push(ids);
        }
        for (var, ids) in m.vars.iter_mut().zip(ids_of_vars) {
            var.ids = ids;
        }
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        for (v, var) in m.vars.iter().enumerate() {
            let names = var.own_names().chain(var.file.is_some().then_some(ReadAs::File));
            for read_as in names {
                let name = var.name_as(read_as);
                match seen.get(name).map(|&o| (o, &m.vars[o])) {
                    Some((_, first)) if !std::ptr::eq(first, var) && !exclusive(first, var) => {
                        m.declaration_problems.push(format!(
                            "{name} is read by two fields, `{}` and `{}`; rename one",
                            first.path, var.path
                        ));
                    }
                    Some(_) => {}
                    None => {
                        if !name.starts_with(prefix) || prefix.is_empty() {
                            m.outside_prefix.push(name.to_owned());
                        }
                        seen.insert(name, v);
                        if let Some(entry) = m.names.get_mut(name) {
                            entry.1 = Named::Var(v, read_as);
                        }
                    }
                }
            }
        }
        for var in &m.vars {
            for fallback in var.field.fallback {
                let is_var = seen.contains_key(*fallback);
                if !is_var
                    && (!fallback.starts_with(prefix) || prefix.is_empty())
                    && !m.outside_prefix.iter().any(|n| n == fallback)
                {
                    m.outside_prefix.push((*fallback).to_owned());
                }
            }
        }
    }

    /// The profile variable: the one field marked `profile`, wherever it is nested.
    fn find_profile(&mut self) {
        let m = &mut self.model;
        let marked: Vec<usize> = (0..m.vars.len()).filter(|&v| m.vars[v].field.profile).collect();
        if let [first, rest @ ..] = marked.as_slice() {
            for &other in rest {
                m.declaration_problems.push(format!(
                    "{} and {} are both marked `profile`; one variable selects the profile",
                    m.vars[*first].name, m.vars[other].name
                ));
            }
            if m.vars[*first].all_or_nothing.is_some() {
                m.declaration_problems.push(format!(
                    "{} selects the profile but is in an optional group, read only when the group is set; the profile variable must always be read",
                    m.vars[*first].name
                ));
            }
            if m.vars[*first].read_when.is_some() {
                m.declaration_problems.push(format!(
                    "{} selects the profile but is read only under a condition; the profile variable must always be read",
                    m.vars[*first].name
                ));
            }
            m.profile = Some(*first);
        }
    }

    /// A variable that is not secret must not take its value from one that is.
    fn check_secret_flow(&mut self) {
        let m = &mut self.model;
        for v in 0..m.vars.len() {
            if m.vars[v].secret {
                continue;
            }
            let mut sources: Vec<(String, &str)> = Vec::new();
            match &m.vars[v].default {
                DefaultOf::SameAs(s) => sources.push((m.vars[*s].name.clone(), "same_as")),
                DefaultOf::Template { refs, .. } => {
                    sources.extend(refs.iter().map(|(_, s)| (m.vars[*s].name.clone(), "default_from")))
                }
                _ => {}
            }
            sources.retain(|(name, _)| m.var_named(name).is_some_and(|(s, _)| m.vars[s].secret));
            for fallback in m.vars[v].field.fallback {
                if m.var_named(fallback).is_some_and(|(s, _)| m.vars[s].secret) {
                    sources.push(((*fallback).to_owned(), "fallback"));
                }
            }
            for (source, how) in sources {
                let var = &mut m.vars[v];
                m.declaration_problems.push(format!(
                    "{} takes its value from the secret {source} (`{how}`) but is not secret; mark it `secret`",
                    var.name
                ));
                var.secret = true;
            }
        }
    }

    /// A condition comparing an enum to a value it cannot take never holds: a typo.
    fn check_condition_values(&mut self) {
        let m = &mut self.model;
        let mut problems = Vec::new();
        for var in &m.vars {
            for c in var.required_when.iter().chain(&var.read_when) {
                collect_bad_values(m, &var.name, c, &mut problems);
            }
        }
        m.declaration_problems.extend(problems);
    }
}

fn collect_bad_values(m: &Model, owner: &str, c: &Condition, out: &mut Vec<String>) {
    match c {
        Condition::Equals { variable, values } => {
            let Some((v, _)) = m.var_named(variable) else { return };
            if let TypeKind::Enum { values: spellings } = &m.vars[v].value_type.kind {
                for want in values.iter() {
                    if m.vars[v].value_type.kind.canonical(want).is_none() {
                        let names: Vec<&str> = spellings.iter().map(|s| s.name.as_str()).collect();
                        out.push(format!(
                            "{owner}: the condition {variable}={want} can never hold; {variable} is one of: {}",
                            names.join(", ")
                        ));
                    }
                }
            }
        }
        Condition::Any { conditions } | Condition::All { conditions } => {
            conditions.iter().for_each(|c| collect_bad_values(m, owner, c, out))
        }
        _ => {}
    }
}

/// Whether two variables can never be read in the same load: they sit in different variants
/// of one backend group.
fn exclusive(a: &Var, b: &Var) -> bool {
    a.choices
        .iter()
        .any(|x| b.choices.iter().any(|y| x.selector == y.selector && !x.values.iter().any(|v| y.values.contains(v))))
}

/// Whether a value of this kind may be a path: a path, a list of paths, or a type that
/// describes itself (and may read one).
fn may_hold_path(kind: &TypeKind) -> bool {
    match kind {
        TypeKind::Path | TypeKind::Custom { .. } => true,
        TypeKind::List { item, .. } => may_hold_path(item),
        _ => false,
    }
}

/// Applies a field's reading options to its type: `strict_bool` to booleans (list items
/// included), `separator` to lists, `unit` to durations.
fn refine(kind: &mut TypeKind, fd: &FieldDesc, strict_bool: bool, separator: Option<&'static str>) {
    match kind {
        TypeKind::Boolean { strict } => *strict |= strict_bool,
        TypeKind::Duration { unit } => *unit = fd.unit.map(str::to_owned),
        TypeKind::List { item, separator: sep, .. } => {
            if let Some(s) = separator {
                *sep = Some(s.to_owned());
            }
            refine(item, fd, strict_bool, None);
        }
        _ => {}
    }
}

impl Names for Model {
    /// A declared name (plain when it cannot hold a secret: a non-secret variable, or a
    /// `_FILE` path), a name a load may report (under a claimed prefix, a possible
    /// misspelling, a name `forbid_names` may forbid), `HOME` for `~`; nothing else.
    fn classify(&self, name: &str) -> (Keep, Option<u32>) {
        match self.names.get(name) {
            Some((id, Named::Var(v, read_as))) if *read_as == ReadAs::File || !self.vars[*v].secret => {
                (Keep::Plain, Some(*id))
            }
            Some((id, _)) => (Keep::Wipe, Some(*id)),
            None if name == "HOME" => (Keep::Plain, None),
            None if self.claims(name) || self.may_misspell(name) || self.may_be_forbidden(name) => (Keep::Wipe, None),
            None => (Keep::No, None),
        }
    }

    fn name(&self, id: u32) -> &str {
        &self.name_list[id as usize]
    }

    fn count(&self) -> usize {
        self.name_list.len()
    }
}

/// A set of two-byte name starts, one bit each: the first test a possible misspelling passes,
/// a load and a shift.
struct Starts(Box<[u64; 1024]>);

impl Default for Starts {
    fn default() -> Self {
        Starts(Box::new([0; 1024]))
    }
}

impl std::fmt::Debug for Starts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Starts")
    }
}

impl Starts {
    fn key(name: &str) -> usize {
        let b = name.as_bytes();
        (usize::from(b.first().copied().unwrap_or(0)) << 8) | usize::from(b.get(1).copied().unwrap_or(0))
    }

    fn insert(&mut self, name: &str) {
        let k = Starts::key(name);
        self.0[k / 64] |= 1 << (k % 64);
    }

    fn contains(&self, name: &str) -> bool {
        let k = Starts::key(name);
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

/// A word of a name that can tell two names apart: two characters or more, not only digits
/// (`APP_S_3` and `UNRELATED_3` share nothing that matters).
fn is_word(w: &str) -> bool {
    w.len() >= 2 && !w.bytes().all(|b| b.is_ascii_digit())
}

/// `parent.ident`, or `ident` at the root.
pub(crate) fn join_path(parent: &str, ident: &str) -> String {
    if parent.is_empty() { ident.to_owned() } else { format!("{parent}.{ident}") }
}

/// The key of a backend group's selector: in the group's table, without the group's own name
/// when the selector repeats it. `vault: Vault` selected by `VAULT_BACKEND` is `vault.backend`
/// (flag `--vault-backend`), not `vault.vault_backend`.
fn selector_key(group: &str, ident: &str) -> String {
    let own = group.rsplit('.').next().unwrap_or_default();
    let short =
        ident.strip_prefix(own).and_then(|rest| rest.strip_prefix('_')).filter(|r| !own.is_empty() && !r.is_empty());
    join_path(group, short.unwrap_or(ident))
}
