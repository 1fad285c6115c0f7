//! Deployment profiles and the rules that depend on them.

use crate::{List, Rule, Text, TypeKind};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The profiles every configuration knows, in the order docs list them.
pub const BUILTIN_PROFILES: &[&str] = &["development", "test", "staging", "production"];

/// The variable that selects the deployment profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProfileSchema {
    /// The selector variable, such as `DEPLOYMENT_ENVIRONMENT`.
    pub variable: String,
    /// Every known profile: the built-in ones, then user profiles.
    pub profiles: Vec<String>,
    /// The profile that applies when the variable is unset.
    pub default: Option<String>,
}

impl ProfileSchema {
    /// A profile selector with the built-in profiles plus `extra`.
    pub fn new(variable: impl Into<String>, extra: &[&str], default: Option<String>) -> Self {
        let mut profiles: Vec<String> = BUILTIN_PROFILES.iter().map(|p| p.to_string()).collect();
        for p in extra {
            if !profiles.iter().any(|q| q == p) {
                profiles.push(p.to_string());
            }
        }
        ProfileSchema { variable: variable.into(), profiles, default }
    }
}

/// The profile a raw value of the profile variable selects: its canonical spelling (an enum
/// alias such as `prod` selects `production`), lowercased.
pub fn profile_name(kind: Option<&TypeKind>, raw: &str) -> String {
    let canonical = kind.and_then(|k| k.canonical(raw)).unwrap_or_else(|| raw.trim().to_owned());
    canonical.to_ascii_lowercase()
}

/// How a broken rule is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The load succeeds and the problem comes back as a warning.
    Warning,
    /// The load fails.
    Error,
}

/// A rule that applies only in some profiles.
///
/// The severity model, the same for the loader and every document: in a profile listed in
/// `warn_profiles` breaking the rule is a warning (this wins: `warn_in(production)` softens
/// `required_in(production)`); in one listed only in `profiles` it is an error; elsewhere
/// the rule does not apply. `recommended_in(production)` is a `RequiredIn` rule whose only
/// profile is a warning profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProfileRule {
    /// What the rule demands.
    pub kind: ProfileRuleKind,
    /// Profiles where breaking the rule is an error (unless also in `warn_profiles`).
    pub profiles: List<Text>,
    /// Profiles where breaking the rule is only a warning.
    pub warn_profiles: List<Text>,
}

/// What a profile rule demands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProfileRuleKind {
    /// The variable must be set.
    RequiredIn,
    /// The variable must be unset (a boolean may be `false`).
    ForbiddenIn,
    /// The variable must be set to something other than its declared default.
    NotDefaultIn,
    /// This default applies in these profiles only (the profiles where it is *not* used
    /// are listed in `profiles`; in them the variable is required).
    DevDefault {
        /// The default, spelled as in the environment.
        value: Text,
    },
    /// A value constraint that applies only in these profiles.
    Constraint {
        /// The rule.
        rule: Rule,
    },
}

impl ProfileRule {
    /// A rule of `kind`, an error in `profiles` and a warning in `warn_profiles`.
    pub const fn new(kind: ProfileRuleKind, profiles: &'static [Text], warn_profiles: &'static [Text]) -> Self {
        ProfileRule { kind, profiles: List::Borrowed(profiles), warn_profiles: List::Borrowed(warn_profiles) }
    }

    /// The severity of breaking this rule in `profile`, or `None` when it does not apply.
    pub fn severity_in(&self, profile: &str) -> Option<Severity> {
        if self.warn_profiles.iter().any(|p| p.eq_ignore_ascii_case(profile)) {
            Some(Severity::Warning)
        } else if self.profiles.iter().any(|p| p.eq_ignore_ascii_case(profile)) {
            Some(Severity::Error)
        } else {
            None
        }
    }

    /// Every profile the rule applies in, errors first, without repeats.
    pub fn applies_in(&self) -> impl Iterator<Item = &str> {
        let warn = &self.warn_profiles;
        self.profiles
            .iter()
            .filter(move |p| !warn.iter().any(|w| w.eq_ignore_ascii_case(p)))
            .chain(warn.iter())
            .map(|p| p.as_ref())
    }

    /// What the rule asks of `kind` at `severity`, as a phrase that follows the variable's
    /// name: `must be set`, `should be set`, `must be unset or false`.
    pub fn demand(&self, severity: Severity, kind: &TypeKind) -> String {
        self.kind.phrase(severity, matches!(kind, TypeKind::Boolean { .. }))
    }
}

/// A rule over the names of set variables: no variable whose name matches one of `patterns`
/// (globs: `*` any run of characters, `?` one) may be set, declared or not.
///
/// Its severity follows [`ProfileRule`]'s model, with one addition: with no profile listed at
/// all, the rule is an error in every profile (and when no profile is selected).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NameRule {
    /// The globs, such as `TEST_*`.
    pub patterns: List<Text>,
    /// Profiles where a matching variable is an error (unless also in `warn_profiles`).
    pub profiles: List<Text>,
    /// Profiles where a matching variable is only a warning.
    pub warn_profiles: List<Text>,
}

impl NameRule {
    /// A rule forbidding `patterns`: an error in `profiles`, a warning in `warn_profiles`.
    pub const fn new(patterns: &'static [Text], profiles: &'static [Text], warn_profiles: &'static [Text]) -> Self {
        NameRule {
            patterns: List::Borrowed(patterns),
            profiles: List::Borrowed(profiles),
            warn_profiles: List::Borrowed(warn_profiles),
        }
    }

    /// Whether the rule applies in every profile.
    pub fn everywhere(&self) -> bool {
        self.profiles.is_empty() && self.warn_profiles.is_empty()
    }

    /// The severity of setting a matching variable in `profile` (`None`: no profile is
    /// selected), or `None` when the rule does not apply there.
    pub fn severity_in(&self, profile: Option<&str>) -> Option<Severity> {
        if self.everywhere() {
            return Some(Severity::Error);
        }
        let listed = |list: &List<Text>| profile.is_some_and(|p| list.iter().any(|q| q.eq_ignore_ascii_case(p)));
        if listed(&self.warn_profiles) {
            Some(Severity::Warning)
        } else if listed(&self.profiles) {
            Some(Severity::Error)
        } else {
            None
        }
    }

    /// The first pattern `name` matches.
    pub fn matching(&self, name: &str) -> Option<&str> {
        self.patterns.iter().map(|p| p.as_ref()).find(|p| crate::spelling::glob_matches(p, name))
    }

    /// What the rule asks of a matching variable at `severity`: `must not be set`.
    pub fn demand(severity: Severity) -> String {
        let modal = match severity {
            Severity::Error => "must",
            Severity::Warning => "should",
        };
        crate::rule::demand(modal, "not set")
    }
}

impl ProfileRuleKind {
    /// The phrase of this demand at `severity` (`must` for errors, `should` for warnings), for a
    /// boolean variable when `boolean`. Errors, warnings and documents all use it.
    pub fn phrase(&self, severity: Severity, boolean: bool) -> String {
        let modal = match severity {
            Severity::Error => "must",
            Severity::Warning => "should",
        };
        match self {
            ProfileRuleKind::RequiredIn => format!("{modal} be set"),
            ProfileRuleKind::ForbiddenIn if boolean => format!("{modal} be unset or false"),
            ProfileRuleKind::ForbiddenIn => format!("{modal} be unset"),
            ProfileRuleKind::NotDefaultIn => format!("{modal} be changed from its default"),
            ProfileRuleKind::DevDefault { .. } => format!("has no default and {modal} be set"),
            ProfileRuleKind::Constraint { rule } => rule.demand(modal),
        }
    }

    /// Whether breaking the rule means the variable is missing: `required_in`, a `dev_default`
    /// outside its profiles, and `not_default_in` (the default is refused, so a value must be
    /// set).
    pub fn asks_for_a_value(&self) -> bool {
        matches!(self, ProfileRuleKind::RequiredIn | ProfileRuleKind::DevDefault { .. } | ProfileRuleKind::NotDefaultIn)
    }
}

impl fmt::Display for ProfileRuleKind {
    /// The error phrase for a variable that is not a boolean (see [`ProfileRuleKind::phrase`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase(Severity::Error, false))
    }
}
