//! Where raw values come from: a snapshot of the process environment, `.env` files, in-memory
//! maps, and `<VAR>_FILE` files. Everything is read once, up front, into a [`Snapshot`].

use crate::error::Problem;
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
    pub(crate) origin: Origin,
}

/// Every raw variable the load can see, read once.
#[derive(Clone, Default)]
pub(crate) struct Snapshot {
    map: HashMap<String, Entry>,
}

impl fmt::Debug for Snapshot {
    /// Names and origins only: values may be secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<_> = self.map.keys().collect();
        names.sort();
        f.debug_struct("Snapshot").field("variables", &names).finish()
    }
}

impl Snapshot {
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

    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// The process environment, read once. Non-UTF-8 values are kept and reported only if a
    /// declared variable reads them.
    pub(crate) fn from_process() -> Snapshot {
        let mut s = Snapshot::default();
        for (k, v) in std::env::vars_os() {
            let Ok(k) = k.into_string() else { continue };
            let value = v.into_string().map(Zeroizing::new);
            s.insert(k, Entry { value, origin: Origin::Environment });
        }
        s
    }

    pub(crate) fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>, origin: Origin) -> Snapshot
    where
        K: Into<String>,
        V: Into<OsString>,
    {
        let mut s = Snapshot::default();
        for (k, v) in pairs {
            let value = v.into().into_string().map(Zeroizing::new);
            s.insert(k.into(), Entry { value, origin: origin.clone() });
        }
        s
    }

    /// Reads a `.env` file with dotenvy. Errors never quote the file's content.
    pub(crate) fn from_dotenv(path: &Path) -> Result<Snapshot, Problem> {
        let text =
            read_limited(path).map_err(|message| Problem::Source { path: path.to_path_buf(), line: None, message })?;
        let mut s = Snapshot::default();
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            match item {
                Ok((k, v)) => {
                    let line = line_of_key(&text, &k).unwrap_or(0);
                    let origin = Origin::DotEnv { path: path.to_path_buf(), line };
                    s.insert(k, Entry { value: Ok(Zeroizing::new(v)), origin });
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
        Ok(s)
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
}
