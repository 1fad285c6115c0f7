//! Patterns for JSON Schema, whose readers (Ajv, editors) use ECMA-262 regular expressions
//! with the `u` flag, while rules are written in the Rust `regex` syntax the loader checks.
//! [`pattern`] translates the common subset exactly and refuses the rest, so that a schema
//! never carries a pattern a JavaScript engine rejects or reads differently.

/// `regex` (Rust syntax) as an ECMA-262 pattern meaning the same, or `None` when it uses
/// syntax with no exact counterpart (inline flags, POSIX or nested classes, Unicode classes,
/// `\Q…\E`).
pub fn pattern(regex: &str) -> Option<String> {
    let mut out = String::with_capacity(regex.len() + 8);
    let mut chars = regex.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let e = chars.next()?;
                match e {
                    'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'n' | 'r' | 't' | 'f' | 'v' => {
                        out.push('\\');
                        out.push(e);
                    }
                    'b' | 'B' if !in_class => {
                        out.push('\\');
                        out.push(e);
                    }
                    'A' if !in_class => out.push('^'),
                    'z' if !in_class => out.push('$'),
                    'x' => {
                        // `\x7F` or `\x{10FFFF}`.
                        let hex: String = if chars.peek() == Some(&'{') {
                            chars.next();
                            let h: String = chars.by_ref().take_while(|c| *c != '}').collect();
                            h
                        } else {
                            chars.by_ref().take(2).collect()
                        };
                        let value = u32::from_str_radix(&hex, 16).ok()?;
                        out.push_str(&format!("\\u{{{value:x}}}"));
                    }
                    c if "\\.+*?()|[]{}^$/".contains(c) => {
                        out.push('\\');
                        out.push(c);
                    }
                    '-' if in_class => out.push_str("\\-"),
                    // A literal that Rust allows escaped and u-mode ECMA does not.
                    c if !c.is_alphanumeric() && c.is_ascii() => out.push(c),
                    _ => return None,
                }
            }
            '[' if in_class => return None,
            '[' => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push(chars.next()?);
                }
                // A `]` first in a class is literal in Rust, the end of an empty class in ECMA.
                if chars.peek() == Some(&']') {
                    chars.next();
                    out.push_str("\\]");
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '&' | '-' | '~' if in_class && chars.peek() == Some(&c) => return None,
            '(' if !in_class && chars.peek() == Some(&'?') => {
                chars.next();
                match chars.next()? {
                    ':' => out.push_str("(?:"),
                    'P' if chars.peek() == Some(&'<') => out.push_str("(?"),
                    '<' => out.push_str("(?<"),
                    // Inline flags, such as `(?i)`: no exact counterpart.
                    _ => return None,
                }
            }
            // Rust's `.` is any character but `\n`; ECMA's also stops at `\r` and U+2028/9.
            '.' if !in_class => out.push_str("[^\\n]"),
            '/' => out.push_str("\\/"),
            c => out.push(c),
        }
    }
    (!in_class).then_some(out)
}

/// A case-insensitive alternation of literal words (URL schemes): `[hH][tT][tT][pP]|…`.
pub fn any_case(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| {
            w.chars()
                .map(|c| {
                    if c.is_ascii_alphabetic() {
                        format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
                    } else if "\\.+*?()|[]{}^$/-".contains(c) {
                        format!("\\{c}")
                    } else {
                        c.to_string()
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_subset_translates_and_the_rest_is_refused() {
        assert_eq!(pattern("[a-z0-9_-]+").as_deref(), Some("[a-z0-9_-]+"));
        assert_eq!(pattern(r"https?://.+|\*").as_deref(), Some(r"https?:\/\/[^\n]+|\*"));
        assert_eq!(pattern(r"(?P<y>\d{4})-\d\d").as_deref(), Some(r"(?<y>\d{4})-\d\d"));
        assert_eq!(pattern(r"\A\x41\z").as_deref(), Some(r"^\u{41}$"));
        assert_eq!(pattern("[]a]").as_deref(), Some(r"[\]a]"));
        for refused in ["(?i)abc", "[[:alpha:]]", r"\pL", r"\p{Greek}", "[a-z&&[^aeiou]]", r"\Qa.b\E", "[abc"] {
            assert_eq!(pattern(refused), None, "{refused}");
        }
        assert_eq!(
            any_case(&["redis", "mongodb+srv"]),
            "[rR][eE][dD][iI][sS]|[mM][oO][nN][gG][oO][dD][bB]\\+[sS][rR][vV]"
        );
    }
}
