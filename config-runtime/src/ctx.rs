//! The load context that generated `__build` functions call: one non-generic walk over the
//! resolved model per field, plus thin generic entry points per field *type*.

use crate::desc::Who;
use crate::enums::{EnumVariant, parse_enum};
use crate::error::{Problem, ShownValue, Warning};
use crate::lookup::{Found, Miss, Sources};
use crate::mask::Redactor;
use crate::model::{DefaultOf, ReadAs};
use crate::record::Record;
use crate::report::ValueSource;
use crate::rules::{self, RuleError};
use crate::source::Origin;
use crate::value::{EnvValue, ParseContext, ValueError, ValueView};
use envspec_schema::{ProfileRuleKind, Severity};
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

/// The state of one load. Generated code calls its `value`, `nested` and `check` methods;
/// everything else is internal.
pub struct Ctx<'a> {
    src: Sources<'a>,
    /// The load's secrets, masked in every value a problem shows.
    redactor: Redactor,
    /// Shared by every field; `strict_bool` and `separator` are set per field before parsing.
    parse: ParseContext,
    /// The scopes entered, innermost last.
    frames: Vec<usize>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) warnings: Vec<Warning>,
    pub(crate) records: Vec<Record>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(src: Sources<'a>, home: Option<PathBuf>) -> Self {
        let records = Vec::with_capacity(src.model.vars.len());
        let redactor = src.secrets();
        Ctx {
            src,
            redactor,
            parse: ParseContext { strict_bool: false, home, separator: None, unit: None },
            frames: vec![0],
            problems: Vec::new(),
            warnings: Vec::new(),
            records,
        }
    }

    /// Reads field `i` of the current struct as an [`EnvValue`].
    #[inline(never)]
    pub fn value<T: EnvValue>(&mut self, i: usize) -> Option<T> {
        let v = self.var(i);
        self.read(v, &T::parse_env, T::unset, T::view, None)
    }

    /// Reads a backend group's selector (field `i`): the index of the chosen variant.
    pub fn select(&mut self, i: usize, variants: &'static [EnumVariant]) -> Option<usize> {
        let v = self.var(i);
        self.read(v, &|raw, _| parse_enum(raw, variants), || None, |_| ValueView::Opaque, None)
    }

    /// Reads field `i`, falling back to `T::default()` when unset.
    #[inline(never)]
    pub fn value_or_default<T: EnvValue + core::default::Default>(&mut self, i: usize) -> Option<T> {
        let v = self.var(i);
        self.read(v, &T::parse_env, T::unset, T::view, Some(T::default))
    }

    /// Reads field `i` with an explicit parser (`#[env(json)]`, `#[env(from_str)]`).
    pub fn value_with<T>(
        &mut self,
        i: usize,
        parse: fn(&str, &ParseContext) -> Result<T, ValueError>,
        unset: fn() -> Option<T>,
    ) -> Option<T> {
        let v = self.var(i);
        self.read(v, &parse, unset, |_| ValueView::Opaque, None)
    }

    /// Reads field `i` as a nested configuration struct, built by `build` (the nested type's
    /// `EnvConfig::__build`).
    #[inline(never)]
    pub fn nested<C>(&mut self, i: usize, build: fn(&mut Ctx<'_>) -> Option<C>) -> Option<C> {
        let scope = self.src.model.nested_of(self.scope(), i);
        self.frames.push(scope);
        let out = build(self);
        self.frames.pop();
        out
    }

    /// Reads the current struct as an optional group: `Some(None)` when none of its variables
    /// is set, else the struct built by `build`.
    pub fn optional<C>(&mut self, build: fn(&mut Ctx<'_>) -> Option<C>) -> Option<Option<C>> {
        let vars = self.src.model.scope_vars(self.scope());
        if vars.into_iter().all(|v| self.src.set_origin(v).is_none()) {
            return Some(None);
        }
        build(self).map(Some)
    }

    /// Runs a field's custom validator on its value, if it was read and is set. The
    /// validator takes the field type, or for an `Option<T>` field either `&Option<T>` or `&T`.
    pub fn validate<F: Validated<X>, X>(&mut self, i: usize, value: &Option<F>, check: fn(&X) -> Result<(), String>) {
        if let Some(v) = value.as_ref().and_then(F::validated) {
            if let Err(message) = check(v) {
                let variable = self.src.model.vars[self.var(i)].name.clone();
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
        self.src.profile.as_deref()
    }

    fn scope(&self) -> usize {
        *self.frames.last().expect("a load always has a root frame")
    }

    fn var(&self, i: usize) -> usize {
        self.src.model.var_of(self.scope(), i)
    }

    /// Never inlined: `__build` makes one call per field, and inlining this body into each
    /// call makes release compile time grow superlinearly with the field count.
    #[inline(never)]
    fn read<T>(
        &mut self,
        v: usize,
        parse: &dyn Fn(&str, &ParseContext) -> Result<T, ValueError>,
        unset: fn() -> Option<T>,
        view: fn(&T) -> ValueView<'_>,
        type_default: Option<fn() -> T>,
    ) -> Option<T> {
        let model = self.src.model;
        let var = &model.vars[v];
        let mut found = match self.src.find(v) {
            Ok(found) => found,
            Err(miss) => {
                self.miss(v, miss);
                return None;
            }
        };
        self.note_names(v, &found);
        self.parse.separator = var.field.separator;
        self.parse.strict_bool = var.strict_bool;
        self.parse.unit = var.field.unit;
        // `on_invalid = "default"`: a set value that does not parse or breaks a rule is
        // replaced by the default, with a warning. The default itself is never excused.
        let lenient = var.field.lenient;
        let value = loop {
            let Some(raw) = &found.raw else {
                let required = self.conditionally_required(v).or(found.required_reason.take());
                if let Some(reason) = required.or_else(|| self.src.required_for(v)) {
                    self.problems.push(Problem::Missing { variable: var.name.clone(), reason: Some(reason) });
                    return None;
                }
                break match type_default {
                    Some(make) => {
                        found.source = ValueSource::Default;
                        make()
                    }
                    None => match unset() {
                        Some(value) => value,
                        None => {
                            self.problems.push(Problem::Missing { variable: var.name.clone(), reason: None });
                            return None;
                        }
                    },
                };
            };
            let excuse = match parse(raw.as_str(), &self.parse) {
                Ok(value) => match (lenient && found.is_set()).then(|| self.broken_rule(v, &view(&value))).flatten() {
                    None => break value,
                    Some(rule) => rule,
                },
                Err(error) if lenient && found.is_set() => declared_range(var, error).to_string(),
                Err(error) => {
                    self.invalid(v, &found, error);
                    return None;
                }
            };
            let value = shown(&found, var.secret, &self.redactor);
            let reason = crate::value::ValueError::new(excuse).scrubbed(raw.as_str(), var.secret, &self.redactor);
            self.warnings.push(Warning::Ignored {
                variable: var.name.clone(),
                value,
                reason: reason.expected().to_owned(),
            });
            found = self.src.default_found(v);
        };
        let shown = view(&value);
        // `not_default_in` compares values, not spellings: `00` is the default `0`. Only a
        // field with that rule needs to know.
        let compares = var.field.profile_rules.iter().any(|r| matches!(r.kind, ProfileRuleKind::NotDefaultIn));
        let is_default = match (&found.source, &var.default, &found.raw) {
            _ if !compares => false,
            (ValueSource::Default | ValueSource::Derived, _, _) => true,
            (_, DefaultOf::Literal(d), Some(raw)) => match parse(d, &self.parse) {
                Ok(default) if !matches!(view(&default), ValueView::Opaque) => view(&default) == shown,
                _ => var.value_type.kind.same_value(raw.as_str(), d),
            },
            _ => false,
        };
        self.check_value(v, &found, &shown, is_default);
        let kept = if var.bootstrap || var.secret {
            found.raw.as_ref().map(|r| Zeroizing::new(r.as_str().to_owned()))
        } else {
            None
        };
        self.records.push(Record { var: v, source: found.source, read_as: found.read_as, kept });
        Some(value)
    }

    /// The phrase of the first declared rule `view` breaks, if any.
    fn broken_rule(&self, v: usize, view: &ValueView<'_>) -> Option<String> {
        let var = &self.src.model.vars[v];
        var.field
            .rules
            .iter()
            .find(|r| matches!(rules::satisfies(r, view), Err(RuleError::Broken)))
            .map(|r| r.demand("must"))
    }

    /// Warnings about the name a value was read under: deprecated, or an alias; and about a
    /// variable an operator should not set (reserved, or internal and set in a file).
    fn note_names(&mut self, v: usize, found: &Found<'_>) {
        let var = &self.src.model.vars[v];
        let role = var.field.role;
        // Most variables are the operator's: nothing to look up.
        let origin = if role == Who::Operator { None } else { self.src.set_origin(v) };
        let mistaken = match (role, origin) {
            (Who::Operator, _) | (_, None) => false,
            (Who::Reserved, Some(_)) => true,
            (Who::Internal, Some(origin)) => origin.is_file() || *origin == Origin::Overlay,
            (Who::TestOnly, Some(_)) => self.src.profile.as_deref() == Some("production"),
            // A platform's tooling writes its variables into `.env` files itself.
            (Who::SetBy(_), Some(_)) => false,
        };
        if let Some(why) = mistaken.then(|| role.role().why_not_set()).flatten() {
            self.warnings.push(Warning::NotOperators { variable: var.name.clone(), why });
        }
        if let (Some(note), true, ReadAs::Name | ReadAs::Alias(_)) =
            (var.field.deprecated, found.is_set(), found.read_as)
        {
            let variable = var.name_as(found.read_as).to_owned();
            self.warnings.push(Warning::Deprecated { variable, note: note.to_owned() });
        }
        if let ReadAs::Alias(_) = found.read_as {
            let alias = var.name_as(found.read_as).to_owned();
            self.warnings.push(Warning::AliasUsed { variable: var.name.clone(), alias });
        }
    }

    fn miss(&mut self, v: usize, miss: Miss) {
        let var = &self.src.model.vars[v];
        let problem = match miss {
            Miss::NotUnicode(read_as) => Problem::NotUnicode { variable: var.name_as(read_as).to_owned() },
            Miss::Conflict(names) => Problem::Conflict {
                variable: var.name.clone(),
                names: names.into_iter().map(|r| var.name_as(r).to_owned()).collect(),
            },
            Miss::SecretFile { path, message } => Problem::SecretFile { variable: var.name.clone(), path, message },
        };
        self.problems.push(problem);
    }

    /// Why an unset variable is required all the same, if it is.
    fn conditionally_required(&self, v: usize) -> Option<String> {
        let var = &self.src.model.vars[v];
        var.required_when.iter().find(|c| self.src.holds(c)).map(|c| format!("when {c}"))
    }

    fn check_value(&mut self, v: usize, found: &Found<'_>, view: &ValueView<'_>, is_default: bool) {
        let var = &self.src.model.vars[v];
        for rule in var.field.rules {
            match rules::satisfies(rule, view) {
                Ok(()) => {}
                Err(RuleError::Broken) => self.problems.push(Problem::Rule {
                    variable: var.name.clone(),
                    value: shown(found, var.secret, &self.redactor),
                    rule: rule.to_string(),
                    profile: None,
                    origin: found.origin().cloned().map(Box::new),
                }),
                Err(RuleError::BadPattern(e)) => self.problems.push(Problem::Validation {
                    variable: var.name.clone(),
                    message: format!("the declared pattern cannot be checked: {e}; fix the declaration or the build"),
                }),
            }
        }
        let Some(profile) = self.src.profile.clone() else { return };
        let set = found.is_set();
        // A missing value is one problem however many rules ask for one: `required_in` and
        // `not_default_in` of an unset variable report once, at the higher severity.
        let mut missing: Option<(Severity, &ProfileRuleKind)> = None;
        for rule in var.field.profile_rules {
            let Some(severity) = rule.severity_in(&profile) else { continue };
            let problem = match &rule.kind {
                kind @ (ProfileRuleKind::RequiredIn | ProfileRuleKind::DevDefault { .. }) if !set => {
                    missing = Some(more_severe(missing, severity, kind));
                    None
                }
                kind @ ProfileRuleKind::NotDefaultIn if is_default => {
                    if set {
                        Some((severity, self.profile_problem(v, rule.demand(severity, &var.value_type.kind), &profile)))
                    } else {
                        missing = Some(more_severe(missing, severity, kind));
                        None
                    }
                }
                ProfileRuleKind::ForbiddenIn if set && !matches!(view, ValueView::Bool(false)) => {
                    Some((severity, self.profile_problem(v, rule.demand(severity, &var.value_type.kind), &profile)))
                }
                ProfileRuleKind::Constraint { rule: inner } => match rules::satisfies(inner, view) {
                    Err(RuleError::Broken) => Some((
                        severity,
                        Problem::Rule {
                            variable: var.name.clone(),
                            value: shown(found, var.secret, &self.redactor),
                            rule: inner.to_string(),
                            profile: Some(profile.clone()),
                            origin: found.origin().cloned().map(Box::new),
                        },
                    )),
                    _ => None,
                },
                _ => None,
            };
            if let Some((severity, p)) = problem {
                self.report(severity, p);
            }
        }
        if let Some((severity, kind)) = missing {
            let p = self.profile_problem(v, kind.phrase(severity, false), &profile);
            self.report(severity, p);
        }
    }

    fn report(&mut self, severity: Severity, problem: Problem) {
        match (severity, problem) {
            (Severity::Error, p) => self.problems.push(p),
            (Severity::Warning, Problem::Rule { variable, rule, profile, .. }) => {
                self.warnings.push(Warning::Rule { variable, rule, profile })
            }
            (Severity::Warning, p) => self.warnings.push(Warning::Downgraded(p)),
        }
    }

    fn profile_problem(&self, v: usize, demand: String, profile: &str) -> Problem {
        Problem::Profile { variable: self.src.model.vars[v].name.clone(), demand, profile: profile.to_owned() }
    }

    fn invalid(&mut self, v: usize, found: &Found<'_>, error: ValueError) {
        let var = &self.src.model.vars[v];
        let variable = var.name.clone();
        let raw = found.raw.as_ref().map(|r| r.as_str()).unwrap_or("");
        let error = declared_range(var, error).scrubbed(raw, var.secret, &self.redactor);
        if matches!(found.source, ValueSource::Default) && found.read_as == ReadAs::Name {
            self.problems.push(Problem::BadDefault { variable, error });
            return;
        }
        self.problems.push(Problem::Invalid {
            variable,
            read_from: (found.read_as != ReadAs::Name).then(|| var.name_as(found.read_as).to_owned()),
            value: shown(found, var.secret, &self.redactor),
            error,
            origin: found.origin().cloned().map(Box::new),
        });
    }
}

/// The missing-value rule to report: the more severe, the first on a tie; `required_in` wins
/// over `not_default_in` for the phrase.
fn more_severe<'k>(
    current: Option<(Severity, &'k ProfileRuleKind)>,
    severity: Severity,
    kind: &'k ProfileRuleKind,
) -> (Severity, &'k ProfileRuleKind) {
    match current {
        None => (severity, kind),
        Some((s, k)) => {
            let k = if matches!(k, ProfileRuleKind::NotDefaultIn) { kind } else { k };
            (s.max(severity), k)
        }
    }
}

/// An integer that does not parse is told the range its declaration accepts (`integer ≥ 1`),
/// not its type's (`integer 0–4294967295`).
fn declared_range(var: &crate::model::Var, error: ValueError) -> ValueError {
    if !matches!(var.value_type.kind, envspec_schema::TypeKind::Integer { .. }) {
        return error;
    }
    let ranges: Vec<String> = var
        .field
        .rules
        .iter()
        .filter(|r| matches!(r, envspec_schema::Rule::Range { .. }))
        .map(|r| r.to_string())
        .collect();
    if ranges.is_empty() {
        return error;
    }
    let declared = ValueError::new(format!("integer {}", ranges.join(" and ")));
    match error.reason() {
        Some(reason) => declared.detail(reason.to_owned()),
        None => declared,
    }
}

fn shown(found: &Found<'_>, secret: bool, redactor: &Redactor) -> ShownValue {
    ShownValue::redacted(found.raw.as_ref().map(|r| r.as_str()).unwrap_or(""), secret, redactor)
}
