//! Turning markdown descriptions into the two shapes the renderers need: one table cell, and
//! plain text for comments. Both read the description with pulldown-cmark, so whatever a doc
//! comment holds (pipes, code, links, HTML, blank lines) cannot break the output.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH)
}

/// Escapes text so that it reads literally inside a table cell.
pub fn escape_cell_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Text inside an HTML element of a cell (`<code>`): entities only, pipes as `&#124;`.
fn escape_cell_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' => out.push_str("&#124;"),
            '\\' => out.push_str("&#92;"),
            '`' => out.push_str("&#96;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// An inline code span for a cell: pipes escaped, fence longer than any backtick run inside.
pub fn code_span(code: &str) -> String {
    let code = code.replace(['\n', '\r'], " ");
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') || code.starts_with(' ') { " " } else { "" };
    format!("{fence}{pad}{}{pad}{fence}", code.replace('|', "\\|"))
}

/// A URL that cannot end a link or a table cell early.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '|' => out.push_str("%7C"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '\n' | '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Renders markdown as the content of one table cell: a single line, with paragraphs, list
/// items and code blocks separated by `<br>`, and raw HTML shown as text.
pub fn markdown_cell(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_code_block = false;
    let mut pending_break = false;
    let mut list_depth = 0usize;
    let mut link_stack: Vec<String> = Vec::new();
    let brk = |out: &mut String, pending: &mut bool| {
        if *pending && !out.is_empty() {
            out.push_str("<br>");
        }
        *pending = false;
    };
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { .. }) | Event::Start(Tag::BlockQuote(_)) => {
                brk(&mut out, &mut pending_break)
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => pending_break = true,
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                pending_break = true;
            }
            Event::Start(Tag::Item) => {
                pending_break = true;
                brk(&mut out, &mut pending_break);
                out.push_str(&"&nbsp;&nbsp;".repeat(list_depth.saturating_sub(1)));
                out.push_str("• ");
            }
            Event::End(TagEnd::Item) => pending_break = true,
            Event::Start(Tag::CodeBlock(_)) => {
                pending_break = true;
                brk(&mut out, &mut pending_break);
                out.push_str("<code>");
                in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                while out.ends_with("<br>") {
                    out.truncate(out.len() - 4);
                }
                out.push_str("</code>");
                in_code_block = false;
                pending_break = true;
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => out.push('*'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => out.push_str("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => out.push_str("~~"),
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                out.push('[');
                link_stack.push(escape_url(&dest_url));
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                let url = link_stack.pop().unwrap_or_default();
                out.push_str("](");
                out.push_str(&url);
                out.push(')');
            }
            Event::Text(t) if in_code_block => out.push_str(&escape_cell_html(&t)),
            Event::Text(t) => out.push_str(&escape_cell_text(&t)),
            Event::Code(c) => out.push_str(&code_span(&c)),
            Event::Html(h) | Event::InlineHtml(h) => out.push_str(&escape_cell_text(&h)),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("<br>"),
            Event::Rule => {
                pending_break = true;
            }
            Event::FootnoteReference(r) => out.push_str(&escape_cell_text(&r)),
            Event::TaskListMarker(done) => out.push_str(if done { "\\[x\\] " } else { "\\[ \\] " }),
            Event::InlineMath(m) | Event::DisplayMath(m) => out.push_str(&code_span(&m)),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Renders markdown as plain text: paragraphs separated by blank lines, code as written, links
/// as `text (url)`. Used for `.env.example` and YAML comments.
pub fn markdown_plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut links: Vec<String> = Vec::new();
    for event in parser(markdown) {
        match event {
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::CodeBlock) => {
                out.push_str("\n\n")
            }
            Event::Start(Tag::Item) => out.push_str("- "),
            Event::End(TagEnd::Item) => out.push('\n'),
            Event::End(TagEnd::List(_)) => out.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                links.push(dest_url.to_string())
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some(url) = links.pop() {
                    if !url.is_empty() {
                        out.push_str(" (");
                        out.push_str(&url);
                        out.push(')');
                    }
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) | Event::FootnoteReference(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    // Collapse runs of blank lines and trailing spaces.
    let mut text = String::new();
    let mut blank = 0;
    for line in out.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(line);
    }
    text
}

/// The first sentence-ish line of a description, as plain text.
pub fn summary(markdown: &str) -> String {
    markdown_plain(markdown).split("\n\n").next().unwrap_or("").replace('\n', " ")
}

/// Wraps plain text at `width` columns, each line prefixed by `prefix`; blank lines between
/// paragraphs keep the bare prefix (trimmed).
pub fn wrap_comment(text: &str, prefix: &str, width: usize) -> String {
    let text: String = text.chars().map(|c| if c != '\n' && unsafe_in_line(c) { ' ' } else { c }).collect();
    let mut out = String::new();
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str(prefix.trim_end());
            out.push('\n');
        }
        for line in para.lines() {
            let mut current = String::new();
            for word in line.split_whitespace() {
                if !current.is_empty() && prefix.len() + current.len() + 1 + word.len() > width {
                    out.push_str(prefix);
                    out.push_str(&current);
                    out.push('\n');
                    current.clear();
                }
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(word);
            }
            if !current.is_empty() {
                out.push_str(prefix);
                out.push_str(&current);
                out.push('\n');
            }
        }
    }
    out
}

/// Removes control characters (other than tab) from text bound for a one-line comment.
pub fn one_line(text: &str) -> String {
    text.chars().map(|c| if unsafe_in_line(c) { ' ' } else { c }).collect::<String>().trim().to_string()
}

/// Whether a character may not stand in a line of a generated file: it may end the line for
/// some reader (a control character, NEL, U+2028, U+2029; JavaScript and Python split on
/// these), or YAML refuses it (U+FFFE, U+FFFF).
pub fn unsafe_in_line(c: char) -> bool {
    envspec::breaks_lines(c) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_in_text_code_and_links() {
        let cell = markdown_cell("a | b `c | d` [e|f](http://x/y|z)");
        assert!(!cell.contains(" | "), "{cell}");
        assert!(cell.contains("`c \\| d`"), "{cell}");
        assert!(cell.contains("%7C"), "{cell}");
    }

    #[test]
    fn cells_are_one_line() {
        let cell = markdown_cell("first\n\nsecond\n\n```\nx | y\n```\n\n- a\n- b");
        assert!(!cell.contains('\n'), "{cell}");
        assert!(cell.contains("first<br>second<br><code>x &#124; y</code>"), "{cell}");
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(markdown_plain("Use `x` and **y**, see [docs](http://d)."), "Use x and y, see docs (http://d).");
    }

    #[test]
    fn wrapping_respects_width() {
        let text = "word ".repeat(40);
        for line in wrap_comment(&text, "# ", 40).lines() {
            assert!(line.len() <= 40, "{line}");
        }
    }
}
