//! Finds environment reads in Rust sources (`std::env::var("X")`, `var_os`, `env!`,
//! `option_env!`) so that reads no configuration declares, the way docs drift in the first
//! place, are caught.
//!
//! Sources are tokenized, not parsed: the reads are token patterns, found wherever they are
//! (inside `format!` or any other macro too). The walk keeps its own stack on the heap, so no
//! nesting, however deep, can overflow the thread's stack. Only regular files are read, each
//! once and within [`MAX_SOURCE_BYTES`]; a directory reached twice (a symlink loop) is walked
//! once.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The largest source file scanned, in bytes (4 MiB); a larger one is reported, not read.
pub const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;

/// One read of an environment variable.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EnvRead {
    /// The file it is in.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// The variable name.
    pub name: String,
    /// How it is read: `env::var`, `env::var_os`, `env!`, `option_env!`.
    pub via: &'static str,
}

/// A file that could not be read or tokenized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    /// The file.
    pub file: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// Every read with a literal name under `root` (a file or a directory, searched recursively;
/// `target`, hidden directories and `fuzz/corpus` are skipped).
pub fn scan(root: &Path) -> (Vec<EnvRead>, Vec<ScanError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    collect(root, &mut files, &mut errors, &mut seen);
    files.sort();
    files.dedup();
    let mut reads = Vec::new();
    for file in files {
        match read_source(&file).and_then(|src| scan_source(&src)) {
            Ok(found) => {
                reads.extend(found.into_iter().map(|(line, name, via)| EnvRead { file: file.clone(), line, name, via }))
            }
            Err(message) => errors.push(ScanError { file, message }),
        }
    }
    (reads, errors)
}

/// Walks `path` without a recursive call per directory; every directory is entered once,
/// by its canonical path.
fn collect(root: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<ScanError>, seen: &mut HashSet<PathBuf>) {
    let mut pending = vec![root.to_path_buf()];
    while let Some(path) = pending.pop() {
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                errors.push(ScanError { file: path, message: e.to_string() });
                continue;
            }
        };
        if !meta.is_dir() {
            if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
            continue;
        }
        let Ok(canonical) = std::fs::canonicalize(&path) else { continue };
        if !seen.insert(canonical) {
            continue;
        }
        let entries = match std::fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) => {
                errors.push(ScanError { file: path, message: e.to_string() });
                continue;
            }
        };
        for entry in entries.flatten() {
            let p = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name == "target" || ((name == "corpus" || name == "artifacts") && p.is_dir()) {
                continue;
            }
            if p.is_dir() || name.ends_with(".rs") {
                pending.push(p);
            }
        }
    }
}

/// Reads a source file: a regular file only, opened without blocking, within the size cap.
fn read_source(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file; only regular files are scanned".into());
    }
    let file = open_nonblocking(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file; only regular files are scanned".into());
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(format!("{} bytes, more than the {MAX_SOURCE_BYTES}-byte limit of a scanned file", meta.len()));
    }
    let mut text = String::new();
    use std::io::Read;
    file.take(MAX_SOURCE_BYTES + 1).read_to_string(&mut text).map_err(|e| e.to_string())?;
    if text.len() as u64 > MAX_SOURCE_BYTES {
        return Err(format!("more than the {MAX_SOURCE_BYTES}-byte limit of a scanned file"));
    }
    Ok(text)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// The reads in one source file: (line, name, via).
pub fn scan_source(src: &str) -> Result<Vec<(usize, String, &'static str)>, String> {
    let tokens: TokenStream = src.parse().map_err(|e: proc_macro2::LexError| {
        let at = e.span().start();
        format!("line {}:{}: cannot tokenize ({e})", at.line, at.column + 1)
    })?;
    let mut found = Vec::new();
    // Each stream's tokens, walked with a stack on the heap: nesting costs no thread stack.
    let mut pending: Vec<Vec<TokenTree>> = vec![tokens.into_iter().collect()];
    while let Some(tts) = pending.pop() {
        for (i, tt) in tts.iter().enumerate() {
            if let TokenTree::Group(g) = tt {
                pending.push(g.stream().into_iter().collect());
            }
            if let Some(read) = read_at(&tts[i..]) {
                found.push(read);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// A read starting at `tts[0]`: `env::var("X")`, `env::var_os("X")`, `env!("X")` or
/// `option_env!("X")`.
fn read_at(tts: &[TokenTree]) -> Option<(usize, String, &'static str)> {
    let ident = |i: usize| match tts.get(i) {
        Some(TokenTree::Ident(id)) => Some(id.to_string()),
        _ => None,
    };
    let punct = |i: usize, c: char| matches!(tts.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
    let first_literal = |i: usize, parens_only: bool| match tts.get(i) {
        Some(TokenTree::Group(g)) if !parens_only || g.delimiter() == Delimiter::Parenthesis => {
            match g.stream().into_iter().next() {
                Some(TokenTree::Literal(lit)) => string_value(&lit.to_string()).map(|s| (lit.span().start().line, s)),
                _ => None,
            }
        }
        _ => None,
    };
    match ident(0).as_deref() {
        Some("env") => {
            let joined =
                matches!(tts.get(1), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint);
            if joined && punct(2, ':') {
                let via = match ident(3).as_deref() {
                    Some("var") => "env::var",
                    Some("var_os") => "env::var_os",
                    _ => return None,
                };
                let (line, name) = first_literal(4, true)?;
                return Some((line, name, via));
            }
            if punct(1, '!') {
                let (line, name) = first_literal(2, false)?;
                return Some((line, name, "env!"));
            }
            None
        }
        Some("option_env") if punct(1, '!') => {
            let (line, name) = first_literal(2, false)?;
            Some((line, name, "option_env!"))
        }
        _ => None,
    }
}

/// The value of a string literal token (`"X"`, `r"X"`, `r#"X"#`); `None` for other literals.
fn string_value(lit: &str) -> Option<String> {
    if let Some(raw) = lit.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw.get(hashes..raw.len().checked_sub(hashes)?)?;
        return body.strip_prefix('"')?.strip_suffix('"').map(str::to_owned);
    }
    let body = lit.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            c @ ('\\' | '"' | '\'') => out.push(c),
            // An escape a variable name would not use: not a name worth reporting.
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_kind_of_read() {
        let src = r##"
            fn main() {
                let a = std::env::var("A_VAR");
                let b = env::var_os("B_VAR");
                let c = env!("C_VAR");
                let d = option_env!(r#"D_VAR"#);
                println!("{:?}", std::env::var("E_VAR"));
                let dynamic = std::env::var(name);
                let not_a_read = my::env::variable("F_VAR");
            }
        "##;
        let names: Vec<String> = scan_source(src).unwrap().into_iter().map(|(_, n, _)| n).collect();
        assert_eq!(names, ["A_VAR", "B_VAR", "C_VAR", "D_VAR", "E_VAR"]);
    }

    #[test]
    fn lines_are_reported() {
        let found = scan_source("fn f() {\n    std::env::var(\"X\");\n}\n").unwrap();
        assert_eq!(found, vec![(2, "X".to_string(), "env::var")]);
    }

    #[test]
    fn deep_nesting_never_overflows_the_stack() {
        // Run on a thread with a small stack: the walk must not need one.
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                let depth = 200_000;
                let src = format!("fn f() {{ {}std::env::var(\"DEEP\"){} }}", "(".repeat(depth), ")".repeat(depth));
                let unary = format!("fn g() {{ let x = {}std::env::var(\"UNARY\"); }}", "!".repeat(depth));
                let chain = format!("fn h() {{ {} = std::env::var(\"CHAIN\"); }}", "a = ".repeat(depth));
                [src, unary, chain].iter().map(|s| scan_source(s).unwrap()).collect::<Vec<_>>()
            })
            .unwrap();
        let found = handle.join().expect("no stack overflow");
        let names: Vec<&str> = found.iter().flatten().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(names, ["DEEP", "UNARY", "CHAIN"]);
    }

    #[test]
    fn unbalanced_sources_are_errors_not_panics() {
        assert!(scan_source("fn f() { (").is_err());
        assert!(scan_source("\"unterminated").is_err());
    }
}
