//! Where raw values come from: a snapshot of the process environment, `.env` files, in-memory
//! maps, and `<VAR>_FILE` files. Everything is read once, up front, into a [`Snapshot`].

mod dotenv;
mod file;

use rustc_hash::FxBuildHasher;
use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

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
    DotEnv { path: PathBuf, line: usize },
    /// An in-memory map given to the loader.
    Memory,
    /// A runtime overlay (see [`Loaded::overlay`](crate::Loaded::overlay)).
    Overlay,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Environment => f.write_str("process environment"),
            Origin::DotEnv { path, line } => write!(f, "{}:{line}", crate::mask::path(path)),
            Origin::Memory => f.write_str("in-memory source"),
            Origin::Overlay => f.write_str("runtime overlay"),
        }
    }
}

/// One raw variable. Text is zeroized on drop: it may be a secret.
#[derive(Clone)]
pub(crate) struct Entry {
    pub(crate) value: Result<Zeroizing<String>, OsString>,
    origin: Place,
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
    pub(crate) fn new(value: Result<Zeroizing<String>, OsString>, origin: Origin) -> Entry {
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

/// Every raw variable the load can see, read once.
///
/// Hashed with FxHash rather than SipHash: the names come from the operator's own environment,
/// files and declared overlay keys, not from an attacker who could choose colliding keys, and
/// hashing every name with SipHash cost more than the rest of building the map.
#[derive(Clone, Default)]
pub(crate) struct Snapshot {
    map: HashMap<String, Entry, FxBuildHasher>,
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
    /// A later pair replaces an earlier one, as `HashMap::extend` does. `capacity` is how many
    /// entries are expected when the iterator cannot tell (a filtered one).
    fn from_entries(capacity: usize, entries: impl Iterator<Item = (String, Entry)>) -> Snapshot {
        let mut map = HashMap::with_capacity_and_hasher(capacity.max(entries.size_hint().0), FxBuildHasher);
        map.extend(entries);
        Snapshot { map }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Entry> {
        self.map.get(name)
    }

    pub(crate) fn insert(&mut self, name: String, entry: Entry) {
        self.map.insert(name, entry);
    }

    pub(crate) fn remove(&mut self, name: &str) {
        self.map.remove(name);
    }

    /// Adds `other` on top: its entries replace ours.
    pub(crate) fn layer(&mut self, other: Snapshot) {
        if self.map.is_empty() {
            // Layering onto nothing (no `.env` files): take the map instead of rehashing it.
            *self = other;
            return;
        }
        self.map.extend(other.map);
    }

    /// Names, in no particular order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// The process environment, read once: only the variables `keep` accepts (those a load
    /// may read or report), so that unrelated variables are neither validated nor hashed.
    /// `expected` is how many variables the load is likely to keep. Non-UTF-8 values are kept
    /// and reported only if a declared variable reads them.
    pub(crate) fn from_process(expected: usize, keep: impl Fn(&[u8]) -> bool) -> Snapshot {
        let kept = std::env::vars_os().filter_map(|(k, v)| {
            if !keep(k.as_encoded_bytes()) {
                return None;
            }
            let k = k.into_string().ok()?;
            Some((k, Entry::new(v.into_string().map(Zeroizing::new), Origin::Environment)))
        });
        Snapshot::from_entries(expected, kept)
    }

    pub(crate) fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>, origin: Origin) -> Snapshot
    where
        K: Into<String>,
        V: Into<OsString>,
    {
        Snapshot::from_entries(
            0,
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), Entry::new(v.into().into_string().map(Zeroizing::new), origin.clone()))),
        )
    }
}

/// The first `.env`-named file in `dir` or its ancestors.
pub(crate) fn search_upwards(dir: &Path, file_name: &str) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(file_name)).find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_kept() {
        let s = Snapshot::from_pairs([("APP_PORT", "1")], Origin::Memory);
        assert_eq!(s.get("APP_PORT").unwrap().origin(), &Origin::Memory);
        let file = Origin::DotEnv { path: "/x/.env".into(), line: 3 };
        let s = Snapshot::from_pairs([("A", "1")], file.clone());
        assert_eq!(s.get("A").unwrap().origin(), &file);
    }

    #[test]
    fn a_later_pair_replaces_an_earlier_one() {
        let s = Snapshot::from_pairs([("A", "1"), ("B", "2"), ("A", "3")], Origin::Memory);
        assert_eq!(s.get("A").unwrap().value.as_ref().unwrap().as_str(), "3");
        assert_eq!(s.names().count(), 2);
    }
}
