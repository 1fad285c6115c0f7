//! Where raw values come from: a snapshot of the process environment, `.env` files, in-memory
//! maps, and `<VAR>_FILE` files. Everything is read once, up front, into a [`Snapshot`].

mod dotenv;
mod file;
#[cfg(feature = "toml")]
pub(crate) mod toml;

use rustc_hash::FxBuildHasher;
use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

pub(crate) use dotenv::read as read_dotenv;
pub use file::MAX_FILE_BYTES;
pub(crate) use file::read_secret_file;

/// Where a raw value was found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Origin {
    /// The process environment.
    Environment,
    /// A `.env` file, at a 1-based line.
    DotEnv {
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
    },
    /// An in-memory map given to the loader.
    Memory,
    /// A runtime overlay (see [`Loaded::overlay`](crate::Loaded::overlay)).
    Overlay,
    /// A TOML configuration file, at the 1-based line of the key (feature `toml`).
    Toml {
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
    },
    /// A command-line flag (feature `clap`), such as `--api-port`.
    Flag {
        /// The flag, such as `--api-port`.
        flag: String,
    },
}

impl Origin {
    /// Whether the value was written in a file an operator edits (a `.env` or TOML file).
    pub fn is_file(&self) -> bool {
        matches!(self, Origin::DotEnv { .. } | Origin::Toml { .. })
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Environment => f.write_str("process environment"),
            Origin::DotEnv { path, line } => write!(f, "{}:{line}", crate::mask::path(path)),
            Origin::Memory => f.write_str("in-memory source"),
            Origin::Overlay => f.write_str("runtime overlay"),
            Origin::Toml { path, line } => write!(f, "{}:{line}", crate::mask::path(path)),
            Origin::Flag { flag } => write!(f, "flag {}", crate::mask::Escaped(flag)),
        }
    }
}

/// The text of a raw variable. It is zeroized on drop unless the load knows it is not secret
/// (the value of a declared variable that is not secret, or a `_FILE` path): a value nobody
/// declared may be a secret set under a misspelt name.
pub(crate) struct Value {
    text: String,
    wipe: bool,
}

impl Value {
    /// Text that may be secret.
    pub(crate) fn new(text: String) -> Value {
        Value { text, wipe: true }
    }
}

impl std::ops::Deref for Value {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl Clone for Value {
    fn clone(&self) -> Value {
        Value { text: self.text.clone(), wipe: self.wipe }
    }
}

impl Drop for Value {
    fn drop(&mut self) {
        if self.wipe {
            zeroize::Zeroize::zeroize(&mut self.text);
        }
    }
}

/// One raw variable.
#[derive(Clone)]
pub(crate) struct Entry {
    pub(crate) value: Result<Value, OsString>,
    origin: Place,
}

/// What the process-environment filter does with a variable.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// Not copied: no declaration can read it or report it.
    No,
    /// Copied; the load knows it is not secret.
    Plain,
    /// Copied, and zeroized on drop.
    Wipe,
}

/// An [`Origin`] in 16 bytes rather than 32: the map holds one per variable, and most come
/// from the environment.
#[derive(Clone)]
enum Place {
    Environment,
    Memory,
    Overlay,
    Other(Box<Origin>),
}

impl Entry {
    pub(crate) fn new(value: Result<Value, OsString>, origin: Origin) -> Entry {
        let origin = match origin {
            Origin::Environment => Place::Environment,
            Origin::Memory => Place::Memory,
            Origin::Overlay => Place::Overlay,
            other => Place::Other(Box::new(other)),
        };
        Entry { value, origin }
    }

    /// Where the value came from.
    pub(crate) fn origin(&self) -> &Origin {
        static ENVIRONMENT: Origin = Origin::Environment;
        static MEMORY: Origin = Origin::Memory;
        static OVERLAY: Origin = Origin::Overlay;
        match &self.origin {
            Place::Environment => &ENVIRONMENT,
            Place::Memory => &MEMORY,
            Place::Overlay => &OVERLAY,
            Place::Other(origin) => origin,
        }
    }
}

/// How a snapshot files names: every name the configuration declares has a number, so that a
/// declared value is stored and read by number (no copy of its name, no second hash), and
/// the name says what to keep of its value. The resolved model is the one implementation.
pub(crate) trait Names: Sync {
    /// What to keep of a variable named `name`, and its number when it is declared.
    fn classify(&self, name: &str) -> (Keep, Option<u32>);
    /// The declared name numbered `id`.
    fn name(&self, id: u32) -> &str;
    /// How many names are declared.
    fn count(&self) -> usize;
}

/// One `.env` file's assignments, in order.
pub(crate) type Layer = Vec<(String, Entry)>;

/// Every raw variable the load can see, read once: the declared ones by number, the few
/// others a load may report (under a claimed prefix, possible misspellings, names a
/// `forbid_names` rule may forbid) by name. A variable nothing can read or report is not kept.
///
/// Hashed with FxHash rather than SipHash: the names come from the operator's own environment,
/// files and declared overlay keys, not from an attacker who could choose colliding keys.
#[derive(Clone)]
pub(crate) struct Snapshot {
    /// The names under which it is set.
    names: &'static dyn Names,
    declared: Vec<Option<Entry>>,
    other: HashMap<String, Entry, FxBuildHasher>,
}

impl fmt::Debug for Snapshot {
    /// Names only, sorted: values may be secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = self.names().collect();
        names.sort_unstable();
        f.debug_struct("Snapshot").field("variables", &names).finish()
    }
}

impl Snapshot {
    /// An empty snapshot filing names by `names`.
    pub(crate) fn new(names: &'static dyn Names) -> Snapshot {
        Snapshot { names, declared: Vec::new(), other: HashMap::default() }
    }

    /// The value of a declared name, by number.
    pub(crate) fn get_id(&self, id: u32) -> Option<&Entry> {
        self.declared.get(id as usize)?.as_ref()
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Entry> {
        match self.names.classify(name) {
            (_, Some(id)) => self.get_id(id),
            (_, None) => self.other.get(name),
        }
    }

    /// Files `entry` under `name`, replacing what was there; a value the load cannot use is
    /// dropped, and one known not to be secret will not be zeroized.
    pub(crate) fn insert(&mut self, name: &str, mut entry: Entry) {
        let (keep, id) = self.names.classify(name);
        if let (Keep::Plain, Ok(v)) = (keep, &mut entry.value) {
            v.wipe = false;
        }
        match (keep, id) {
            (Keep::No, _) => {}
            (_, Some(id)) => self.put(id, entry),
            (_, None) => {
                self.other.insert(name.to_owned(), entry);
            }
        }
    }

    fn put(&mut self, id: u32, entry: Entry) {
        if self.declared.is_empty() {
            self.declared.resize_with(self.names.count(), || None);
        }
        self.declared[id as usize] = Some(entry);
    }

    pub(crate) fn remove(&mut self, name: &str) {
        match self.names.classify(name) {
            (_, Some(id)) => {
                if let Some(slot) = self.declared.get_mut(id as usize) {
                    *slot = None;
                }
            }
            (_, None) => {
                self.other.remove(name);
            }
        }
    }

    /// Adds `other` on top: its entries replace ours.
    pub(crate) fn layer(&mut self, other: Snapshot) {
        if self.declared.is_empty() && self.other.is_empty() {
            // Layering onto nothing (no `.env` files): take the other instead of copying it.
            *self = other;
            return;
        }
        for (id, entry) in other.declared.into_iter().enumerate() {
            if let Some(entry) = entry {
                self.put(id as u32, entry);
            }
        }
        self.other.extend(other.other);
    }

    /// Adds a file's assignments on top, in order: a later one replaces an earlier one.
    pub(crate) fn extend(&mut self, layer: Layer) {
        for (name, entry) in layer {
            self.insert(&name, entry);
        }
    }

    /// Names, in no particular order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        let declared = self.declared.iter().enumerate().filter(|(_, e)| e.is_some());
        declared.map(|(id, _)| self.names.name(id as u32)).chain(self.other.keys().map(String::as_str))
    }

    /// The names kept that nothing declares, with where each was set, in no particular order.
    pub(crate) fn undeclared(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.other.iter().map(|(name, entry)| (name.as_str(), entry))
    }

    /// The process environment, read once: only the variables a load may read or report
    /// are copied, so that unrelated variables are neither copied, validated nor hashed.
    /// Non-UTF-8 values are kept and reported only if a declared variable reads them.
    pub(crate) fn from_process(names: &'static dyn Names) -> Snapshot {
        let mut snapshot = Snapshot::new(names);
        each_process_variable(|name, value| {
            // A name that is not UTF-8 cannot be declared.
            let Ok(name) = std::str::from_utf8(name) else { return };
            let (keep, id) = names.classify(name);
            if keep == Keep::No {
                return;
            }
            let value = match std::str::from_utf8(value) {
                Ok(text) => Ok(Value { text: text.to_owned(), wipe: keep == Keep::Wipe }),
                Err(_) => Err(os_string(value)),
            };
            let entry = Entry::new(value, Origin::Environment);
            match id {
                Some(id) => snapshot.put(id, entry),
                None => {
                    snapshot.other.insert(name.to_owned(), entry);
                }
            }
        });
        snapshot
    }

    pub(crate) fn from_pairs<K, V>(
        names: &'static dyn Names,
        pairs: impl IntoIterator<Item = (K, V)>,
        origin: Origin,
    ) -> Snapshot
    where
        K: Into<String>,
        V: Into<OsString>,
    {
        let mut snapshot = Snapshot::new(names);
        for (k, v) in pairs {
            let name: String = k.into();
            snapshot.insert(&name, Entry::new(v.into().into_string().map(Value::new), origin.clone()));
        }
        snapshot
    }
}

/// Calls `f` with the name and value of every variable of the process environment, without
/// copying them. On Linux the C library's `environ` is read in place: like any C code reading
/// the environment, this relies on the contract of `std::env::set_var` (no other thread
/// changes the environment meanwhile). Elsewhere, through `std::env::vars_os`.
fn each_process_variable(mut f: impl FnMut(&[u8], &[u8])) {
    #[cfg(target_os = "linux")]
    {
        unsafe extern "C" {
            static environ: *const *const std::ffi::c_char;
        }
        // SAFETY: `environ` is the C library's null-terminated array of null-terminated
        // `NAME=value` strings. It is read once, and not kept past this call; `set_var`'s
        // contract forbids another thread from changing it while we read.
        unsafe {
            let mut entry = environ;
            if entry.is_null() {
                return;
            }
            while !(*entry).is_null() {
                let bytes = std::ffi::CStr::from_ptr(*entry).to_bytes();
                // A name is never empty: the first `=` after its first byte ends it.
                if let Some(eq) = bytes.iter().skip(1).position(|&b| b == b'=') {
                    f(&bytes[..eq + 1], &bytes[eq + 2..]);
                }
                entry = entry.add(1);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    for (name, value) in std::env::vars_os() {
        f(name.as_encoded_bytes(), value.as_encoded_bytes());
    }
}

/// Bytes that are not UTF-8, as the `OsString` they are.
fn os_string(bytes: &[u8]) -> OsString {
    #[cfg(unix)]
    {
        <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes).to_owned()
    }
    #[cfg(not(unix))]
    {
        // Only UTF-8-compatible encodings reach here from `as_encoded_bytes`.
        // SAFETY: the bytes come from `OsStr::as_encoded_bytes` of the same platform.
        unsafe { std::ffi::OsStr::from_encoded_bytes_unchecked(bytes) }.to_owned()
    }
}

/// The first `.env`-named file in `dir` or its ancestors.
pub(crate) fn search_upwards(dir: &Path, file_name: &str) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(file_name)).find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Declares `A`, `B` and `APP_PORT`; keeps nothing else.
    struct Three;
    impl Names for Three {
        fn classify(&self, name: &str) -> (Keep, Option<u32>) {
            match ["A", "B", "APP_PORT"].iter().position(|n| *n == name) {
                Some(i) => (Keep::Wipe, Some(i as u32)),
                None => (Keep::No, None),
            }
        }
        fn name(&self, id: u32) -> &str {
            ["A", "B", "APP_PORT"][id as usize]
        }
        fn count(&self) -> usize {
            3
        }
    }

    #[test]
    fn origins_are_kept() {
        let s = Snapshot::from_pairs(&Three, [("APP_PORT", "1")], Origin::Memory);
        assert_eq!(s.get("APP_PORT").unwrap().origin(), &Origin::Memory);
        let file = Origin::DotEnv { path: "/x/.env".into(), line: 3 };
        let s = Snapshot::from_pairs(&Three, [("A", "1")], file.clone());
        assert_eq!(s.get("A").unwrap().origin(), &file);
    }

    #[test]
    fn a_later_pair_replaces_an_earlier_one_and_unusable_names_are_dropped() {
        let s = Snapshot::from_pairs(&Three, [("A", "1"), ("B", "2"), ("A", "3"), ("C", "4")], Origin::Memory);
        assert_eq!(s.get("A").unwrap().value.as_ref().unwrap().as_str(), "3");
        assert_eq!(s.names().count(), 2);
        assert!(s.get("C").is_none());
    }
}
