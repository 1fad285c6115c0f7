//! `.env` files: parsed by dotenvy, with the line of every assignment found in one pass.
//!
//! dotenvy yields `(key, value)` pairs but no line numbers. A value in quotes may span lines,
//! so the line of an assignment is not found by searching for its key. [`logical_lines`]
//! follows dotenvy's own rule for joining lines (quotes, escapes, comments), so the k-th
//! assignment dotenvy yields starts on the k-th line it reports, and a parse error names the
//! line where the broken assignment starts. The whole file is scanned once.

use super::{Entry, Origin, Snapshot};
use crate::error::Problem;
use std::path::Path;
use zeroize::Zeroizing;

/// The byte-order mark some editors write at the start of a file.
const BOM: char = '\u{feff}';

/// Reads a `.env` file. Errors never quote the file's content.
pub(crate) fn read(path: &Path) -> Result<Snapshot, Problem> {
    let text = super::file::read_limited(path).map_err(|message| Problem::Source {
        path: path.to_path_buf(),
        line: None,
        message,
    })?;
    parse(path, &text)
}

/// Parses `.env` text read from `path`. A leading byte-order mark is skipped.
pub(crate) fn parse(path: &Path, text: &str) -> Result<Snapshot, Problem> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let lines = logical_lines(text);
    let mut entries = Vec::new();
    for (k, item) in dotenvy::from_read_iter(text.as_bytes()).enumerate() {
        let line = lines.get(k).copied();
        match item {
            Ok((key, value)) => {
                let origin = Origin::DotEnv { path: path.to_path_buf(), line: line.unwrap_or(0) };
                entries.push((key, Entry::new(Ok(Zeroizing::new(value)), origin)));
            }
            Err(dotenvy::Error::LineParse(bad, index)) => {
                // The column within the logical line; an unclosed quote reports the end.
                let column =
                    if index >= bad.len() { "an unclosed quote".to_owned() } else { format!("column {}", index + 1) };
                return Err(Problem::Source {
                    path: path.to_path_buf(),
                    line: line.or(lines.last().copied()),
                    message: format!("cannot parse this line ({column})"),
                });
            }
            Err(e) => return Err(Problem::Source { path: path.to_path_buf(), line: None, message: e.to_string() }),
        }
    }
    Ok(Snapshot::from_entries(entries.len(), entries.into_iter()))
}

/// dotenvy's line-joining states.
#[derive(Clone, Copy)]
enum State {
    Complete,
    Escape,
    Strong,
    StrongEscape,
    Weak,
    WeakEscape,
    WhiteSpace,
}

/// The 1-based line on which each logical line that dotenvy parses starts, in order: one per
/// pair it yields, and last the line of an assignment it could not parse. Blank and comment
/// lines, which yield nothing, are left out.
pub(crate) fn logical_lines(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut state = State::Complete;
    let mut start: Option<(usize, usize)> = None; // (line number, byte offset)
    let mut offset = 0;
    for (i, physical) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += physical.len();
        if start.is_none() {
            if physical.trim_start().starts_with('#') {
                continue;
            }
            start = Some((i + 1, line_start));
        }
        let (ended, next) = end_state(state, physical);
        state = next;
        if ended || matches!(state, State::Complete) {
            let (number, from) = start.take().expect("a logical line was started");
            let logical = text[from..offset].trim();
            if !(logical.is_empty() || logical.starts_with('#')) {
                out.push(number);
            }
            state = State::Complete;
        }
    }
    if let Some((number, _)) = start {
        // An unterminated quote at the end of the file: dotenvy reports it here.
        out.push(number);
    }
    out
}

/// The state after `line`, and whether a comment ended the logical line early.
fn end_state(mut state: State, line: &str) -> (bool, State) {
    for c in line.chars() {
        state = match state {
            State::WhiteSpace => match c {
                '#' => return (true, State::Complete),
                '\\' => State::Escape,
                '"' => State::Weak,
                '\'' => State::Strong,
                _ => State::Complete,
            },
            State::Escape => State::Complete,
            State::Complete => match c {
                c if c.is_whitespace() && c != '\n' && c != '\r' => State::WhiteSpace,
                '\\' => State::Escape,
                '"' => State::Weak,
                '\'' => State::Strong,
                _ => State::Complete,
            },
            State::Weak => match c {
                '\\' => State::WeakEscape,
                '"' => State::Complete,
                _ => State::Weak,
            },
            State::WeakEscape => State::Weak,
            State::Strong => match c {
                '\\' => State::StrongEscape,
                '\'' => State::Complete,
                _ => State::Strong,
            },
            State::StrongEscape => State::Strong,
        };
    }
    (false, state)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<(String, usize)> {
        let snap = parse(Path::new(".env"), text).unwrap();
        let mut out: Vec<(String, usize)> = snap
            .names()
            .map(|n| match snap.get(n).unwrap().origin() {
                Origin::DotEnv { line, .. } => (n.to_owned(), *line),
                other => panic!("{other:?}"),
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn each_assignment_has_its_own_line_even_after_a_quoted_value() {
        let text = "# c\nA=1\nexport B = 2\n\nM=\"first\nA=not an assignment\nlast\"\nAB=4\n";
        assert_eq!(lines_of(text), [("A".into(), 2), ("AB".into(), 8), ("B".into(), 3), ("M".into(), 5)]);
    }

    #[test]
    fn the_last_assignment_wins_with_its_line() {
        assert_eq!(lines_of("A=1\nA=2\n"), [("A".into(), 2)]);
    }

    #[test]
    fn a_parse_error_names_the_broken_line_not_an_earlier_twin() {
        let text = "KEY=ok\nOTHER=ok\nKEY=ok_too\n1BAD=x\n";
        let Err(Problem::Source { line, .. }) = parse(Path::new(".env"), text) else { panic!("a parse error") };
        assert_eq!(line, Some(4));
        let Err(Problem::Source { line, message, .. }) = parse(Path::new(".env"), "A=1\nB=\"open\nstill open\n") else {
            panic!("an unclosed quote")
        };
        assert_eq!(line, Some(2));
        assert!(message.contains("unclosed quote"), "{message}");
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(lines_of("\u{feff}A=1\nB=2\n"), [("A".into(), 1), ("B".into(), 2)]);
    }

    #[test]
    fn seventy_thousand_lines_parse_in_linear_time() {
        let text: String = (0..70_000).map(|i| format!("K{i}=v{i}\n")).collect();
        let start = std::time::Instant::now();
        let snap = parse(Path::new(".env"), &text).unwrap();
        assert_eq!(snap.names().count(), 70_000);
        assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?}", start.elapsed());
    }
}
