//! Conditions under which a variable is required or read.

use crate::{List, Text};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A condition on other variables.
///
/// In a derive's static tables `variable` names a sibling field; in a schema returned by
/// `schema()` it holds the resolved environment variable name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Condition {
    /// The variable's value is one of `values` (compared case-insensitively).
    Equals { variable: Text, values: List<Text> },
    /// The variable is set.
    Set { variable: Text },
    /// Any of the conditions holds.
    Any { conditions: List<Condition> },
}

impl Condition {
    /// `variable` has one of `values`.
    pub const fn equals(variable: &'static str, values: &'static [Text]) -> Self {
        Condition::Equals { variable: Text::Borrowed(variable), values: List::Borrowed(values) }
    }

    /// `variable` is set.
    pub const fn set(variable: &'static str) -> Self {
        Condition::Set { variable: Text::Borrowed(variable) }
    }

    /// Any of `conditions` holds.
    pub const fn any(conditions: &'static [Condition]) -> Self {
        Condition::Any { conditions: List::Borrowed(conditions) }
    }

    /// The same condition with every variable name passed through `f`.
    pub fn map_variables(&self, f: &mut impl FnMut(&str) -> String) -> Condition {
        match self {
            Condition::Equals { variable, values } => {
                Condition::Equals { variable: Text::Owned(f(variable)), values: values.clone() }
            }
            Condition::Set { variable } => Condition::Set { variable: Text::Owned(f(variable)) },
            Condition::Any { conditions } => {
                Condition::Any { conditions: conditions.iter().map(|c| c.map_variables(f)).collect() }
            }
        }
    }

    /// Whether the condition holds, given a way to read a variable's raw value.
    pub fn holds(&self, value_of: &dyn Fn(&str) -> Option<String>) -> bool {
        match self {
            Condition::Equals { variable, values } => {
                value_of(variable).is_some_and(|v| values.iter().any(|want| want.eq_ignore_ascii_case(v.trim())))
            }
            Condition::Set { variable } => value_of(variable).is_some(),
            Condition::Any { conditions } => conditions.iter().any(|c| c.holds(value_of)),
        }
    }
}

impl fmt::Display for Condition {
    /// Reads as `STORAGE_ADAPTER=mongodb`, `A=x or B=y`, or `TOKEN is set`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Equals { variable, values } => {
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    write!(f, "{variable}={v}")?;
                }
                Ok(())
            }
            Condition::Set { variable } => write!(f, "{variable} is set"),
            Condition::Any { conditions } => {
                for (i, c) in conditions.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    c.fmt(f)?;
                }
                Ok(())
            }
        }
    }
}
