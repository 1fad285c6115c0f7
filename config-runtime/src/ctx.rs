//! The load context that generated `__build` functions call: one non-generic walk over the
//! static descriptors per field, plus thin generic entry points per field *type*.

use crate::EnvConfig;
use crate::desc::{DefaultDesc, EmptyValues, FieldDesc, StructDesc};
use crate::error::{Problem, ShownValue, Warning};
use crate::record::{ReadAs, Reads, Record, Scope};
use crate::report::ValueSource;
use crate::rules::{self, RuleError};
use crate::schema::{Condition, ProfileRuleKind, Severity};
use crate::source::{Origin, Snapshot, read_secret_file};
use crate::value::{EnvValue, ParseContext, ValueError, ValueView};
use std::borrow::Cow;
use std::cell::RefCell;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// A struct-level check: `Err` holds the message shown to the operator.
pub type StructCheck<S> = fn(&S) -> Result<(), String>;

/// What a field validator can be given: the field itself, or the value inside an `Option`.
pub trait Validated<X> {
    /// The value to validate, `None` when there is none.
    fn validated(&self) -> Option<&X>;
}

impl<T> Validated<T> for T {
    fn validated(&self) -> Option<&T> {
        Some(self)
    }
}

impl<T> Validated<T> for Option<T> {
    fn validated(&self) -> Option<&T> {
        self.as_ref()
    }
}

/// A raw value: borrowed from the snapshot or a declaration, or owned (file contents,
/// rendered templates) and zeroized on drop.
enum Raw<'a> {
    Borrowed(&'a str),
    Owned(Zeroizing<String>),
}

impl Raw<'_> {
    fn as_str(&self) -> &str {
        match self {
            Raw::Borrowed(s) => s,
            Raw::Owned(s) => s,
        }
    }
}

/// What the lookup of one field found.
struct Found<'a> {
    raw: Option<Raw<'a>>,
    source: ValueSource,
    read_as: ReadAs,
    /// Why the variable is required when it is only in some cases (`in production`).
    required_reason: Option<String>,
}

impl Found<'_> {
    fn unset(required_reason: Option<String>) -> Self {
        Found { raw: None, source: ValueSource::Unset, read_as: ReadAs::Name, required_reason }
    }

    fn with(raw: Raw<'_>, source: ValueSource, read_as: ReadAs) -> Found<'_> {
        Found { raw: Some(raw), source, read_as, required_reason: None }
    }
}

/// Why a field's lookup failed; names are spelled out only when this is reported.
enum Miss {
    NotUnicode(ReadAs),
    /// Several of the field's names are set (to different values, or with `_FILE`).
    Conflict(Vec<ReadAs>),
    SecretFile {
        path: PathBuf,
        message: String,
    },
}

/// What reading one name from the snapshot gave.
enum RawRead<'a> {
    Unset,
    NotUnicode,
    Text(&'a str, &'a Origin),
}

struct Frame {
    desc: &'static StructDesc,
    /// Index into `Reads::scopes`: the prefix and path of this struct's fields.
    scope: usize,
    section: Option<&'static str>,
}

/// The state of one load. Generated code calls its `value`, `nested` and `check` methods;
/// everything else is internal.
pub struct Ctx<'a> {
    snapshot: &'a Snapshot,
    profile: Option<String>,
    /// Shared by every field; `strict_bool` and `separator` are set per field before parsing.
    parse: ParseContext,
    frames: Vec<Frame>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) warnings: Vec<Warning>,
    pub(crate) reads: Reads,
    /// Where [`read_raw`](Self::read_raw) joins a name before looking it up.
    name_buf: RefCell<String>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        snapshot: &'a Snapshot,
        root: &'static StructDesc,
        profile: Option<String>,
        home: Option<PathBuf>,
    ) -> Self {
        Ctx {
            snapshot,
            profile,
            parse: ParseContext { strict_bool: false, home, separator: None },
            frames: vec![Frame { desc: root, scope: 0, section: root.section }],
            problems: Vec::new(),
            warnings: Vec::new(),
            reads: Reads {
                scopes: vec![Scope { prefix: root.prefix.to_owned(), path: String::new() }],
                records: Vec::with_capacity(root.fields.len()),
            },
            name_buf: RefCell::new(String::with_capacity(64)),
        }
    }

    /// Reads field `i` of the current struct as an [`EnvValue`].
    #[inline(never)]
    pub fn value<T: EnvValue>(&mut self, i: usize) -> Option<T> {
        self.read(i, &T::parse_env, T::unset, T::view, None)
    }

    /// Reads a backend group's selector (field `i`): the index of the chosen variant.
    pub fn select(&mut self, i: usize, variants: &'static [crate::enums::EnumVariant]) -> Option<usize> {
        self.read(i, &|raw, _| crate::enums::parse_enum(raw, variants), || None, |_| ValueView::Opaque, None)
    }

    /// Reads field `i`, falling back to `T::default()` when unset.
    #[inline(never)]
    pub fn value_or_default<T: EnvValue + Default>(&mut self, i: usize) -> Option<T> {
        self.read(i, &T::parse_env, T::unset, T::view, Some(T::default))
    }

    /// Reads field `i` with an explicit parser (`#[env(json)]`, `#[env(from_str)]`).
    pub fn value_with<T>(
        &mut self,
        i: usize,
        parse: fn(&str, &ParseContext) -> Result<T, ValueError>,
        unset: fn() -> Option<T>,
    ) -> Option<T> {
        self.read(i, &parse, unset, |_| ValueView::Opaque, None)
    }

    /// Reads field `i` as a nested configuration struct.
    #[inline(never)]
    pub fn nested<C: EnvConfig>(&mut self, i: usize) -> Option<C> {
        self.enter(i);
        let out = C::__build(self);
        self.frames.pop();
        out
    }

    /// Runs a field's custom validator on its value, if it was read and is set. The
    /// validator takes the field type, or for an `Option<T>` field either `&Option<T>` or `&T`.
    pub fn validate<F: Validated<X>, X>(&mut self, i: usize, value: &Option<F>, check: fn(&X) -> Result<(), String>) {
        if let Some(v) = value.as_ref().and_then(F::validated) {
            if let Err(message) = check(v) {
                let variable = self.name_of(self.field(i));
                self.problems.push(Problem::Validation { variable, message });
            }
        }
    }

    /// Runs struct-level checks once every field has been read.
    pub fn check<S>(&mut self, value: &S, checks: &[StructCheck<S>]) {
        for check in checks {
            if let Err(message) = check(value) {
                self.problems.push(Problem::Check { message });
            }
        }
    }

    /// The active profile, lowercased, if one is known.
    pub fn profile(&self) -> Option<&str> {
        self.profile.as_deref()
    }

    /// Never inlined: `__build` makes one call per field, and inlining this body into each
    /// call makes release compile time grow superlinearly with the field count.
    #[inline(never)]
    fn read<T>(
        &mut self,
        i: usize,
        parse: &dyn Fn(&str, &ParseContext) -> Result<T, ValueError>,
        unset: fn() -> Option<T>,
        view: fn(&T) -> ValueView<'_>,
        type_default: Option<fn() -> T>,
    ) -> Option<T> {
        let fd = self.field(i);
        let mut found = self.lookup(fd)?;
        let value = match &found.raw {
            Some(raw) => {
                self.parse.separator = fd.separator;
                self.parse.strict_bool = fd.strict_bool || self.frame().desc.strict_bool;
                match parse(raw.as_str(), &self.parse) {
                    Ok(v) => v,
                    Err(error) => {
                        self.invalid(fd, &found, error);
                        return None;
                    }
                }
            }
            None => {
                if let Some(reason) = self.conditionally_required(fd).or(found.required_reason.take()) {
                    self.missing(fd, Some(reason));
                    return None;
                }
                match type_default {
                    Some(make) => {
                        found.source = ValueSource::Default;
                        make()
                    }
                    None => match unset() {
                        Some(v) => v,
                        None => {
                            self.missing(fd, None);
                            return None;
                        }
                    },
                }
            }
        };
        self.check_value(fd, &found, &view(&value));
        self.record(fd, found);
        Some(value)
    }

    fn frame(&self) -> &Frame {
        self.frames.last().expect("a load always has a root frame")
    }

    fn field(&self, i: usize) -> &'static FieldDesc {
        &self.frame().desc.fields[i]
    }

    fn enter(&mut self, i: usize) {
        let fd = self.field(i);
        let nested = fd.nested.expect("`nested` is only generated for nested fields");
        let desc = (nested.desc)();
        let parent = self.frame();
        let section = fd.section.or(desc.section).or(parent.section);
        let parent = self.scope();
        let scope = Scope {
            prefix: [parent.prefix.as_str(), nested.prefix.unwrap_or(desc.prefix)].concat(),
            path: join_path(&parent.path, fd.ident),
        };
        self.reads.scopes.push(scope);
        self.frames.push(Frame { desc, scope: self.reads.scopes.len() - 1, section });
    }

    fn scope(&self) -> &Scope {
        &self.reads.scopes[self.frame().scope]
    }

    /// The full variable name of a field of the current struct. Only for reports: lookups
    /// compare the name in parts and build nothing.
    fn name_of(&self, fd: &FieldDesc) -> String {
        self.scope().name(fd, ReadAs::Name)
    }

    /// Reads the variable named by the concatenation of `parts`, joined in a buffer the load
    /// reuses: a load looks up every declared name, and allocating each would cost more than
    /// the lookup.
    fn read_raw(&self, parts: &[&str]) -> RawRead<'a> {
        let snapshot: &'a Snapshot = self.snapshot;
        let entry = {
            let mut name = self.name_buf.borrow_mut();
            name.clear();
            parts.iter().for_each(|p| name.push_str(p));
            snapshot.read(&name)
        };
        match entry {
            None => RawRead::Unset,
            Some(entry) => match &entry.value {
                Err(_) => RawRead::NotUnicode,
                Ok(s) if s.is_empty() && self.frame().desc.empty == EmptyValues::Unset => RawRead::Unset,
                Ok(s) => RawRead::Text(s.as_str(), entry.origin()),
            },
        }
    }

    /// Reads `fd` under one of its names.
    fn read_as(&self, fd: &FieldDesc, read_as: ReadAs) -> RawRead<'a> {
        let prefix = self.scope().prefix_of(fd);
        match read_as {
            ReadAs::Name => self.read_raw(&[prefix, fd.name]),
            ReadAs::Alias(i) => self.read_raw(&[prefix, fd.aliases[i]]),
            ReadAs::File => self.read_raw(&[prefix, fd.name, "_FILE"]),
            ReadAs::Fallback(i) => self.read_raw(&[fd.fallback[i]]),
        }
    }

    /// Finds the raw value of a field: its name and aliases, `<NAME>_FILE`, fallbacks, then
    /// defaults. Problems found on the way are recorded; `None` means the field failed.
    fn lookup(&mut self, fd: &'static FieldDesc) -> Option<Found<'a>> {
        if !fd.read_if.is_empty() && !fd.read_if.iter().any(|c| self.condition_holds(c)) {
            // `read_if`: the variable means nothing now; its default (or `None`) applies.
            return Some(self.default_of(fd));
        }
        match self.find(fd) {
            Ok(found) => {
                // Set under its own name or an alias (a fallback is another variable).
                if let (Some(note), ValueSource::Set(_), ReadAs::Name | ReadAs::Alias(_)) =
                    (fd.deprecated, &found.source, found.read_as)
                {
                    let variable = self.scope().name(fd, found.read_as);
                    self.warnings.push(Warning::Deprecated { variable, note: note.to_owned() });
                }
                if let ReadAs::Alias(_) = found.read_as {
                    let alias = self.scope().name(fd, found.read_as);
                    self.warnings.push(Warning::AliasUsed { variable: self.name_of(fd), alias });
                }
                Some(found)
            }
            Err(miss) => {
                let scope = self.scope();
                let problem = match miss {
                    Miss::NotUnicode(read_as) => Problem::NotUnicode { variable: scope.name(fd, read_as) },
                    Miss::Conflict(names) => Problem::Conflict {
                        variable: scope.name(fd, ReadAs::Name),
                        names: names.into_iter().map(|r| scope.name(fd, r)).collect(),
                    },
                    Miss::SecretFile { path, message } => {
                        Problem::SecretFile { variable: scope.name(fd, ReadAs::Name), path, message }
                    }
                };
                self.problems.push(problem);
                None
            }
        }
    }

    /// The lookup proper, allocating nothing unless a file is read or something is wrong.
    fn find(&self, fd: &'static FieldDesc) -> Result<Found<'a>, Miss> {
        let mut hit: Option<(ReadAs, &'a str, &'a Origin)> = None;
        let mut conflict = false;
        for read_as in ReadAs::own_names(fd) {
            match self.read_as(fd, read_as) {
                RawRead::Unset => {}
                RawRead::NotUnicode => return Err(Miss::NotUnicode(read_as)),
                RawRead::Text(v, origin) => match &hit {
                    None => hit = Some((read_as, v, origin)),
                    Some((_, first, _)) => conflict |= *first != v,
                },
            }
        }
        if conflict {
            let set = ReadAs::own_names(fd).filter(|&r| matches!(self.read_as(fd, r), RawRead::Text(..)));
            return Err(Miss::Conflict(set.collect()));
        }
        if fd.file_var.unwrap_or(fd.secret) {
            if let RawRead::Text(path, _) = self.read_as(fd, ReadAs::File) {
                if let Some((read_as, _, _)) = hit {
                    return Err(Miss::Conflict(vec![read_as, ReadAs::File]));
                }
                let path = PathBuf::from(path);
                return match read_secret_file(&path) {
                    Ok(text) => Ok(Found::with(Raw::Owned(text), ValueSource::SecretFile { path }, ReadAs::File)),
                    Err(message) => Err(Miss::SecretFile { path, message }),
                };
            }
        }
        if let Some((read_as, v, origin)) = hit {
            return Ok(Found::with(Raw::Borrowed(v), ValueSource::Set(origin.clone()), read_as));
        }
        for i in 0..fd.fallback.len() {
            match self.read_as(fd, ReadAs::Fallback(i)) {
                RawRead::Text(v, origin) => {
                    return Ok(Found::with(Raw::Borrowed(v), ValueSource::Set(origin.clone()), ReadAs::Fallback(i)));
                }
                RawRead::NotUnicode => return Err(Miss::NotUnicode(ReadAs::Fallback(i))),
                RawRead::Unset => {}
            }
        }
        Ok(self.default_of(fd))
    }

    /// The default of an unset field, honouring `dev_default` profile rules.
    fn default_of(&self, fd: &'static FieldDesc) -> Found<'a> {
        for rule in fd.profile_rules {
            if let ProfileRuleKind::DevDefault { value } = &rule.kind {
                let active = self.profile.as_deref().unwrap_or("");
                if rule.profiles.iter().any(|p| p.eq_ignore_ascii_case(active)) {
                    return Found::unset(Some(format!("in {active}")));
                }
                let raw = match value {
                    Cow::Borrowed(s) => Raw::Borrowed(s),
                    Cow::Owned(s) => Raw::Owned(Zeroizing::new(s.clone())),
                };
                return Found::with(raw, ValueSource::Default, ReadAs::Name);
            }
        }
        let derived = |text: Option<Zeroizing<String>>| match text {
            Some(text) => Found::with(Raw::Owned(text), ValueSource::Derived, ReadAs::Name),
            None => Found::unset(None),
        };
        match fd.default {
            DefaultDesc::Literal(s) => Found::with(Raw::Borrowed(s), ValueSource::Default, ReadAs::Name),
            DefaultDesc::Template(t) => derived(self.render(t)),
            DefaultDesc::SameAs(ident) => derived(self.effective(ident, 0)),
            DefaultDesc::TypeDefault(_) | DefaultDesc::None => Found::unset(None),
        }
    }

    /// The raw value a sibling field would get: set, or its default (depth-limited).
    fn effective(&self, ident: &str, depth: u8) -> Option<Zeroizing<String>> {
        let fd = self.frame().desc.field(ident)?;
        for read_as in ReadAs::own_names(fd) {
            if let RawRead::Text(v, _) = self.read_as(fd, read_as) {
                return Some(Zeroizing::new(v.to_owned()));
            }
        }
        if depth > 8 {
            return None;
        }
        match fd.default {
            DefaultDesc::Literal(s) => Some(Zeroizing::new(s.to_owned())),
            DefaultDesc::Template(t) if depth < 8 => self.render_at(t, depth + 1),
            DefaultDesc::SameAs(other) => self.effective(other, depth + 1),
            _ => None,
        }
    }

    fn render(&self, template: &str) -> Option<Zeroizing<String>> {
        self.render_at(template, 0)
    }

    /// Replaces each `{field}` with the field's effective raw value; `None` if one is unset.
    fn render_at(&self, template: &str, depth: u8) -> Option<Zeroizing<String>> {
        let mut out = Zeroizing::new(String::new());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}')? + open;
            let (field, filter) = crate::template::split(&rest[open + 1..close]);
            let value = self.effective(field, depth)?;
            match filter {
                Some(f) => out.push_str(&crate::template::apply(f, &value)?),
                None => out.push_str(&value),
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// Whether a condition on sibling fields holds, counting a selector's literal default.
    fn condition_holds(&self, condition: &Condition) -> bool {
        self.resolve(condition).holds(&|name| match self.read_raw(&[name]) {
            RawRead::Text(v, _) => Some(v.to_owned()),
            _ => self.default_literal_of_var(name),
        })
    }

    /// Why an unset optional field is required all the same, if it is.
    fn conditionally_required(&self, fd: &FieldDesc) -> Option<String> {
        for condition in fd.required_if {
            if self.condition_holds(condition) {
                return Some(format!("when {}", self.resolve(condition)));
            }
        }
        for ident in fd.required_with {
            if let Some(other) = self.frame().desc.field(ident) {
                if matches!(self.read_as(other, ReadAs::Name), RawRead::Text(..)) {
                    return Some(format!("when {} is set", self.name_of(other)));
                }
            }
        }
        None
    }

    /// Condition variables name sibling fields; resolve them to variable names.
    fn resolve(&self, condition: &Condition) -> Condition {
        condition.map_variables(&mut |ident| match self.frame().desc.field(ident) {
            Some(fd) => self.name_of(fd),
            None => ident.to_owned(),
        })
    }

    /// The literal default of the sibling whose variable is `name` (conditions on selectors
    /// such as `STORAGE_ADAPTER=sqlite` hold when the selector is defaulted).
    fn default_literal_of_var(&self, name: &str) -> Option<String> {
        let scope = self.scope();
        let is_named = |f: &FieldDesc| crate::source::is_joined(name, &[scope.prefix_of(f), f.name]);
        let fd = self.frame().desc.fields.iter().find(|f| f.nested.is_none() && is_named(f))?;
        match fd.default {
            DefaultDesc::Literal(s) => Some(s.to_owned()),
            _ => None,
        }
    }

    fn check_value(&mut self, fd: &'static FieldDesc, found: &Found<'_>, view: &ValueView<'_>) {
        for rule in fd.rules {
            match rules::satisfies(rule, view) {
                Ok(()) => {}
                Err(RuleError::Broken) => self.problems.push(Problem::Rule {
                    variable: self.name_of(fd),
                    value: shown(found, fd.secret),
                    rule: rule.to_string(),
                    profile: None,
                }),
                Err(RuleError::BadPattern(e)) => self.problems.push(Problem::Validation {
                    variable: self.name_of(fd),
                    message: format!("the declared pattern cannot be checked: {e}; fix the declaration or the build"),
                }),
            }
        }
        let Some(profile) = self.profile.clone() else { return };
        for rule in fd.profile_rules {
            let Some(severity) = rule.severity_in(&profile) else { continue };
            let set_by_source = matches!(found.source, ValueSource::Set(_) | ValueSource::SecretFile { .. });
            let problem = match &rule.kind {
                ProfileRuleKind::RequiredIn if !set_by_source => Some(self.profile_problem(fd, &rule.kind, &profile)),
                ProfileRuleKind::ForbiddenIn if set_by_source && !matches!(view, ValueView::Bool(false)) => {
                    Some(self.profile_problem(fd, &rule.kind, &profile))
                }
                ProfileRuleKind::NotDefaultIn if self.is_declared_default(fd, found) => {
                    Some(self.profile_problem(fd, &rule.kind, &profile))
                }
                ProfileRuleKind::Constraint { rule: inner } => match rules::satisfies(inner, view) {
                    Err(RuleError::Broken) => Some(Problem::Rule {
                        variable: self.name_of(fd),
                        value: shown(found, fd.secret),
                        rule: inner.to_string(),
                        profile: Some(profile.clone()),
                    }),
                    _ => None,
                },
                _ => None,
            };
            if let Some(p) = problem {
                match severity {
                    Severity::Error => self.problems.push(p),
                    Severity::Warning => self.warnings.push(Warning::Downgraded(p)),
                }
            }
        }
    }

    fn profile_problem(&self, fd: &FieldDesc, kind: &ProfileRuleKind, profile: &str) -> Problem {
        Problem::Profile { variable: self.name_of(fd), demand: kind.to_string(), profile: profile.to_owned() }
    }

    /// Whether the value is the declared literal default, whether defaulted or set to it.
    fn is_declared_default(&self, fd: &FieldDesc, found: &Found<'_>) -> bool {
        match (&found.source, fd.default, &found.raw) {
            (ValueSource::Default, _, _) => true,
            (_, DefaultDesc::Literal(d), Some(raw)) => raw.as_str() == d,
            _ => false,
        }
    }

    fn invalid(&mut self, fd: &FieldDesc, found: &Found<'_>, error: ValueError) {
        let variable = self.name_of(fd);
        if matches!(found.source, ValueSource::Default) && found.read_as == ReadAs::Name {
            self.problems.push(Problem::BadDefault { variable, error });
            return;
        }
        self.problems.push(Problem::Invalid {
            variable,
            read_from: (found.read_as != ReadAs::Name).then(|| self.scope().name(fd, found.read_as)),
            value: shown(found, fd.secret),
            error,
        });
    }

    fn missing(&mut self, fd: &FieldDesc, reason: Option<String>) {
        self.problems.push(Problem::Missing { variable: self.name_of(fd), reason });
    }

    fn record(&mut self, fd: &'static FieldDesc, found: Found<'_>) {
        let scope = self.frame().scope;
        self.reads.records.push(Record { scope, field: fd, source: found.source, read_as: found.read_as });
    }
}

fn shown(found: &Found<'_>, secret: bool) -> ShownValue {
    ShownValue::new(found.raw.as_ref().map(Raw::as_str).unwrap_or(""), secret)
}

pub(crate) fn join_path(parent: &str, ident: &str) -> String {
    if parent.is_empty() { ident.to_owned() } else { format!("{parent}.{ident}") }
}
