//! Injection into hand-written markdown: the content between `<!-- envconfig:begin NAME -->`
//! and `<!-- envconfig:end -->` is replaced, everything else is kept byte for byte. Markers
//! are found with pulldown-cmark, so a marker shown inside a code block or code span is text,
//! not a marker.

use pulldown_cmark::{Event, Options, Parser};
use std::fmt;
use std::ops::Range;

/// A marker pair and what lies between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The `NAME` of the begin marker.
    pub name: String,
    /// Byte range of the content between the markers.
    pub content: Range<usize>,
}

/// Why a page's markers cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InjectError {
    /// A begin marker without a name.
    MissingName {
        /// 1-based line of the marker.
        line: usize,
    },
    /// A begin marker inside another region.
    Nested {
        /// 1-based line of the inner begin marker.
        line: usize,
        /// The name of the region still open.
        open: String,
    },
    /// An end marker with no begin marker before it.
    UnexpectedEnd {
        /// 1-based line of the end marker.
        line: usize,
    },
    /// A begin marker never closed.
    Unclosed {
        /// 1-based line of the begin marker.
        line: usize,
        /// The region's name.
        name: String,
    },
    /// A marker names content the caller does not know.
    Unknown {
        /// 1-based line of the marker.
        line: usize,
        /// The name it gives.
        name: String,
        /// The names the caller knows.
        known: Vec<String>,
    },
}

impl fmt::Display for InjectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InjectError::MissingName { line } => {
                write!(
                    f,
                    "line {line}: `<!-- envconfig:begin -->` needs a name, such as `<!-- envconfig:begin myapp -->`"
                )
            }
            InjectError::Nested { line, open } => {
                write!(
                    f,
                    "line {line}: a begin marker inside the region `{open}`; close it with `<!-- envconfig:end -->` first"
                )
            }
            InjectError::UnexpectedEnd { line } => {
                write!(f, "line {line}: `<!-- envconfig:end -->` without a begin marker")
            }
            InjectError::Unclosed { line, name } => {
                write!(f, "line {line}: region `{name}` is never closed with `<!-- envconfig:end -->`")
            }
            InjectError::Unknown { line, name, known } => {
                write!(f, "line {line}: no content named `{name}`; known: {}", known.join(", "))
            }
        }
    }
}

impl std::error::Error for InjectError {}

enum Marker {
    Begin(String),
    End,
}

fn parse_marker(html: &str) -> Option<Marker> {
    let inner = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let rest = inner.strip_prefix("envconfig:")?;
    if rest == "end" {
        return Some(Marker::End);
    }
    let name = rest.strip_prefix("begin")?;
    if !name.is_empty() && !name.starts_with(char::is_whitespace) {
        return None;
    }
    Some(Marker::Begin(name.trim().to_string()))
}

fn line_of(src: &str, offset: usize) -> usize {
    src[..offset].bytes().filter(|&b| b == b'\n').count() + 1
}

/// The regions of a page, in order.
pub fn regions(src: &str) -> Result<Vec<Region>, InjectError> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize, usize)> = None;
    for (event, range) in Parser::new_ext(src, Options::all()).into_offset_iter() {
        let html = match &event {
            Event::Html(h) | Event::InlineHtml(h) => h,
            _ => continue,
        };
        let Some(marker) = parse_marker(html) else { continue };
        let line = line_of(src, range.start);
        match (marker, &open) {
            (Marker::Begin(name), None) => {
                if name.is_empty() {
                    return Err(InjectError::MissingName { line });
                }
                // The content starts after the marker's line.
                let end = src[range.start..].find("-->").map(|i| range.start + i + 3).unwrap_or(range.end);
                let after = src[end..].find('\n').map(|i| end + i + 1).unwrap_or(src.len());
                open = Some((name, after, line));
            }
            (Marker::Begin(_), Some((name, ..))) => return Err(InjectError::Nested { line, open: name.clone() }),
            (Marker::End, None) => return Err(InjectError::UnexpectedEnd { line }),
            (Marker::End, Some((name, start, _))) => {
                let start = (*start).min(range.start);
                let line_start = src[..range.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
                out.push(Region { name: name.clone(), content: start..line_start.max(start) });
                open = None;
            }
        }
    }
    if let Some((name, _, line)) = open {
        return Err(InjectError::Unclosed { line, name });
    }
    Ok(out)
}

/// Replaces every region's content with `content_of(name)`, which returns `None` for a name
/// it does not know. The output is stable: injecting twice gives the same page.
pub fn inject(src: &str, content_of: impl Fn(&str) -> Option<String>, known: &[String]) -> Result<String, InjectError> {
    let mut out = String::with_capacity(src.len());
    let mut last = 0;
    for region in regions(src)? {
        let Some(mut content) = content_of(&region.name) else {
            return Err(InjectError::Unknown {
                line: line_of(src, region.content.start),
                name: region.name,
                known: known.to_vec(),
            });
        };
        if !content.is_empty() && !content.ends_with('\n') {
            content.push('\n');
        }
        out.push_str(&src[last..region.content.start]);
        // Blank lines around the content keep markdown blocks apart from the markers.
        out.push('\n');
        out.push_str(&content);
        out.push('\n');
        last = region.content.end;
    }
    out.push_str(&src[last..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(name: &str) -> Option<String> {
        (name == "demo").then(|| "| a |\n| --- |\n| 1 |\n".to_string())
    }

    #[test]
    fn replaces_only_between_markers() {
        let page = "# Title\n\nBefore.\n\n<!-- envconfig:begin demo -->\nold\n<!-- envconfig:end -->\n\nAfter.\n";
        let out = inject(page, known, &[]).unwrap();
        assert_eq!(
            out,
            "# Title\n\nBefore.\n\n<!-- envconfig:begin demo -->\n\n| a |\n| --- |\n| 1 |\n\n<!-- envconfig:end -->\n\nAfter.\n"
        );
        assert_eq!(inject(&out, known, &[]).unwrap(), out, "injection is idempotent");
    }

    #[test]
    fn markers_in_code_are_text() {
        let page = "```\n<!-- envconfig:begin demo -->\n<!-- envconfig:end -->\n```\n\n`<!-- envconfig:end -->`\n";
        assert_eq!(inject(page, known, &[]).unwrap(), page);
    }

    #[test]
    fn broken_markers_are_reported_with_lines() {
        let err = inject("a\n\n<!-- envconfig:begin demo -->\n", known, &[]).unwrap_err();
        assert_eq!(err, InjectError::Unclosed { line: 3, name: "demo".into() });
        let err = inject("<!-- envconfig:end -->\n", known, &[]).unwrap_err();
        assert_eq!(err, InjectError::UnexpectedEnd { line: 1 });
        let err = inject("<!-- envconfig:begin nope -->\n<!-- envconfig:end -->\n", known, &[]).unwrap_err();
        assert!(matches!(err, InjectError::Unknown { .. }));
    }
}
