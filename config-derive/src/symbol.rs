//! Every attribute keyword, in one place: the parser matches keys through these constants,
//! the table says where each key may be written, and "did you mean" hints search it.

use std::fmt;

/// An attribute keyword.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct Symbol(pub &'static str);

impl PartialEq<Symbol> for syn::Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for str {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Where an `#[env(...)]` attribute is written.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Place {
    /// A struct deriving `EnvConfig`.
    Struct,
    /// A field of such a struct.
    Field,
    /// An enum deriving `EnvConfig`: a backend group.
    Group,
    /// A variant of a backend group.
    GroupVariant,
    /// An enum deriving `EnvEnum`.
    Enum,
    /// A variant of such an enum.
    EnumVariant,
}

impl Place {
    /// How messages name the place: `unknown {name} attribute`.
    pub fn name(self) -> &'static str {
        match self {
            Place::Struct => "struct",
            Place::Field => "field",
            Place::Group => "backend group",
            Place::GroupVariant | Place::EnumVariant => "variant",
            Place::Enum => "enum",
        }
    }

    /// How messages name the place as a destination: `belongs on {where}`.
    fn on(self) -> &'static str {
        match self {
            Place::Struct => "the struct",
            Place::Field => "a field",
            Place::Group => "a backend group enum",
            Place::GroupVariant => "a backend group's variant",
            Place::Enum => "an `EnvEnum` enum",
            Place::EnumVariant => "an `EnvEnum` variant",
        }
    }
}

macro_rules! symbols {
    ($($konst:ident = $word:literal: [$($place:ident),*];)*) => {
        $(pub const $konst: Symbol = Symbol($word);)*
        /// Every keyword with the places it is accepted at.
        pub const KEYS: &[(Symbol, &[Place])] = &[$(($konst, &[$(Place::$place),*])),*];
    };
}

symbols! {
    PREFIX = "prefix": [Struct, Field, Group, GroupVariant];
    SECTION = "section": [Struct, Field, Group];
    EMPTY = "empty": [Struct];
    STRICT_BOOL = "strict_bool": [Struct, Field];
    PROFILES = "profiles": [Struct];
    CHECK = "check": [Struct];
    CLAIMS = "claims": [Struct];
    FORBID_NAMES = "forbid_names": [Struct];
    CRATE = "crate": [Struct, Group, Enum];
    DOCS = "docs": [Struct];
    SELECTOR = "selector": [Group];
    RENAME = "rename": [GroupVariant, EnumVariant];
    RENAME_ALL = "rename_all": [Enum];
    NAME = "name": [Field];
    NO_PREFIX = "no_prefix": [Field];
    ALIAS = "alias": [Field, Group, GroupVariant, EnumVariant];
    DEFAULT = "default": [Field, Group];
    DEFAULT_FROM = "default_from": [Field];
    SAME_AS = "same_as": [Field];
    SECRET = "secret": [Field];
    BOOTSTRAP = "bootstrap": [Field];
    DEPRECATED = "deprecated": [Field];
    EXAMPLE = "example": [Field];
    GENERATE = "generate": [Field];
    COMPONENTS = "components": [Struct, Field];
    REQUIRED_FOR = "required_for": [Field];
    DEFAULT_FOR = "default_for": [Field];
    NESTED = "nested": [Field];
    FLATTEN = "flatten": [Field];
    JSON = "json": [Field];
    FROM_STR = "from_str": [Field];
    FILE = "file": [Field];
    PROFILE = "profile": [Field];
    RANGE = "range": [Field];
    MIN = "min": [Field];
    MAX = "max": [Field];
    GT = "gt": [Field];
    LT = "lt": [Field];
    MIN_LEN = "min_len": [Field];
    MAX_LEN = "max_len": [Field];
    LEN = "len": [Field];
    PATTERN = "pattern": [Field];
    ITEM_PATTERN = "item_pattern": [Field];
    KEY = "key": [Field];
    SCHEMES = "schemes": [Field];
    NON_EMPTY = "non_empty": [Field];
    FORBID = "forbid": [Field];
    VALIDATE = "validate": [Field];
    REQUIRED_IF = "required_if": [Field];
    READ_IF = "read_if": [Field];
    SEPARATOR = "separator": [Field];
    REQUIRED_WITH = "required_with": [Field];
    REQUIRED_IN = "required_in": [Field];
    RECOMMENDED_IN = "recommended_in": [Field];
    FORBIDDEN_IN = "forbidden_in": [Field];
    NOT_DEFAULT_IN = "not_default_in": [Field];
    DEV_DEFAULT = "dev_default": [Field];
    WARN_IN = "warn_in": [Field];
    FALLBACK = "fallback": [Field];
    ON_INVALID = "on_invalid": [Field];
    UNIT = "unit": [Field];
    INTERNAL = "internal": [Field];
    RESERVED = "reserved": [Field];
    SET_BY = "set_by": [Field];
    TEST_ONLY = "test_only": [Field];
    FLAG = "flag": [Field];
}

/// Words inside other keys' arguments.
pub const ONLY_IN: Symbol = Symbol("only_in");
pub const BYTES: Symbol = Symbol("bytes");
pub const HEX: Symbol = Symbol("hex");
pub const BASE64: Symbol = Symbol("base64");

/// The keys a `nested` or `flatten` field may carry: everything else applies to one variable.
pub const NESTED_FIELD_KEYS: &[Symbol] = &[NESTED, FLATTEN, PREFIX, SECTION, COMPONENTS];

/// The keyword spelled `word`, if there is one.
pub fn lookup(word: &str) -> Option<(Symbol, &'static [Place])> {
    KEYS.iter().find(|(s, _)| s.0 == word).copied()
}

/// The keys accepted at `place`, in table order.
pub fn keys_at(place: Place) -> Vec<&'static str> {
    KEYS.iter().filter(|(_, places)| places.contains(&place)).map(|(s, _)| s.0).collect()
}

/// The accepted key closest to `key`, for "did you mean" hints.
pub fn closest(key: &str, keys: &[&'static str]) -> Option<&'static str> {
    keys.iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Why `key` cannot be written at `place`: it is unknown (with the closest key, or the list),
/// or it belongs somewhere else.
pub fn misplaced_message(key: &str, place: Place) -> String {
    match (key, place) {
        ("rename", Place::Field) => {
            return "`rename` names a variant; a field's variable is renamed with `name = \"...\"`".into();
        }
        ("used_by", Place::Field) => {
            return "`used_by` is now `components(...)`, naming components the struct declares with `#[env(components(api, worker))]`".into();
        }
        ("name", Place::GroupVariant | Place::EnumVariant) => {
            return "`name` renames a field's variable; a variant's spelling is set with `rename = \"...\"`".into();
        }
        _ => {}
    }
    match lookup(key) {
        Some((_, places)) => {
            let home = places.first().expect("every keyword has a place");
            format!("`{key}` belongs on {}, not on {}", home.on(), place.on())
        }
        None => {
            let keys = keys_at(place);
            match closest(key, &keys) {
                Some(k) => format!("unknown {} attribute `{key}`; did you mean `{k}`?", place.name()),
                None => format!("unknown {} attribute `{key}`; expected one of: {}", place.name(), keys.join(", ")),
            }
        }
    }
}
