//! Deployment profiles and the rules that depend on them.

use crate::{List, Rule, Text};
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

/// How a broken rule is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The load fails.
    Error,
    /// The load succeeds and the problem comes back as a warning.
    Warning,
}

/// A rule that applies only in some profiles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProfileRule {
    /// What the rule demands.
    pub kind: ProfileRuleKind,
    /// Profiles where breaking the rule is an error.
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
    DevDefault { value: Text },
    /// A value constraint that applies only in these profiles.
    Constraint { rule: Rule },
}

impl ProfileRule {
    /// A rule of `kind`, an error in `profiles` and a warning in `warn_profiles`.
    pub const fn new(kind: ProfileRuleKind, profiles: &'static [Text], warn_profiles: &'static [Text]) -> Self {
        ProfileRule { kind, profiles: List::Borrowed(profiles), warn_profiles: List::Borrowed(warn_profiles) }
    }

    /// The severity of breaking this rule in `profile`, or `None` when it does not apply.
    pub fn severity_in(&self, profile: &str) -> Option<Severity> {
        if self.profiles.iter().any(|p| p.eq_ignore_ascii_case(profile)) {
            Some(Severity::Error)
        } else if self.warn_profiles.iter().any(|p| p.eq_ignore_ascii_case(profile)) {
            Some(Severity::Warning)
        } else {
            None
        }
    }
}

impl fmt::Display for ProfileRuleKind {
    /// Reads after "in production, the variable …".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileRuleKind::RequiredIn => f.write_str("must be set"),
            ProfileRuleKind::ForbiddenIn => f.write_str("must not be enabled"),
            ProfileRuleKind::NotDefaultIn => f.write_str("must be changed from its default"),
            ProfileRuleKind::DevDefault { .. } => f.write_str("has no default and must be set"),
            ProfileRuleKind::Constraint { rule } => write!(f, "must be {rule}"),
        }
    }
}
