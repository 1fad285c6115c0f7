//! TOML configuration files (feature `toml`): keys are field paths, nested structs are
//! tables (`[db] max_connections = 5` sets the field `db.max_connections`). A value is turned
//! into the text the environment would hold, so it goes through the same parsers, rules and
//! profiles; a list or a JSON field is written as a TOML array or table and read as JSON.

use super::{Entry, Layer, Origin, Value};
use crate::error::Problem;
use std::path::Path;
use toml::de::{DeTable, DeValue};

/// What a key of a file names.
pub(crate) enum Key<'m> {
    /// A field: its variable's name.
    Field(&'m str),
    /// A nested struct: a table of further keys.
    Table,
    /// Nothing the configuration declares.
    Unknown,
}

/// A key that names nothing, and the line it is on.
pub(crate) struct UnknownKey {
    pub(crate) key: String,
    pub(crate) line: usize,
}

/// Reads the TOML file at `path`. `key` says what a dotted key path names. Errors never
/// quote the file's content.
pub(crate) fn read<'m>(path: &Path, key: &dyn Fn(&str) -> Key<'m>) -> Result<(Layer, Vec<UnknownKey>), Box<Problem>> {
    let text = super::file::read_limited(path)
        .map_err(|message| Box::new(Problem::Source { path: path.to_path_buf(), line: None, message }))?;
    parse(path, &text, key)
}

/// Parses TOML `text` read from `path`.
pub(crate) fn parse<'m>(
    path: &Path,
    text: &str,
    key: &dyn Fn(&str) -> Key<'m>,
) -> Result<(Layer, Vec<UnknownKey>), Box<Problem>> {
    let lines = LineIndex::new(text);
    let table = DeTable::parse(text).map_err(|e| {
        Box::new(Problem::Source {
            path: path.to_path_buf(),
            line: e.span().map(|s| lines.line(s.start)),
            // The message alone: the rendered error quotes the line, which may hold a secret.
            message: format!("cannot parse this TOML: {}", e.message().lines().next().unwrap_or("invalid")),
        })
    })?;
    let mut out = Walk { path, key, lines: &lines, layer: Vec::new(), unknown: Vec::new() };
    out.table("", table.get_ref());
    // In file order: a table's keys come sorted by name.
    out.layer.sort_by_key(|(_, e)| match e.origin() {
        Origin::Toml { line, .. } => *line,
        _ => 0,
    });
    out.unknown.sort_by_key(|u| u.line);
    Ok((out.layer, out.unknown))
}

struct Walk<'a, 'm> {
    path: &'a Path,
    key: &'a dyn Fn(&str) -> Key<'m>,
    lines: &'a LineIndex,
    layer: Layer,
    unknown: Vec<UnknownKey>,
}

impl Walk<'_, '_> {
    fn table(&mut self, prefix: &str, table: &DeTable<'_>) {
        for (k, v) in table.iter() {
            let path = if prefix.is_empty() { k.get_ref().to_string() } else { format!("{prefix}.{}", k.get_ref()) };
            let line = self.lines.line(k.span().start);
            match ((self.key)(&path), v.get_ref()) {
                (Key::Field(name), value) => {
                    let origin = Origin::Toml { path: self.path.to_path_buf(), line };
                    self.layer.push((name.to_owned(), Entry::new(Ok(Value::new(raw(value))), origin)));
                }
                (Key::Table, DeValue::Table(inner)) => self.table(&path, inner),
                (Key::Table | Key::Unknown, _) => self.unknown.push(UnknownKey { key: path, line }),
            }
        }
    }
}

/// A TOML value as the environment would spell it: strings as they are, numbers in decimal,
/// booleans as `true`/`false`, date-times in RFC 3339, arrays and tables as JSON.
fn raw(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => s.to_string(),
        DeValue::Array(_) | DeValue::Table(_) => json(value).to_string(),
        other => match json(other) {
            serde_json::Value::String(s) => s,
            v => v.to_string(),
        },
    }
}

fn json(value: &DeValue<'_>) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        DeValue::String(s) => J::String(s.to_string()),
        DeValue::Integer(i) => match i128::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => i64::try_from(n)
                .map(J::from)
                .or_else(|_| u64::try_from(n).map(J::from))
                .unwrap_or_else(|_| J::String(n.to_string())),
            Err(_) => J::String(i.as_str().to_owned()),
        },
        DeValue::Float(f) => {
            let text = f.as_str().replace('_', "");
            text.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .and_then(serde_json::Number::from_f64)
                .map(J::Number)
                .unwrap_or(J::String(text))
        }
        DeValue::Boolean(b) => J::Bool(*b),
        DeValue::Datetime(d) => J::String(d.to_string()),
        DeValue::Array(items) => J::Array(items.iter().map(|v| json(v.get_ref())).collect()),
        DeValue::Table(t) => J::Object(t.iter().map(|(k, v)| (k.get_ref().to_string(), json(v.get_ref()))).collect()),
    }
}

/// Byte offsets to 1-based line numbers, by binary search over the line starts.
struct LineIndex {
    starts: Vec<usize>,
    /// How many lines the file has (a final newline ends the last one, it starts none).
    lines: usize,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts, lines: text.split_inclusive('\n').count().max(1) }
    }

    /// The line of `offset`; the end of the file is on its last line.
    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).min(self.lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(path: &str) -> Key<'static> {
        match path {
            "port" => Key::Field("APP_PORT"),
            "db" | "db.pool" => Key::Table,
            "db.url" => Key::Field("APP_DB_URL"),
            "db.pool.max" => Key::Field("APP_DB_POOL_MAX"),
            "origins" => Key::Field("APP_ORIGINS"),
            "when" => Key::Field("APP_WHEN"),
            _ => Key::Unknown,
        }
    }

    /// Name, value and line of each value; key and line of each unknown key.
    type Read = (Vec<(String, String, usize)>, Vec<(String, usize)>);

    fn load(text: &str) -> Result<Read, Box<Problem>> {
        let (layer, unknown) = parse(Path::new("config.toml"), text, &keys)?;
        let values = layer
            .into_iter()
            .map(|(n, e)| {
                let Origin::Toml { line, .. } = e.origin().clone() else { panic!() };
                (n, e.value.as_ref().unwrap().to_string(), line)
            })
            .collect();
        Ok((values, unknown.into_iter().map(|u| (u.key, u.line)).collect()))
    }

    #[test]
    fn keys_are_field_paths_and_values_are_spelled_as_in_the_environment() {
        let text = "port = 0x1F90\norigins = [\"https://a\", \"https://b\"]\nwhen = 1979-05-27T07:32:00Z\n\n[db]\nurl = \"postgres://db/app\"\n[db.pool]\nmax = 1_000\n";
        let (values, unknown) = load(text).unwrap();
        assert_eq!(
            values,
            [
                ("APP_PORT".to_owned(), "8080".to_owned(), 1),
                ("APP_ORIGINS".to_owned(), r#"["https://a","https://b"]"#.to_owned(), 2),
                ("APP_WHEN".to_owned(), "1979-05-27T07:32:00Z".to_owned(), 3),
                ("APP_DB_URL".to_owned(), "postgres://db/app".to_owned(), 6),
                ("APP_DB_POOL_MAX".to_owned(), "1000".to_owned(), 8),
            ]
        );
        assert!(unknown.is_empty());
        // Dotted keys and inline tables are the same paths.
        let (values, _) = load("db.url = \"x\"\ndb.pool = { max = 3 }\n").unwrap();
        assert_eq!(
            values.iter().map(|(n, v, _)| (n.as_str(), v.as_str())).collect::<Vec<_>>(),
            [("APP_DB_URL", "x"), ("APP_DB_POOL_MAX", "3")]
        );
    }

    #[test]
    fn unknown_keys_are_reported_with_their_lines() {
        let (_, unknown) = load("port = 1\n[db]\nulr = \"x\"\n[cache]\nttl = 3\n").unwrap();
        assert_eq!(unknown, [("db.ulr".to_owned(), 3), ("cache".to_owned(), 4)]);
    }

    #[test]
    fn an_error_at_the_end_of_the_file_is_on_its_last_line() {
        // Found by the `toml_file` fuzz target: the parser reports the end of the input.
        let Some(Problem::Source { line, .. }) = load("[\"\"\"\u{e}\n").err().map(|p| *p) else { panic!("refused") };
        assert_eq!(line, Some(1));
    }

    #[test]
    fn a_parse_error_names_its_line_and_never_quotes_the_file() {
        let Some(Problem::Source { line, message, .. }) =
            load("port = 1\nsecret = \"CANARY-unclosed\n").err().map(|p| *p)
        else {
            panic!("a parse error")
        };
        assert_eq!(line, Some(2));
        assert!(!message.contains("CANARY"), "{message}");
    }
}
