//! [`miette`] reports (feature `miette`). [`LoadError`], each [`Problem`] and each [`Warning`]
//! implement [`Diagnostic`]: a stable code per kind of problem, help a reader can act on, and,
//! for a value set in a `.env` or TOML file, that line with the value labelled. A report of a
//! [`LoadError`] lists every problem of the load, then its warnings, as related diagnostics.
//!
//! # Codes
//!
//! One per kind, stable across releases: `envspec::missing`, `envspec::invalid`,
//! `envspec::rule`, `envspec::profile`, `envspec::validation`, `envspec::conflict`,
//! `envspec::not_unicode`, `envspec::secret_file`, `envspec::source`, `envspec::unknown`,
//! `envspec::forbidden_name`, `envspec::unknown_key`, `envspec::unknown_component`,
//! `envspec::check`, `envspec::bad_default`, `envspec::declaration`; a warning about the same
//! thing has the same code (`envspec::unknown_key` is an error with `strict()`, a warning
//! otherwise; a problem downgraded to a warning keeps its code), and the warnings of their own
//! are `envspec::deprecated`, `envspec::alias_used`, `envspec::bootstrap_stripped`,
//! `envspec::not_operators` and `envspec::ignored`. The whole failed load is `envspec::load`.
//!
//! # The line of a file, and secrets
//!
//! A report never holds more of a value than the problem's own message does. The line shown
//! for a `.env` or TOML file is read again when the report is rendered, and only its key, up
//! to the `=`, is taken from the file: the value after it is the problem's [`ShownValue`],
//! masked as in every other report (a secret reads `(secret value hidden)`, a URL password
//! `***`). The key must still be a key (a variable name, or a TOML key), or no line is shown.
//! A line that could not be parsed, or whose key names no setting, shows its key and
//! `(value not shown)`. The file's text is zeroized once the line is cut out of it.

use crate::error::{LoadError, Problem, ShownValue, Warning};
use crate::mask::{Escaped, breaks_lines, path};
use crate::model::Model;
use crate::source::Origin;
use miette::{Diagnostic, LabeledSpan, MietteError, Severity, SourceCode, SourceSpan, SpanContents};
use std::fmt::{self, Display};
use std::path::Path;
use std::sync::OnceLock;

impl std::error::Error for Problem {}

impl std::error::Error for Warning {}

/// What a snippet shows in place of a value the problem does not show.
const NOT_SHOWN: &str = "(value not shown)";

fn problem_code(p: &Problem) -> &'static str {
    match p {
        Problem::Missing { .. } => "envspec::missing",
        Problem::Invalid { .. } => "envspec::invalid",
        Problem::Rule { .. } => "envspec::rule",
        Problem::Profile { .. } => "envspec::profile",
        Problem::Validation { .. } => "envspec::validation",
        Problem::Conflict { .. } => "envspec::conflict",
        Problem::NotUnicode { .. } => "envspec::not_unicode",
        Problem::SecretFile { .. } => "envspec::secret_file",
        Problem::Source { .. } => "envspec::source",
        Problem::Unknown { .. } => "envspec::unknown",
        Problem::ForbiddenName { .. } => "envspec::forbidden_name",
        Problem::UnknownKey { .. } => "envspec::unknown_key",
        Problem::UnknownComponent { .. } => "envspec::unknown_component",
        Problem::Check { .. } => "envspec::check",
        Problem::BadDefault { .. } => "envspec::bad_default",
        Problem::Declaration { .. } => "envspec::declaration",
    }
}

fn warning_code(w: &Warning) -> &'static str {
    match w {
        Warning::Deprecated { .. } => "envspec::deprecated",
        Warning::AliasUsed { .. } => "envspec::alias_used",
        Warning::Unknown { .. } => "envspec::unknown",
        Warning::Rule { .. } => "envspec::rule",
        Warning::Downgraded(p) => problem_code(p),
        Warning::BootstrapStripped { .. } => "envspec::bootstrap_stripped",
        Warning::NotOperators { .. } => "envspec::not_operators",
        Warning::Ignored { .. } => "envspec::ignored",
        Warning::UnknownKey { .. } => "envspec::unknown_key",
        Warning::ForbiddenName { .. } => "envspec::forbidden_name",
    }
}

/// The valid values of an `expected` phrase: `one of: a, b` lists them, anything else
/// (`integer 1–65535`) describes them.
fn valid_values(expected: &str) -> String {
    format!("valid values: {}", expected.strip_prefix("one of: ").unwrap_or(expected))
}

/// Help from what the problem itself holds.
fn problem_help(p: &Problem) -> Option<String> {
    Some(match p {
        Problem::Missing { variable, .. } => format!("set {}", Escaped(variable)),
        Problem::Invalid { read_from, error, .. } => {
            let mut help = valid_values(error.expected());
            if let Some(from) = read_from {
                help.push_str(&format!(" (the value was read from {})", Escaped(from)));
            }
            help
        }
        Problem::Conflict { names, .. } => {
            let names: Vec<String> = names.iter().map(|n| Escaped(n).to_string()).collect();
            format!("keep one of {} and unset the others", names.join(", "))
        }
        Problem::NotUnicode { variable } => format!("set {} to UTF-8 text", Escaped(variable)),
        Problem::SecretFile { variable, .. } => {
            format!("point {}_FILE at a readable file, or set {} itself", Escaped(variable), Escaped(variable))
        }
        Problem::Unknown { variable: name, suggestion: Some(s), .. }
        | Problem::UnknownKey { key: name, suggestion: Some(s), .. } => {
            format!("rename {} to {}", Escaped(name), Escaped(s))
        }
        Problem::Unknown { variable, suggestion: None, .. } => {
            format!("unset {}, or declare a setting that reads it", Escaped(variable))
        }
        Problem::UnknownKey { key, suggestion: None, .. } => format!("remove the key {}", Escaped(key)),
        Problem::ForbiddenName { variable, .. } => format!("unset {}", Escaped(variable)),
        Problem::UnknownComponent { known, .. } if !known.is_empty() => {
            let known: Vec<String> = known.iter().map(|c| Escaped(c).to_string()).collect();
            format!("valid components: {}", known.join(", "))
        }
        Problem::BadDefault { error, .. } => format!("the default must be {}", error.expected()),
        _ => return None,
    })
}

fn warning_help(w: &Warning) -> Option<String> {
    Some(match w {
        Warning::AliasUsed { variable, alias } => format!("rename {} to {}", Escaped(alias), Escaped(variable)),
        Warning::Unknown { variable: name, suggestion: Some(s), .. }
        | Warning::UnknownKey { key: name, suggestion: Some(s), .. } => {
            format!("rename {} to {}", Escaped(name), Escaped(s))
        }
        Warning::Unknown { variable, suggestion: None, .. } => {
            format!("unset {}, or declare a setting that reads it", Escaped(variable))
        }
        Warning::UnknownKey { key, suggestion: None, .. } => format!("remove the key {}", Escaped(key)),
        Warning::Downgraded(p) => return problem_help(p),
        Warning::BootstrapStripped { key, .. } => format!("set it at startup; an overlay cannot set {}", Escaped(key)),
        Warning::NotOperators { variable, .. } => format!("unset {}", Escaped(variable)),
        _ => return None,
    })
}

impl Diagnostic for Problem {
    fn code<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        Some(Box::new(problem_code(self)))
    }

    fn severity(&self) -> Option<Severity> {
        Some(Severity::Error)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        problem_help(self).map(|h| Box::new(h) as Box<dyn Display>)
    }
}

impl Diagnostic for Warning {
    fn code<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        Some(Box::new(warning_code(self)))
    }

    fn severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        warning_help(self).map(|h| Box::new(h) as Box<dyn Display>)
    }
}

/// The report of a failed load: its message counts the problems, and every problem, then
/// every warning, is a related diagnostic with its own code, help and line.
impl Diagnostic for LoadError {
    fn code<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        Some(Box::new("envspec::load"))
    }

    fn severity(&self) -> Option<Severity> {
        Some(Severity::Error)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.details.iter().map(|d| d as &dyn Diagnostic)))
    }
}

/// A problem or a warning of a [`LoadError`] as its report shows it: with the help only the
/// configuration's model knows (how to generate a value, the valid values of an unset enum),
/// and the line of the file that set it, read when a report first asks for it.
#[derive(Debug, Clone)]
pub(crate) struct Detail {
    of: Of,
    /// Help from the model, after the problem's own.
    hints: Vec<String>,
    snippet: OnceLock<Option<Snippet>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Of {
    Problem(Problem),
    Warning(Warning),
}

/// Equal when they report the same thing: whether a report has read the file yet does not
/// count.
impl PartialEq for Detail {
    fn eq(&self, other: &Detail) -> bool {
        self.of == other.of && self.hints == other.hints
    }
}

/// The details of a failed load, problems first, in the order of `problems` and `warnings`.
pub(crate) fn details(problems: &[Problem], warnings: &[Warning], model: Option<&Model>) -> Vec<Detail> {
    let problems = problems.iter().map(|p| Detail::new(Of::Problem(p.clone()), model));
    let warnings = warnings.iter().map(|w| Detail::new(Of::Warning(w.clone()), model));
    problems.chain(warnings).collect()
}

impl Detail {
    fn new(of: Of, model: Option<&Model>) -> Detail {
        let hints = match (&of, model) {
            (Of::Problem(p) | Of::Warning(Warning::Downgraded(p)), Some(model)) => hints(p, model),
            _ => Vec::new(),
        };
        Detail { of, hints, snippet: OnceLock::new() }
    }

    fn diagnostic(&self) -> &dyn Diagnostic {
        match &self.of {
            Of::Problem(p) => p,
            Of::Warning(w) => w,
        }
    }

    fn snippet(&self) -> Option<&Snippet> {
        self.snippet
            .get_or_init(|| match &self.of {
                Of::Problem(p) | Of::Warning(Warning::Downgraded(p)) => problem_snippet(p),
                Of::Warning(Warning::UnknownKey { key, path, line, suggestion }) => {
                    unknown_key_snippet(key, path, *line, suggestion)
                }
                Of::Warning(Warning::Unknown { variable, suggestion, origin: Some(origin) }) => {
                    unknown_variable_snippet(variable, origin, suggestion)
                }
                Of::Warning(_) => None,
            })
            .as_ref()
    }
}

/// What the model adds for the variable a problem is about: how to generate a value, and the
/// valid values of an enum that is unset (an invalid value's error already lists them).
fn hints(p: &Problem, model: &Model) -> Vec<String> {
    let Some((v, _)) = p.variable().and_then(|name| model.var_named(name)) else { return Vec::new() };
    let var = &model.vars[v];
    let mut hints = Vec::new();
    let wants_value = matches!(p, Problem::Missing { .. } | Problem::Profile { .. });
    if let (true, Some(values)) = (wants_value, var.value_type.enum_values()) {
        let names: Vec<&str> = values.iter().map(|e| e.name.as_str()).collect();
        hints.push(format!("valid values: {}", names.join(", ")));
    }
    let about_a_value = wants_value || matches!(p, Problem::Invalid { .. } | Problem::Rule { .. });
    if let (true, Some(how)) = (about_a_value, var.field.generate) {
        hints.push(format!("generate a value with `{}`", Escaped(how)));
    }
    hints
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.of {
            Of::Problem(p) => p.fmt(f),
            Of::Warning(w) => w.fmt(f),
        }
    }
}

impl std::error::Error for Detail {}

impl Diagnostic for Detail {
    fn code<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        self.diagnostic().code()
    }

    fn severity(&self) -> Option<Severity> {
        self.diagnostic().severity()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        let own = match &self.of {
            Of::Problem(p) => problem_help(p),
            Of::Warning(w) => warning_help(w),
        };
        let help: Vec<String> = own.into_iter().chain(self.hints.iter().cloned()).collect();
        (!help.is_empty()).then(|| Box::new(help.join("; ")) as Box<dyn Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let s = self.snippet()?;
        let span = SourceSpan::new(s.label.start.into(), s.label.end - s.label.start);
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(Some(s.label_text.clone()), span))))
    }
}

/// One line of a file as a report shows it.
#[derive(Debug, Clone, PartialEq)]
struct Snippet {
    /// The file, escaped as reports print paths.
    name: String,
    /// The 0-based line of the file.
    line: usize,
    /// The file's key and `=`, then the shown value or [`NOT_SHOWN`].
    text: String,
    /// The bytes of `text` the label marks, and what it says.
    label: std::ops::Range<usize>,
    label_text: String,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        Ok(Box::new(InFile { inner, name: &self.name, line: self.line }))
    }
}

/// A snippet's contents, placed at its file and line.
struct InFile<'a> {
    inner: Box<dyn SpanContents<'a> + 'a>,
    name: &'a str,
    line: usize,
}

impl<'a> SpanContents<'a> for InFile<'a> {
    fn data(&self) -> &'a [u8] {
        self.inner.data()
    }
    fn span(&self) -> &SourceSpan {
        self.inner.span()
    }
    fn name(&self) -> Option<&str> {
        Some(self.name)
    }
    fn line(&self) -> usize {
        self.line + self.inner.line()
    }
    fn column(&self) -> usize {
        self.inner.column()
    }
    fn line_count(&self) -> usize {
        self.inner.line_count()
    }
}

/// The snippet of a problem set at a line of a file, if it has one.
fn problem_snippet(p: &Problem) -> Option<Snippet> {
    match p {
        Problem::Invalid { value, error, origin: Some(origin), .. } => value_snippet(origin, value, error.to_string()),
        Problem::Rule { value, rule, profile, origin: Some(origin), .. } => {
            let mut label = envspec_schema::demand("must", rule);
            if let Some(p) = profile {
                label.push_str(&format!(" in {}", Escaped(p)));
            }
            value_snippet(origin, value, label)
        }
        Problem::UnknownKey { key, path, line, suggestion } => unknown_key_snippet(key, path, *line, suggestion),
        Problem::Unknown { variable, suggestion, origin: Some(origin) } => {
            unknown_variable_snippet(variable, origin, suggestion)
        }
        Problem::Source { path, line: Some(line), message } => {
            let (file, prefix) = key_line(path, *line, Syntax::of(path))?;
            let text = format!("{prefix}{NOT_SHOWN}");
            Some(Snippet::new(file, *line, text, prefix.len(), message.clone()))
        }
        _ => None,
    }
}

/// `KEY=` from the file, then the shown value, labelled.
fn value_snippet(origin: &Origin, value: &ShownValue, label: String) -> Option<Snippet> {
    let (file, line, syntax) = match origin {
        Origin::DotEnv { path, line } => (path, *line, Syntax::DotEnv),
        Origin::Toml { path, line } => (path, *line, Syntax::Toml),
        _ => return None,
    };
    let (file, prefix) = key_line(file, line, syntax)?;
    let text = format!("{prefix}{value}");
    Some(Snippet::new(file, line, text, prefix.len(), label))
}

/// The `.env` line that set an undeclared variable, its name marked, its value not shown.
fn unknown_variable_snippet(variable: &str, origin: &Origin, suggestion: &Option<String>) -> Option<Snippet> {
    let Origin::DotEnv { path, line } = origin else { return None };
    let (file, prefix) = key_line(path, *line, Syntax::DotEnv)?;
    let start = prefix.find(variable)?;
    let label = match suggestion {
        Some(s) => format!("did you mean {}?", Escaped(s)),
        None => "no setting declares it".to_owned(),
    };
    Some(Snippet::marking(file, *line, format!("{prefix}{NOT_SHOWN}"), start..start + variable.len(), label))
}

fn unknown_key_snippet(key: &str, file: &Path, line: usize, suggestion: &Option<String>) -> Option<Snippet> {
    let label = match suggestion {
        Some(s) => format!("did you mean {}?", Escaped(s)),
        None => "names no setting".to_owned(),
    };
    let raw = read_line(file, line)?;
    let trimmed = raw.trim();
    // A table that names nothing: its header holds no value.
    if let Some(inner) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        let inner = inner.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(inner);
        // The table's own path.
        if !is_toml_key(inner) || dotted(inner) != key {
            return None;
        }
        let start = trimmed.find(inner.trim()).unwrap_or(0);
        let marked = start..start + inner.trim().len();
        return Some(Snippet::marking(path(file), line, trimmed.to_owned(), marked, label));
    }
    let (_, prefix) = key_prefix(&raw, Syntax::Toml)?;
    // The last parts of the key's path, under their table.
    let written = dotted(prefix.trim_end_matches(['=', ' ', '\t']));
    if key != written && !key.ends_with(&format!(".{written}")) {
        return None;
    }
    let key_start = prefix.len() - prefix.trim_start().len();
    let key_end = prefix.trim_end_matches(['=', ' ', '\t']).len();
    Some(Snippet::marking(path(file), line, format!("{prefix}{NOT_SHOWN}"), key_start..key_end, label))
}

impl Snippet {
    /// A snippet of `text` at 1-based `line` whose label runs from `from` to the end.
    fn new(name: String, line: usize, text: String, from: usize, label_text: String) -> Snippet {
        let label = from..text.len();
        Snippet::marking(name, line, text, label, label_text)
    }

    fn marking(name: String, line: usize, text: String, label: std::ops::Range<usize>, label_text: String) -> Snippet {
        Snippet { name, line: line.saturating_sub(1), text, label, label_text }
    }
}

/// The syntax of a file's assignments.
#[derive(Clone, Copy)]
enum Syntax {
    DotEnv,
    Toml,
}

impl Syntax {
    /// A `.toml` file is TOML; any other is a `.env` file.
    fn of(path: &Path) -> Syntax {
        match path.extension() {
            Some(ext) if ext.eq_ignore_ascii_case("toml") => Syntax::Toml,
            _ => Syntax::DotEnv,
        }
    }
}

/// The file's name as reports print it, and the key part of its 1-based `line` (up to the
/// `=` and the blanks after it), when that line assigns a key.
fn key_line(file: &Path, line: usize, syntax: Syntax) -> Option<(String, String)> {
    let raw = read_line(file, line)?;
    let (rest, prefix) = key_prefix(&raw, syntax)?;
    // An inline table or an array of tables: the key is not the value's.
    if matches!(syntax, Syntax::Toml) && rest.starts_with('{') {
        return None;
    }
    Some((path(file), prefix))
}

/// `line` split after its first `=` and the blanks after it, when what comes before is a key:
/// the value (never shown) and the key part.
fn key_prefix(line: &str, syntax: Syntax) -> Option<(&str, String)> {
    let eq = line.find('=')?;
    let key = &line[..eq];
    let ok = match syntax {
        Syntax::DotEnv => is_env_key(key),
        Syntax::Toml => is_toml_key(key),
    };
    if !ok || key.chars().any(|c| breaks_lines(c) && c != '\t') {
        return None;
    }
    let rest = &line[eq + 1..];
    let value = rest.trim_start_matches([' ', '\t']);
    let prefix = &line[..line.len() - value.len()];
    Some((value, prefix.to_owned()))
}

/// A TOML key as written, as the dotted path it names (`a . "b"` is `a.b`; a quoted part
/// holding a `.` does not round-trip, and then names no key).
fn dotted(written: &str) -> String {
    let parts: Vec<&str> = written.split('.').map(|p| p.trim_matches([' ', '\t', '"', '\''])).collect();
    parts.join(".")
}

/// A `.env` key: a name of letters, digits, `_` and `.`, after an optional `export`.
fn is_env_key(key: &str) -> bool {
    let key = key.trim();
    let key = key.strip_prefix("export").filter(|k| k.starts_with([' ', '\t'])).map_or(key, str::trim_start);
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// A TOML key: bare or quoted parts joined by `.`, with blanks around them.
fn is_toml_key(key: &str) -> bool {
    let mut parts = 0;
    let mut rest = key.trim_matches([' ', '\t']);
    loop {
        let end = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let mut escaped = false;
                let close = rest[1..].char_indices().find(|&(_, c)| {
                    let found = c == q && !escaped;
                    escaped = q == '"' && c == '\\' && !escaped;
                    found
                });
                match close {
                    Some((i, _)) => i + 2,
                    None => return false,
                }
            }
            Some(_) => rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len()),
            None => return false,
        };
        if end == 0 {
            return false;
        }
        parts += 1;
        rest = rest[end..].trim_start_matches([' ', '\t']);
        match rest.strip_prefix('.') {
            Some(r) => rest = r.trim_start_matches([' ', '\t']),
            None => return parts > 0 && rest.is_empty(),
        }
    }
}

/// The 1-based `line` of `file`, without its line ending: only a regular file, of at most
/// [`MAX_FILE_BYTES`](crate::MAX_FILE_BYTES), is read, and its text is zeroized after.
fn read_line(file: &Path, line: usize) -> Option<String> {
    use std::io::Read;
    if line == 0 || !std::fs::metadata(file).ok()?.is_file() {
        return None;
    }
    let mut bytes = zeroize::Zeroizing::new(Vec::new());
    std::fs::File::open(file).ok()?.take(crate::MAX_FILE_BYTES).read_to_end(&mut bytes).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let found = text.split('\n').nth(line - 1)?;
    Some(found.strip_suffix('\r').unwrap_or(found).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::ValueError;
    use std::path::PathBuf;

    fn scratch(name: &str, file: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("envspec-diagnostic-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(file);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn invalid(variable: &str, raw: &str, secret: bool, origin: Origin) -> Problem {
        Problem::Invalid {
            variable: variable.into(),
            read_from: None,
            value: ShownValue::new(raw, secret),
            error: ValueError::new("integer 1–65535"),
            origin: Some(Box::new(origin)),
        }
    }

    fn snippet_of(p: Problem) -> Option<(String, String, String)> {
        let d = Detail::new(Of::Problem(p), None);
        let s = d.snippet()?;
        Some((s.text.clone(), s.text[s.label.clone()].to_owned(), s.label_text.clone()))
    }

    #[test]
    fn a_dotenv_line_shows_the_files_key_and_the_shown_value() {
        let file =
            scratch("dotenv", ".env", "\u{feff}# comment\nexport APP_PORT = 0x\r\nAPP_TOKEN=canary-0123456789\n");
        let origin = Origin::DotEnv { path: file.clone(), line: 2 };
        let (text, marked, label) = snippet_of(invalid("APP_PORT", "0x", false, origin)).unwrap();
        assert_eq!(text, "export APP_PORT = \"0x\"");
        assert_eq!(marked, "\"0x\"");
        assert_eq!(label, "expected integer 1–65535");
        let origin = Origin::DotEnv { path: file.clone(), line: 3 };
        let (text, ..) = snippet_of(invalid("APP_TOKEN", "canary-0123456789", true, origin)).unwrap();
        assert_eq!(text, "APP_TOKEN=(secret value hidden)");
    }

    #[test]
    fn a_toml_line_shows_its_key_and_never_the_files_value() {
        let file = scratch(
            "toml",
            "config.toml",
            "[api]\nport   =\t70000 # x\ntoken = \"canary-0123456789\"\ndb = { max = 0 }\n\"a b\".'c' = 1\n",
        );
        let at = |line| Origin::Toml { path: file.clone(), line };
        let (text, ..) = snippet_of(invalid("APP_API_PORT", "70000", false, at(2))).unwrap();
        assert_eq!(text, "port   =\t\"70000\"");
        let (text, ..) = snippet_of(invalid("APP_API_TOKEN", "canary-0123456789", true, at(3))).unwrap();
        assert_eq!(text, "token = (secret value hidden)");
        // An inline table's line is not the value's; a header is no assignment.
        assert_eq!(snippet_of(invalid("APP_DB_MAX", "0", false, at(4))), None);
        assert_eq!(snippet_of(invalid("APP_API_PORT", "0", false, at(1))), None);
        assert!(snippet_of(invalid("A", "1", false, at(5))).is_some());
        // A line past the end, a missing file: no snippet.
        assert_eq!(snippet_of(invalid("A", "1", false, at(99))), None);
        let gone = Origin::Toml { path: file.with_file_name("gone.toml"), line: 1 };
        assert_eq!(snippet_of(invalid("A", "1", false, gone)), None);
    }

    #[test]
    fn unknown_keys_and_broken_lines_show_the_key_only() {
        let file = scratch("unknown", "config.toml", "[sentry]\nprot = \"canary-0123456789\"\n");
        let unknown = |key: &str, line| Problem::UnknownKey {
            key: key.into(),
            path: file.clone(),
            line,
            suggestion: Some("port".into()),
        };
        let (text, marked, label) = snippet_of(unknown("sentry", 1)).unwrap();
        assert_eq!((text.as_str(), marked.as_str(), label.as_str()), ("[sentry]", "sentry", "did you mean port?"));
        let (text, marked, _) = snippet_of(unknown("sentry.prot", 2)).unwrap();
        assert_eq!((text.as_str(), marked.as_str()), ("prot = (value not shown)", "prot"));
        let env = scratch("broken", ".env", "APP_KEY=\"canary-0123456789\nsecret line\n");
        let broken = |line| Problem::Source { path: env.clone(), line: Some(line), message: "cannot parse".into() };
        let (text, marked, _) = snippet_of(broken(1)).unwrap();
        assert_eq!((text.as_str(), marked.as_str()), ("APP_KEY=(value not shown)", "(value not shown)"));
        assert_eq!(snippet_of(broken(2)), None);
    }

    #[test]
    fn details_follow_the_problems_then_the_warnings() {
        let file = scratch("details", "config.toml", "prot = 1\n");
        let warning = Warning::UnknownKey { key: "prot".into(), path: file, line: 1, suggestion: None };
        let problem = Problem::Missing { variable: "APP_PORT".into(), reason: None };
        let details = details(&[problem], &[warning], None);
        let severities: Vec<Option<Severity>> = details.iter().map(|d| d.severity()).collect();
        assert_eq!(severities, [Some(Severity::Error), Some(Severity::Warning)]);
        assert_eq!(details[0].help().unwrap().to_string(), "set APP_PORT");
        assert!(details[0].source_code().is_none());
        let label: Vec<LabeledSpan> = details[1].labels().unwrap().collect();
        assert_eq!((label[0].offset(), label[0].len(), label[0].label()), (0, 4, Some("names no setting")));
        assert_eq!(details[1].help().unwrap().to_string(), "remove the key prot");
    }

    #[test]
    fn keys_are_recognised() {
        assert!(is_toml_key("a"));
        assert!(is_toml_key(" a . \"b.c\" .'d' "));
        assert!(is_toml_key("\"a\\\"b\""));
        assert!(!is_toml_key(""));
        assert!(!is_toml_key("a b"));
        assert!(!is_toml_key("a."));
        assert!(!is_toml_key("\"open"));
        assert!(is_env_key("export A_B.c"));
        assert!(!is_env_key("A B"));
        assert!(is_env_key("export"), "a variable may be named export");
    }

    #[test]
    fn codes_are_one_per_kind() {
        let problems = [
            Problem::Missing { variable: "A".into(), reason: None },
            Problem::Check { message: "m".into() },
            Problem::Declaration { message: "m".into() },
        ];
        let codes: Vec<&str> = problems.iter().map(problem_code).collect();
        assert_eq!(codes, ["envspec::missing", "envspec::check", "envspec::declaration"]);
        let w = Warning::Downgraded(Problem::NotUnicode { variable: "A".into() });
        assert_eq!(warning_code(&w), "envspec::not_unicode");
    }
}
