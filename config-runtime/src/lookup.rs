//! Finding a variable's raw value in the sources of a load: under its name or an alias, in the
//! file its `_FILE` variable names, under a fallback, or from its default. This one lookup
//! serves the load itself, every condition (`required_if`, `read_if`, backend groups),
//! `default_from` and `same_as` defaults, and the choice of the deployment profile, so a value
//! reaches a rule by the same route whichever asks.

use crate::desc::Who;
use crate::mask::Redactor;
use crate::model::{DefaultOf, Model, ReadAs};
use crate::report::ValueSource;
use crate::source::{Origin, Snapshot, read_secret_file};
use envspec_schema::{Condition, Lookup, Observed, ProfileRuleKind, Severity, TypeKind, profile_name, template};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use zeroize::Zeroizing;

/// A raw value: borrowed from the sources or a declaration, or owned (file contents,
/// rendered templates) and zeroized on drop.
pub(crate) enum Raw<'a> {
    Borrowed(&'a str),
    Owned(Zeroizing<String>),
}

impl Raw<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Raw::Borrowed(s) => s,
            Raw::Owned(s) => s,
        }
    }
}

/// What the lookup of one variable found.
pub(crate) struct Found<'a> {
    pub(crate) raw: Option<Raw<'a>>,
    pub(crate) source: ValueSource,
    pub(crate) read_as: ReadAs,
    /// Why the variable is required when unset here (`in production`: a `dev_default` that
    /// does not apply).
    pub(crate) required_reason: Option<String>,
}

impl<'a> Found<'a> {
    /// Where a source set the value, if one did.
    pub(crate) fn origin(&self) -> Option<&Origin> {
        match &self.source {
            ValueSource::Set(origin) => Some(origin),
            _ => None,
        }
    }

    fn unset(required_reason: Option<String>) -> Self {
        Found { raw: None, source: ValueSource::Unset, read_as: ReadAs::Name, required_reason }
    }

    fn with(raw: Raw<'a>, source: ValueSource, read_as: ReadAs) -> Self {
        Found { raw: Some(raw), source, read_as, required_reason: None }
    }

    /// Whether a source set the value (rather than a default).
    pub(crate) fn is_set(&self) -> bool {
        matches!(self.source, ValueSource::Set(_) | ValueSource::SecretFile { .. })
    }
}

/// Why a lookup failed.
pub(crate) enum Miss {
    NotUnicode(ReadAs),
    /// Several of the variable's names are set (to different values, or with `_FILE`).
    Conflict(Vec<ReadAs>),
    SecretFile {
        path: PathBuf,
        message: String,
    },
}

/// What reading one name gave.
enum RawRead<'a> {
    Unset,
    NotUnicode,
    Text(&'a str, &'a Origin),
}

/// One step of the search for a variable's value, in the order `Sources::find` takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// Not read at all while its `read_if` or backend-group condition does not hold.
    Condition,
    /// Its own name, then its aliases (set to different values, they are an error).
    Names,
    /// The file its `<NAME>_FILE` variable names, for a variable that accepts one.
    File,
    /// Its fallback variables, in order.
    Fallbacks,
    /// Its default: a `dev_default` outside its profiles, a literal, a derived value.
    Default,
}

impl Step {
    /// Every step, in the order the loader takes them.
    pub const ORDER: [Step; 5] = [Step::Condition, Step::Names, Step::File, Step::Fallbacks, Step::Default];

    /// What the step does, as the operator documentation says it.
    pub fn describe(self) -> &'static str {
        match self {
            Step::Condition => {
                "a variable read only under a condition (`read_if`, a backend group) is not read while it does not hold: its default applies"
            }
            Step::Names => "its own name, then its aliases; two of them set to different values are an error",
            Step::File => {
                "for a secret (or a variable marked `file`), the file its `<NAME>_FILE` variable names; setting both is an error"
            }
            Step::Fallbacks => "its fallback variables, in order",
            Step::Default => {
                "its default: a `dev_default` outside production, the declared default, or a value derived from other variables"
            }
        }
    }
}

/// How deep defaults and conditions may refer to each other before a lookup gives up: the
/// derive refuses cycles, so this only bounds a declaration it could not see.
const MAX_DEPTH: u8 = 16;

/// The sources of one load, as the model reads them.
pub(crate) struct Sources<'a> {
    pub(crate) model: &'static Model,
    snapshot: &'a Snapshot,
    /// The active profile, lowercased.
    pub(crate) profile: Option<String>,
    /// The component loading, if one was named.
    pub(crate) component: Option<&'static str>,
    /// `_FILE` contents by variable: each file is read once per load, so the value loaded and
    /// the value a condition saw are the same.
    files: RefCell<FxHashMap<usize, Result<Zeroizing<String>, String>>>,
    depth: Cell<u8>,
}

impl<'a> Sources<'a> {
    pub(crate) fn new(model: &'static Model, snapshot: &'a Snapshot, profile: Option<String>) -> Self {
        Sources { model, snapshot, profile, component: None, files: RefCell::default(), depth: Cell::new(0) }
    }

    /// The profile the sources select through the profile variable (any of its routes, an
    /// enum alias included), or its default.
    pub(crate) fn selected_profile(model: &'static Model, snapshot: &Snapshot) -> Option<String> {
        let v = model.profile?;
        let sources = Sources::new(model, snapshot, None);
        let (raw, _) = sources.effective(v)?;
        Some(profile_name(Some(&model.vars[v].value_type.kind), raw.as_str()))
    }

    fn read(&self, v: usize, read_as: ReadAs) -> RawRead<'a> {
        let var = &self.model.vars[v];
        match self.snapshot.get_id(var.id_as(read_as)) {
            None => RawRead::Unset,
            Some(entry) => match &entry.value {
                Err(_) => RawRead::NotUnicode,
                Ok(s) if s.is_empty() && !var.empty_is_value => RawRead::Unset,
                Ok(s) => RawRead::Text(s.as_str(), entry.origin()),
            },
        }
    }

    /// The lookup proper. Problems are returned, not recorded: conditions ask too.
    pub(crate) fn find(&self, v: usize) -> Result<Found<'a>, Miss> {
        let var = &self.model.vars[v];
        if var.field.role == Who::Reserved || !self.reads(v) {
            // Declared for later, or read by other components: not read, whatever is set.
            return Ok(self.default_of(v));
        }
        if let Some(when) = &var.read_when {
            if !self.holds(when) {
                // Not read: its default (or nothing) applies, whatever is set.
                return Ok(self.default_of(v));
            }
        }
        let mut hit: Option<(ReadAs, &'a str, &'a Origin)> = None;
        let mut conflict = false;
        for read_as in var.own_names() {
            match self.read(v, read_as) {
                RawRead::Unset => {}
                RawRead::NotUnicode => return Err(Miss::NotUnicode(read_as)),
                RawRead::Text(value, origin) => match &hit {
                    None => hit = Some((read_as, value, origin)),
                    Some((_, first, _)) => conflict |= *first != value,
                },
            }
        }
        if conflict {
            let set = var.own_names().filter(|&r| matches!(self.read(v, r), RawRead::Text(..)));
            return Err(Miss::Conflict(set.collect()));
        }
        if var.file.is_some() {
            match self.read(v, ReadAs::File) {
                RawRead::Text(path, _) => {
                    if let Some((read_as, _, _)) = hit {
                        return Err(Miss::Conflict(vec![read_as, ReadAs::File]));
                    }
                    let path = PathBuf::from(path);
                    match self.file(v, &path) {
                        Ok(text) if text.is_empty() && !var.empty_is_value => {}
                        Ok(text) => {
                            return Ok(Found::with(Raw::Owned(text), ValueSource::SecretFile { path }, ReadAs::File));
                        }
                        Err(message) => return Err(Miss::SecretFile { path, message }),
                    }
                }
                RawRead::NotUnicode => return Err(Miss::NotUnicode(ReadAs::File)),
                RawRead::Unset => {}
            }
        }
        if let Some((read_as, value, origin)) = hit {
            return Ok(Found::with(Raw::Borrowed(value), ValueSource::Set(origin.clone()), read_as));
        }
        for i in 0..var.field.fallback.len() {
            match self.read(v, ReadAs::Fallback(i)) {
                RawRead::Text(value, origin) => {
                    return Ok(Found::with(
                        Raw::Borrowed(value),
                        ValueSource::Set(origin.clone()),
                        ReadAs::Fallback(i),
                    ));
                }
                RawRead::NotUnicode => return Err(Miss::NotUnicode(ReadAs::Fallback(i))),
                RawRead::Unset => {}
            }
        }
        Ok(self.default_of(v))
    }

    /// Where a value is set for `v` under its own names, looked up without reading it (for a
    /// variable that is not read: reserved, or internal), if one is.
    pub(crate) fn set_origin(&self, v: usize) -> Option<&'a Origin> {
        let var = &self.model.vars[v];
        let names = var.own_names().chain(var.file.is_some().then_some(ReadAs::File));
        names.into_iter().find_map(|r| match self.read(v, r) {
            RawRead::Text(_, origin) => Some(origin),
            _ => None,
        })
    }

    /// What applies to `v` when its value is set aside (`on_invalid = "default"`).
    pub(crate) fn default_found(&self, v: usize) -> Found<'a> {
        self.default_of(v)
    }

    fn file(&self, v: usize, path: &std::path::Path) -> Result<Zeroizing<String>, String> {
        self.files.borrow_mut().entry(v).or_insert_with(|| read_secret_file(path)).clone()
    }

    /// The default of an unset variable, honouring `dev_default` profile rules.
    /// Whether the component loading reads `v` (every variable, when none is named).
    pub(crate) fn reads(&self, v: usize) -> bool {
        let only = self.model.vars[v].components;
        only.is_empty() || self.component.is_none_or(|c| only.contains(&c))
    }

    /// Why `v` is required for the component loading, if it is (`required_for` applies only
    /// to a load that names its component).
    pub(crate) fn required_for(&self, v: usize) -> Option<String> {
        let c = self.component?;
        self.model.vars[v].field.required_for.contains(&c).then(|| format!("for the {c} component"))
    }

    fn default_of(&self, v: usize) -> Found<'a> {
        let var = &self.model.vars[v];
        if let Some((_, d)) = self.component.and_then(|c| var.field.default_for.iter().find(|(k, _)| *k == c)) {
            return Found::with(Raw::Borrowed(d), ValueSource::Default, ReadAs::Name);
        }
        for rule in var.field.profile_rules {
            if let ProfileRuleKind::DevDefault { value } = &rule.kind {
                let active = self.profile.as_deref().unwrap_or("");
                if rule.severity_in(active) == Some(Severity::Error) {
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
        match &var.default {
            DefaultOf::Literal(s) => Found::with(Raw::Borrowed(s), ValueSource::Default, ReadAs::Name),
            DefaultOf::Template { template, refs } => derived(self.render(template, refs)),
            DefaultOf::SameAs(other) => {
                derived(self.effective(*other).map(|(raw, _)| Zeroizing::new(raw.as_str().to_owned())))
            }
            DefaultOf::TypeDefault | DefaultOf::None => Found::unset(None),
        }
    }

    fn render(&self, t: &str, refs: &[(&'static str, usize)]) -> Option<Zeroizing<String>> {
        let out = template::render(t, |field| {
            let (_, v) = refs.iter().find(|(f, _)| *f == field)?;
            self.effective(*v).map(|(raw, _)| raw.as_str().to_owned())
        });
        out.map(Zeroizing::new)
    }

    /// The raw value a variable has in this load, set or defaulted (a type default by its
    /// spelling), and whether a source set it; `None` when it has none or its lookup fails.
    pub(crate) fn effective(&self, v: usize) -> Option<(Raw<'a>, bool)> {
        let depth = self.depth.get();
        if depth >= MAX_DEPTH {
            return None;
        }
        self.depth.set(depth + 1);
        let found = self.find(v).ok();
        self.depth.set(depth);
        let found = found?;
        let set = found.is_set();
        match found.raw {
            Some(raw) => Some((raw, set)),
            None => match (&self.model.vars[v].default, self.model.vars[v].field.default) {
                (DefaultOf::TypeDefault, crate::desc::DefaultDesc::TypeDefault(spell)) => {
                    spell().map(|s| (Raw::Owned(Zeroizing::new(s)), false))
                }
                _ => None,
            },
        }
    }

    /// Every raw value a secret variable has in these sources, under any of its names, its
    /// fallbacks or its file: no value printed beside them may repeat one.
    pub(crate) fn secrets(&self) -> Redactor {
        let mut redactor = Redactor::default();
        for (v, var) in self.model.vars.iter().enumerate().filter(|(_, var)| var.secret) {
            let names = var.own_names().chain((0..var.field.fallback.len()).map(ReadAs::Fallback));
            for read_as in names {
                if let RawRead::Text(value, _) = self.read(v, read_as) {
                    redactor.add(value);
                }
            }
            if let (Some(_), RawRead::Text(path, _)) = (&var.file, self.read(v, ReadAs::File)) {
                if let Ok(text) = self.file(v, std::path::Path::new(path)) {
                    redactor.add(&text);
                }
            }
            if let DefaultOf::Literal(d) = var.default {
                redactor.add(d);
            }
        }
        redactor
    }

    /// Whether `condition` holds in this load.
    pub(crate) fn holds(&self, condition: &Condition) -> bool {
        condition.holds(self)
    }
}

impl Lookup for Sources<'_> {
    fn observe(&self, variable: &str) -> Observed<'_> {
        let Some((v, _)) = self.model.var_named(variable) else { return Observed::Unset };
        match self.effective(v) {
            Some((raw, set)) => {
                let raw = match raw {
                    Raw::Borrowed(s) => Cow::Borrowed(s),
                    Raw::Owned(s) => Cow::Owned(s.as_str().to_owned()),
                };
                if set { Observed::Set(raw) } else { Observed::Default(raw) }
            }
            None => Observed::Unset,
        }
    }

    fn kind(&self, variable: &str) -> Option<&TypeKind> {
        self.model.var_named(variable).map(|(v, _)| &self.model.vars[v].value_type.kind)
    }
}
