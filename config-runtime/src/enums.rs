//! Runtime side of `#[derive(EnvEnum)]`: one table of spellings per enum, matched here.

use crate::suggest;
use crate::value::ValueError;
use envspec_schema::spelling;
use envspec_schema::{EnumValue, TypeKind};

/// One variant of an enum deriving `EnvEnum`.
#[derive(Debug)]
pub struct EnumVariant {
    pub(crate) name: &'static str,
    pub(crate) aliases: &'static [&'static str],
    pub(crate) doc: &'static str,
}

impl EnumVariant {
    /// A variant spelled `name`, also accepting `aliases`.
    pub const fn new(name: &'static str, aliases: &'static [&'static str], doc: &'static str) -> Self {
        EnumVariant { name, aliases, doc }
    }
}

/// The index of the variant `raw` spells (case-insensitively), or an error listing every
/// spelling and suggesting the closest.
pub fn parse_enum(raw: &str, variants: &'static [EnumVariant]) -> Result<usize, ValueError> {
    let s = raw.trim();
    if let Some(i) = spelling::find_variant(s, variants.iter().map(|v| (v.name, v.aliases.iter().copied()))) {
        return Ok(i);
    }
    let names: Vec<&str> = variants.iter().map(|v| v.name).collect();
    let err = ValueError::new(format!("one of: {}", names.join(", ")));
    let lower = s.to_ascii_lowercase();
    let spellings = variants.iter().flat_map(|v| std::iter::once(v.name).chain(v.aliases.iter().copied()));
    match suggest::closest(&lower, spellings) {
        Some(c) => {
            let canonical = variants.iter().find(|v| v.name == c || v.aliases.contains(&c)).map_or(c, |v| v.name);
            Err(err.detail(format!("did you mean `{canonical}`?")))
        }
        None => Err(err),
    }
}

/// The docs description of an enum: every canonical spelling with its aliases and doc.
pub fn enum_kind(variants: &'static [EnumVariant]) -> TypeKind {
    TypeKind::Enum {
        values: variants
            .iter()
            .map(|v| EnumValue::new(v.name, v.aliases.iter().map(|a| (*a).to_owned()).collect(), v.doc.trim()))
            .collect(),
    }
}
