//! The settings a deployment artefact hands a service, read the way the platform reads them,
//! so that `docs-gen validate` checks what is actually applied:
//!
//! - a Kubernetes manifest: the `data` of every ConfigMap, and the `stringData` and (base64)
//!   `data` of every Secret, in the order of the YAML stream (a later key wins, as `envFrom`
//!   lists win in order);
//! - a Docker Compose file: one service's `env_file` entries, in order, then its
//!   `environment`, which wins over them.

use base64::Engine;
use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// What a deployment artefact gives the service.
#[derive(Debug, Default, PartialEq)]
pub struct Deployed {
    /// Variables set directly (a manifest's keys, Compose's `environment`).
    pub pairs: Vec<(String, String)>,
    /// `.env` files to read first, in order (Compose's `env_file`).
    pub env_files: Vec<PathBuf>,
}

/// Reads `text`, a YAML stream from the file at `path`: a Compose file when a document has
/// `services`, else Kubernetes manifests. `service` picks a Compose service (needed when
/// there are several).
pub fn read(path: &Path, text: &str, service: Option<&str>) -> Result<Deployed, String> {
    let docs: Vec<Value> = serde_norway::Deserializer::from_str(text)
        .map(|d| Value::deserialize(d).map_err(|e| format!("not YAML: {e}")))
        .collect::<Result<_, _>>()?;
    match docs.iter().find(|d| d.get("services").is_some()) {
        Some(compose) => compose_file(path, compose, service),
        None => manifests(&docs),
    }
}

fn manifests(docs: &[Value]) -> Result<Deployed, String> {
    let mut out = Deployed::default();
    let mut seen = false;
    for doc in docs {
        match doc.get("kind").and_then(Value::as_str) {
            Some("ConfigMap") => {
                seen = true;
                out.pairs.extend(strings(doc.get("data"), "ConfigMap data")?);
            }
            Some("Secret") => {
                seen = true;
                out.pairs.extend(strings(doc.get("stringData"), "Secret stringData")?);
                for (k, v) in strings(doc.get("data"), "Secret data")? {
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(v.trim())
                        .map_err(|_| format!("Secret data key {k} is not base64"))?;
                    let text =
                        String::from_utf8(bytes).map_err(|_| format!("Secret data key {k} is not UTF-8 text"))?;
                    out.pairs.push((k, text));
                }
            }
            _ => {}
        }
    }
    if !seen {
        return Err("holds no ConfigMap, no Secret and no Compose services".into());
    }
    Ok(out)
}

/// A mapping of string values; numbers and booleans are taken as they are written.
fn strings(value: Option<&Value>, what: &str) -> Result<Vec<(String, String)>, String> {
    let Some(value) = value else { return Ok(Vec::new()) };
    if value.is_null() {
        return Ok(Vec::new());
    }
    let map = value.as_object().ok_or_else(|| format!("{what} is not a mapping"))?;
    map.iter()
        .map(|(k, v)| match v {
            Value::String(s) => Ok((k.clone(), s.clone())),
            Value::Null => Ok((k.clone(), String::new())),
            Value::Bool(_) | Value::Number(_) => Ok((k.clone(), v.to_string())),
            _ => Err(format!("{what} key {k} is not a scalar")),
        })
        .collect()
}

fn compose_file(path: &Path, compose: &Value, service: Option<&str>) -> Result<Deployed, String> {
    let services = compose["services"].as_object().ok_or("`services` is not a mapping")?;
    let (name, svc) = match service {
        Some(name) => (name, services.get(name).ok_or_else(|| format!("no service `{name}` in the Compose file"))?),
        None if services.len() == 1 => {
            let (name, svc) = services.iter().next().expect("one service");
            (name.as_str(), svc)
        }
        None => {
            let names: Vec<&str> = services.keys().map(String::as_str).collect();
            return Err(format!(
                "the Compose file has several services; pick one with --service ({})",
                names.join(", ")
            ));
        }
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut out = Deployed::default();
    let files: Vec<&Value> = match &svc["env_file"] {
        Value::Null => Vec::new(),
        Value::Array(list) => list.iter().collect(),
        one => vec![one],
    };
    for f in files {
        let (file, required) = match f {
            Value::String(s) => (s.as_str(), true),
            Value::Object(o) => (
                o.get("path")
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("service {name}: an env_file entry has no path"))?,
                o.get("required").and_then(Value::as_bool).unwrap_or(true),
            ),
            _ => return Err(format!("service {name}: env_file is not a path")),
        };
        let file = dir.join(file);
        if required || file.is_file() {
            out.env_files.push(file);
        }
    }
    match &svc["environment"] {
        Value::Null => {}
        Value::Array(list) => {
            for item in list {
                let item = item.as_str().ok_or_else(|| format!("service {name}: an environment entry is not text"))?;
                // `KEY` alone takes the value from the shell running Compose: not part of the file.
                if let Some((k, v)) = item.split_once('=') {
                    out.pairs.push((k.to_owned(), v.to_owned()));
                }
            }
        }
        map @ Value::Object(_) => out.pairs.extend(strings(Some(map), &format!("service {name}: environment"))?),
        _ => return Err(format!("service {name}: environment is neither a list nor a mapping")),
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_gives_configmap_and_secret_keys() {
        let text = "kind: ConfigMap\ndata:\n  A: \"1\"\n  B: 2\n---\nkind: Secret\nstringData:\n  C: x\ndata:\n  D: aGVsbG8=\n";
        let d = read(Path::new("k8s.yaml"), text, None).unwrap();
        let pairs: Vec<(&str, &str)> = d.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(pairs, [("A", "1"), ("B", "2"), ("C", "x"), ("D", "hello")]);
    }

    #[test]
    fn a_compose_file_gives_env_files_then_environment() {
        let text = "services:\n  api:\n    env_file: [base.env, {path: opt.env, required: false}]\n    environment:\n      - X=1\n      - FROM_SHELL\n";
        let d = read(Path::new("/deploy/compose.yaml"), text, None).unwrap();
        assert_eq!(d.pairs, [("X".to_owned(), "1".to_owned())]);
        assert_eq!(d.env_files, [PathBuf::from("/deploy/base.env")]);
        let two = "services:\n  a: {}\n  b: {}\n";
        assert!(read(Path::new("c.yaml"), two, None).unwrap_err().contains("--service"));
    }
}
