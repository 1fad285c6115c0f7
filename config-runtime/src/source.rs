//! Where raw values come from: a snapshot of the process environment, `.env` files, in-memory
//! maps, and `<VAR>_FILE` files. Everything is read once, up front, into a [`Snapshot`].

use crate::error::Problem;
use rustc_hash::FxBuildHasher;
use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The largest `.env` file or `<VAR>_FILE` file read, in bytes (1 MiB). Larger files are
/// refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

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
            Origin::DotEnv { path, line } => write!(f, "{}:{line}", path.display()),
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

    /// Reads a `.env` file with dotenvy. Errors never quote the file's content.
    pub(crate) fn from_dotenv(path: &Path) -> Result<Snapshot, Problem> {
        let text =
            read_limited(path).map_err(|message| Problem::Source { path: path.to_path_buf(), line: None, message })?;
        let mut entries = Vec::new();
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            match item {
                Ok((k, v)) => {
                    let line = line_of_key(&text, &k).unwrap_or(0);
                    let origin = Origin::DotEnv { path: path.to_path_buf(), line };
                    entries.push((k, Entry::new(Ok(Zeroizing::new(v)), origin)));
                }
                Err(dotenvy::Error::LineParse(bad, index)) => {
                    let line = text.lines().position(|l| bad.starts_with(l.trim_end()) && !l.trim().is_empty());
                    return Err(Problem::Source {
                        path: path.to_path_buf(),
                        line: line.map(|l| l + 1),
                        message: format!("cannot parse this line (column {})", index + 1),
                    });
                }
                Err(e) => {
                    return Err(Problem::Source { path: path.to_path_buf(), line: None, message: e.to_string() });
                }
            }
        }
        Ok(Snapshot::from_entries(0, entries.into_iter()))
    }
}

/// Reads a whole file as UTF-8, refusing directories and files over [`MAX_FILE_BYTES`].
pub(crate) fn read_limited(path: &Path) -> Result<Zeroizing<String>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a directory, not a file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("is {} bytes, more than the {MAX_FILE_BYTES}-byte limit", meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("is more than the {MAX_FILE_BYTES}-byte limit"));
    }
    match std::str::from_utf8(&bytes) {
        Ok(s) => Ok(Zeroizing::new(s.to_owned())),
        Err(e) => Err(format!("is not valid UTF-8 (byte {})", e.valid_up_to())),
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "cannot be read (permission denied)".into(),
        _ => format!("cannot be read ({e})"),
    }
}

/// The 1-based line of the last assignment to `key` (the one dotenvy keeps).
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let mut found = None;
    for (i, line) in text.lines().enumerate() {
        let l = line.trim_start();
        let l = l.strip_prefix("export ").map(str::trim_start).unwrap_or(l);
        if let Some(rest) = l.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                found = Some(i + 1);
            }
        }
    }
    found
}

/// The first `.env`-named file in `dir` or its ancestors.
pub(crate) fn search_upwards(dir: &Path, file_name: &str) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(file_name)).find(|p| p.is_file())
}

/// Reads a `<VAR>_FILE` secret file: the whole file, one trailing newline trimmed.
pub(crate) fn read_secret_file(path: &Path) -> Result<Zeroizing<String>, String> {
    let mut text = read_limited(path)?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_the_last_assignment() {
        let text = "# c\nA=1\nexport B = 2\nA=3\nAB=4\n";
        assert_eq!(line_of_key(text, "A"), Some(4));
        assert_eq!(line_of_key(text, "B"), Some(3));
        assert_eq!(line_of_key(text, "AB"), Some(5));
        assert_eq!(line_of_key(text, "C"), None);
    }

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
