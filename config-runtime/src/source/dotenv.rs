//! `.env` files: parsed by dotenvy, with the line of every assignment found in one pass.
//!
//! dotenvy yields `(key, value)` pairs but no line numbers. A value in quotes may span lines,
//! so the line of an assignment is not found by searching for its key. [`logical_lines`]
//! follows dotenvy's own rule for joining lines (quotes, escapes, comments), so the k-th
//! assignment dotenvy yields starts on the k-th line it reports, and a parse error names the
//! line where the broken assignment starts. The whole file is scanned once.

use super::{Entry, Layer, Origin};
use crate::error::Problem;
use std::path::Path;

/// The byte-order mark some editors write at the start of a file.
const BOM: char = '\u{feff}';

/// Reads a `.env` file. Errors never quote the file's content.
pub(crate) fn read(path: &Path) -> Result<Layer, Box<Problem>> {
    let text = super::file::read_limited(path)
        .map_err(|message| Box::new(Problem::Source { path: path.to_path_buf(), line: None, message }))?;
    parse(path, &text)
}

/// Parses `.env` text read from `path`. A leading byte-order mark is skipped.
pub(crate) fn parse(path: &Path, text: &str) -> Result<Layer, Box<Problem>> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let logical = logical_lines(text);
    // dotenvy expands `$VAR` as it goes, so `A=$A$A` line after line doubles a value each
    // time: a file of a kilobyte could fill the memory. Bound every expansion first.
    if let Some((line, key)) = overgrown(&logical) {
        return Err(Box::new(Problem::Source {
            path: path.to_path_buf(),
            line: Some(line),
            message: format!(
                "expanding `$` references in {} would make a value of more than {MAX_EXPANDED} bytes; the file is refused",
                crate::mask::Escaped(key)
            ),
        }));
    }
    let lines: Vec<usize> = logical.iter().map(|(n, _)| *n).collect();
    let mut entries = Vec::new();
    for (k, item) in dotenvy::from_read_iter(text.as_bytes()).enumerate() {
        let line = lines.get(k).copied();
        match item {
            Ok((key, value)) => {
                let origin = Origin::DotEnv { path: path.to_path_buf(), line: line.unwrap_or(0) };
                entries.push((key, Entry::new(Ok(super::Value::new(value)), origin)));
            }
            Err(dotenvy::Error::LineParse(bad, index)) => {
                // The column within the logical line; an unclosed quote reports the end.
                let column =
                    if index >= bad.len() { "an unclosed quote".to_owned() } else { format!("column {}", index + 1) };
                return Err(Box::new(Problem::Source {
                    path: path.to_path_buf(),
                    line: line.or(lines.last().copied()),
                    message: format!("cannot parse this line ({column})"),
                }));
            }
            Err(e) => {
                return Err(Box::new(Problem::Source { path: path.to_path_buf(), line: None, message: e.to_string() }));
            }
        }
    }
    Ok(entries)
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

/// The longest value `$` expansion may build, in bytes: the cap on a whole file.
const MAX_EXPANDED: u64 = super::MAX_FILE_BYTES;

/// The first assignment whose value, once every `$NAME` and `${NAME}` in it is expanded,
/// could pass [`MAX_EXPANDED`] bytes: its line and key. Lengths only are followed, so the
/// check is linear; a reference is counted wherever it stands (quotes included), and a name
/// not assigned earlier counts as the process variable of that name, so the bound is never
/// below what dotenvy builds.
fn overgrown<'t>(logical: &[(usize, &'t str)]) -> Option<(usize, &'t str)> {
    let mut lengths: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for &(line, text) in logical {
        let text = text.trim_start();
        let text =
            text.strip_prefix("export").filter(|r| r.starts_with(char::is_whitespace)).map_or(text, str::trim_start);
        let Some((key, value)) = text.split_once('=') else { continue };
        let key = key.trim_end();
        let mut total: u64 = 0;
        let bytes = value.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'$' {
                total += 1;
                i += 1;
                continue;
            }
            let braced = bytes.get(i + 1) == Some(&b'{');
            let start = i + 1 + usize::from(braced);
            let end = start + value[start..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
            let name = &value[start..end];
            let known = lengths.get(name).copied();
            let from_process = || std::env::var_os(name).map_or(0, |v| v.len() as u64);
            total = total.saturating_add(known.unwrap_or_else(from_process).max(from_process()));
            i = end + usize::from(braced && bytes.get(end) == Some(&b'}'));
        }
        if total > MAX_EXPANDED {
            return Some((line, key));
        }
        lengths.insert(key, total);
    }
    None
}

/// Each logical line that dotenvy parses, with the 1-based line on which it starts, in
/// order: one per pair it yields, and last the line of an assignment it could not parse.
/// Blank and comment lines, which yield nothing, are left out.
pub(crate) fn logical_lines(text: &str) -> Vec<(usize, &str)> {
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
                out.push((number, logical));
            }
            state = State::Complete;
        }
    }
    if let Some((number, from)) = start {
        // An unterminated quote at the end of the file: dotenvy reports it here.
        out.push((number, &text[from..]));
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
        // As a load files them: a later assignment replaces an earlier one.
        let layer = parse(Path::new(".env"), text).unwrap();
        let by_name: std::collections::BTreeMap<String, usize> = layer
            .iter()
            .map(|(n, e)| match e.origin() {
                Origin::DotEnv { line, .. } => (n.clone(), *line),
                other => panic!("{other:?}"),
            })
            .collect();
        by_name.into_iter().collect()
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
        let Some(Problem::Source { line, .. }) = parse(Path::new(".env"), text).err().map(|p| *p) else {
            panic!("a parse error")
        };
        assert_eq!(line, Some(4));
        let Some(Problem::Source { line, message, .. }) =
            parse(Path::new(".env"), "A=1\nB=\"open\nstill open\n").err().map(|p| *p)
        else {
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
    fn an_expansion_that_doubles_each_line_is_refused_before_it_grows() {
        let text: String =
            std::iter::once("A=xx\n".to_owned()).chain((0..64).map(|_| "A=$A${A}\n".to_owned())).collect();
        let start = std::time::Instant::now();
        let Some(Problem::Source { line, message, .. }) = parse(Path::new(".env"), &text).err().map(|p| *p) else {
            panic!("refused")
        };
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
        // Line n holds 2^n bytes: line 21 is the first past the 2^20-byte cap.
        assert_eq!(line, Some(21));
        assert!(message.contains("expanding `$` references in A"), "{message}");
        // Ordinary expansion still works.
        let layer = parse(Path::new(".env"), "HOST=db\nURL=postgres://$HOST/app\n").unwrap();
        let (_, url) = layer.iter().find(|(n, _)| n == "URL").unwrap();
        assert_eq!(url.value.as_ref().unwrap().as_str(), "postgres://db/app");
    }

    #[test]
    fn seventy_thousand_lines_parse_in_linear_time() {
        let text: String = (0..70_000).map(|i| format!("K{i}=v{i}\n")).collect();
        let start = std::time::Instant::now();
        let layer = parse(Path::new(".env"), &text).unwrap();
        assert_eq!(layer.len(), 70_000);
        assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?}", start.elapsed());
    }
}
