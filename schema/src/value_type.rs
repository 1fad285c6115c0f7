//! What a variable's value looks like, for docs and for error messages.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The type of a variable's value, as the docs present it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ValueType {
    /// The machine-readable kind.
    pub kind: TypeKind,
    /// The Rust type, as written by `std::any::type_name` (for tools; docs use the kind).
    pub rust_type: String,
}

/// The kinds of value the runtime can parse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TypeKind {
    /// Any text.
    String,
    /// A boolean; `strict` accepts only `true` and `false`.
    Boolean {
        /// Only `true` and `false`.
        strict: bool,
    },
    /// An integer of the given width.
    Integer {
        /// Whether it may be negative.
        signed: bool,
        /// Its width in bits.
        bits: u8,
    },
    /// A floating-point number.
    Float {
        /// Its width in bits.
        bits: u8,
    },
    /// One of a fixed set of spellings.
    Enum {
        /// The values, in declaration order.
        values: Vec<EnumValue>,
    },
    /// A comma-separated list (or split on `separator`) or a JSON array.
    List {
        /// The type of each item.
        item: Box<TypeKind>,
        /// Whether items are a set (duplicates merge).
        unique: bool,
        /// The item separator when it is not a comma (`" "`: any whitespace).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        separator: Option<String>,
    },
    /// A filesystem path; a leading `~` is expanded.
    Path,
    /// An absolute URL.
    Url,
    /// A duration: a bare number in `unit` (seconds when `None`), or a span such as `30s`,
    /// `15m`, `1h 30m`.
    Duration {
        /// The unit of a bare number: `ms`, `s`, `m` or `h`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// An IPv4 or IPv6 address.
    IpAddr,
    /// An address with a port, such as `0.0.0.0:8080`.
    SocketAddr,
    /// A JSON document.
    Json,
    /// A type that describes itself.
    Custom {
        /// The Rust type's name.
        name: String,
    },
}

/// One accepted spelling of an enum variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnumValue {
    /// The canonical spelling.
    pub name: String,
    /// Other accepted spellings.
    pub aliases: Vec<String>,
    /// The variant's doc comment.
    pub description: String,
}

impl EnumValue {
    /// A value with its canonical spelling, aliases and description.
    pub fn new(name: impl Into<String>, aliases: Vec<String>, description: impl Into<String>) -> Self {
        EnumValue { name: name.into(), aliases, description: description.into() }
    }
}

impl ValueType {
    /// A value type of the given kind for the given Rust type.
    pub fn new(kind: TypeKind, rust_type: impl Into<String>) -> Self {
        ValueType { kind, rust_type: rust_type.into() }
    }

    /// The accepted spellings when the value (or each list item) is an enum.
    pub fn enum_values(&self) -> Option<&[EnumValue]> {
        match &self.kind {
            TypeKind::Enum { values } => Some(values),
            TypeKind::List { item, .. } => match item.as_ref() {
                TypeKind::Enum { values } => Some(values),
                _ => None,
            },
            _ => None,
        }
    }
}

impl fmt::Display for ValueType {
    /// A short phrase such as `integer`, `one of: sqlite, postgres` or `list of URL`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl fmt::Display for TypeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeKind::String => f.write_str("string"),
            TypeKind::Boolean { strict: true } => f.write_str("boolean (true/false)"),
            TypeKind::Boolean { strict: false } => f.write_str("boolean"),
            TypeKind::Integer { signed: false, .. } => f.write_str("non-negative integer"),
            TypeKind::Integer { signed: true, .. } => f.write_str("integer"),
            TypeKind::Float { .. } => f.write_str("number"),
            TypeKind::Enum { values } => {
                f.write_str("one of: ")?;
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(&v.name)?;
                }
                Ok(())
            }
            TypeKind::List { item, unique, separator } => {
                let what = if *unique { "set" } else { "list" };
                match separator.as_deref() {
                    None | Some(",") => write!(f, "{what} of {item}"),
                    Some(" ") => write!(f, "space-separated {what} of {item}"),
                    Some(sep) => write!(f, "{what} of {item} separated by \"{sep}\""),
                }
            }
            TypeKind::Path => f.write_str("path"),
            TypeKind::Url => f.write_str("URL"),
            TypeKind::Duration { unit: None } => f.write_str("duration"),
            TypeKind::Duration { unit: Some(u) } => write!(f, "duration (a bare number is in {})", unit_name(u)),
            TypeKind::IpAddr => f.write_str("IP address"),
            TypeKind::SocketAddr => f.write_str("socket address"),
            TypeKind::Json => f.write_str("JSON"),
            TypeKind::Custom { name } => f.write_str(name),
        }
    }
}

impl TypeKind {
    /// The smallest and largest value an integer kind can hold.
    pub fn integer_limits(&self) -> Option<(i128, i128)> {
        match *self {
            TypeKind::Integer { signed: false, bits } => {
                Some((0, if bits >= 128 { i128::MAX } else { (1i128 << bits) - 1 }))
            }
            TypeKind::Integer { signed: true, bits } => {
                let bits = bits.min(127);
                Some((-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1))
            }
            _ => None,
        }
    }
}

/// The word for a duration unit: `ms` reads `milliseconds`.
pub fn unit_name(unit: &str) -> &str {
    match unit {
        "ms" => "milliseconds",
        "s" => "seconds",
        "m" => "minutes",
        "h" => "hours",
        other => other,
    }
}
