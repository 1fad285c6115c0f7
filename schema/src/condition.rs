//! Conditions under which a variable is required or read, and the one rule that decides
//! whether a condition holds.

use crate::{List, Text, TypeKind};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// A condition on other variables.
///
/// In a derive's static tables `variable` names a sibling field; in a schema returned by
/// `schema()` it holds the resolved environment variable name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Condition {
    /// The variable's value is one of `values`, compared as values of the variable's type
    /// (an enum's aliases and any case, an integer's spellings; text exactly). A variable that
    /// is unset counts with its default.
    Equals {
        /// The variable tested.
        variable: Text,
        /// The values that make it hold.
        values: List<Text>,
    },
    /// The variable is set by a source (under any of its names, or its `_FILE`); a default
    /// does not count.
    Set {
        /// The variable tested.
        variable: Text,
    },
    /// Any of the conditions holds.
    Any {
        /// The alternatives.
        conditions: List<Condition>,
    },
    /// Every one of the conditions holds (a variable of a backend group nested in another).
    All {
        /// The conditions that must all hold.
        conditions: List<Condition>,
    },
}

/// What a condition sees of one variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observed<'a> {
    /// A source set it to this raw value.
    Set(Cow<'a, str>),
    /// Unset; this literal default applies.
    Default(Cow<'a, str>),
    /// Unset, with no default a condition can compare.
    Unset,
}

/// How a condition reads variables: the runtime answers from the sources of a load, a
/// renderer from the schema's defaults alone ([`crate::ConfigSchema::defaults`]).
pub trait Lookup {
    /// The state of the variable called `variable`.
    fn observe(&self, variable: &str) -> Observed<'_>;
    /// The type of the variable called `variable`, when it is declared.
    fn kind(&self, variable: &str) -> Option<&TypeKind>;
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

    /// The conjunction of two optional conditions.
    pub fn and(a: Option<Condition>, b: Option<Condition>) -> Option<Condition> {
        match (a, b) {
            (None, c) | (c, None) => c,
            (Some(a), Some(b)) => Some(Condition::All { conditions: List::Owned(vec![a, b]) }),
        }
    }

    /// The disjunction of conditions, or `None` when there is none.
    pub fn any_of(mut conditions: Vec<Condition>) -> Option<Condition> {
        match conditions.len() {
            0 => None,
            1 => conditions.pop(),
            _ => Some(Condition::Any { conditions: List::Owned(conditions) }),
        }
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
            Condition::All { conditions } => {
                Condition::All { conditions: conditions.iter().map(|c| c.map_variables(f)).collect() }
            }
        }
    }

    /// Every variable the condition reads, in order, with repeats.
    pub fn variables(&self) -> Vec<&str> {
        match self {
            Condition::Equals { variable, .. } | Condition::Set { variable } => vec![variable.as_ref()],
            Condition::Any { conditions } | Condition::All { conditions } => {
                conditions.iter().flat_map(|c| c.variables()).collect()
            }
        }
    }

    /// Whether the condition holds. This is the one definition the loader, the docs and the
    /// JSON Schema share: `Equals` compares as values of the variable's type and counts a
    /// default, `Set` needs a source.
    pub fn holds(&self, lookup: &dyn Lookup) -> bool {
        match self {
            Condition::Equals { variable, values } => {
                let raw = match lookup.observe(variable) {
                    Observed::Set(raw) | Observed::Default(raw) => raw,
                    Observed::Unset => return false,
                };
                match lookup.kind(variable) {
                    Some(kind) => values.iter().any(|want| kind.same_value(want, &raw)),
                    None => values.iter().any(|want| want.as_ref() == raw.as_ref()),
                }
            }
            Condition::Set { variable } => matches!(lookup.observe(variable), Observed::Set(_)),
            Condition::Any { conditions } => conditions.iter().any(|c| c.holds(lookup)),
            Condition::All { conditions } => conditions.iter().all(|c| c.holds(lookup)),
        }
    }
}

impl fmt::Display for Condition {
    /// Reads as `STORAGE_ADAPTER=mongodb`, `A=x or B=y`, `TOKEN is set`, `(A=x) and (B=y)`.
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
            Condition::Any { conditions } => join(f, conditions, " or ", false),
            Condition::All { conditions } => join(f, conditions, " and ", true),
        }
    }
}

fn join(f: &mut fmt::Formatter<'_>, conditions: &[Condition], sep: &str, group: bool) -> fmt::Result {
    for (i, c) in conditions.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        let compound =
            matches!(c, Condition::Any { .. }) || matches!(c, Condition::Equals { values, .. } if values.len() > 1);
        if group && compound {
            write!(f, "({c})")?;
        } else {
            fmt::Display::fmt(c, f)?;
        }
    }
    Ok(())
}
