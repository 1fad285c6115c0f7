//! What a report may print. Names, paths and keys are escaped, so that none can add a line to
//! a report; a URL's password is masked in any value that holds one; and a value that holds a
//! loaded secret (a `${VAR}` expansion in a `.env` file, a DSN built around a password) has
//! the secret masked. Every printed value goes through here.

use std::borrow::Cow;
use std::fmt;
use zeroize::Zeroizing;

/// Text printed with its control characters and line separators escaped (`\n`, `\r`,
/// `\u{2028}`, …): a name or path from the environment cannot forge a report line.
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if breaks_lines(c) => write!(f, "\\u{{{:x}}}", c as u32)?,
                c => fmt::Write::write_char(f, c)?,
            }
        }
        Ok(())
    }
}

/// Whether a character ends or may end a line for some reader: every control character,
/// NEL, and the Unicode line and paragraph separators.
pub fn breaks_lines(c: char) -> bool {
    c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// A path, escaped like [`Escaped`].
pub(crate) fn path(p: &std::path::Path) -> String {
    Escaped(&p.to_string_lossy()).to_string()
}

/// `text` with the password of every URL in it replaced by `***`: `postgres://app:pw@db/app`
/// reads `postgres://app:***@db/app`, `redis://:pw@cache:6379/0` reads
/// `redis://:***@cache:6379/0`. A user name alone is kept. Found wherever `scheme://` starts,
/// so URLs inside lists and JSON are masked too.
pub fn mask_url_credentials(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut done = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find("://") {
        let authority_start = search + found + 3;
        let rest = &text[authority_start..];
        let end = rest
            .find(|c: char| matches!(c, '/' | '?' | '#' | '"' | '\'' | ',' | ';' | ']' | '}') || c.is_whitespace())
            .unwrap_or(rest.len());
        let authority = &rest[..end];
        search = authority_start + end;
        let Some(at) = authority.rfind('@') else { continue };
        let Some(colon) = authority[..at].find(':') else { continue };
        let (pw_start, pw_end) = (authority_start + colon + 1, authority_start + at);
        if pw_start == pw_end {
            continue;
        }
        let buf = out.get_or_insert_with(String::new);
        buf.push_str(&text[done..pw_start]);
        buf.push_str("***");
        done = pw_end;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut buf) => {
            buf.push_str(&text[done..]);
            Cow::Owned(buf)
        }
    }
}

/// The shortest secret masked where it occurs inside another value; a value that holds a
/// shorter one is hidden whole, since masking every `ab` would point at the secret.
const SHORTEST_MASKED: usize = 4;

/// The secrets of one load, so that no value printed beside them repeats one.
#[derive(Default)]
pub(crate) struct Redactor {
    secrets: Vec<Zeroizing<String>>,
}

impl Redactor {
    /// Remembers a secret's raw value (empty ones are not secrets).
    pub(crate) fn add(&mut self, secret: &str) {
        if !secret.is_empty() && !self.secrets.iter().any(|s| s.as_str() == secret) {
            self.secrets.push(Zeroizing::new(secret.to_owned()));
            // Longest first, so a secret that contains another is masked whole.
            self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
    }

    /// `raw` as it may be shown: URL passwords and embedded secrets masked; `None` when it
    /// cannot be shown at all.
    pub(crate) fn shown<'r>(&self, raw: &'r str) -> Option<Cow<'r, str>> {
        let mut text = Cow::Borrowed(raw);
        for secret in &self.secrets {
            if !text.contains(secret.as_str()) {
                continue;
            }
            if secret.chars().count() < SHORTEST_MASKED {
                return None;
            }
            text = Cow::Owned(text.replace(secret.as_str(), "***"));
        }
        match mask_url_credentials(&text) {
            Cow::Borrowed(_) => Some(text),
            Cow::Owned(masked) => Some(Cow::Owned(masked)),
        }
    }
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redactor({} secrets)", self.secrets.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_passwords_are_masked_wherever_they_are() {
        assert_eq!(mask_url_credentials("postgres://app:pw@db/app"), "postgres://app:***@db/app");
        assert_eq!(mask_url_credentials("redis://:pw@cache:6379/0"), "redis://:***@cache:6379/0");
        assert_eq!(mask_url_credentials("https://user@host/x"), "https://user@host/x");
        assert_eq!(mask_url_credentials("no url here"), "no url here");
        assert_eq!(
            mask_url_credentials(r#"["amqp://a:b@q:5672", "http://c:d@e"]"#),
            r#"["amqp://a:***@q:5672", "http://c:***@e"]"#
        );
        assert_eq!(mask_url_credentials("postgres://app:p@ss@db/app"), "postgres://app:***@db/app");
    }

    #[test]
    fn embedded_secrets_are_masked_and_short_ones_hide_the_value() {
        let mut r = Redactor::default();
        r.add("s3cr3t-value");
        assert_eq!(r.shown("Bearer s3cr3t-value!").as_deref(), Some("Bearer ***!"));
        r.add("ab");
        assert_eq!(r.shown("cab"), None);
        assert_eq!(r.shown("xyz").as_deref(), Some("xyz"));
    }

    #[test]
    fn escaping_leaves_no_line_breaks() {
        let shown = Escaped("a\nb\rc\u{85}d\u{2028}e\u{2029}f\u{1b}").to_string();
        assert!(!shown.chars().any(breaks_lines), "{shown}");
        assert_eq!(Escaped("APP_PORT").to_string(), "APP_PORT");
    }
}
