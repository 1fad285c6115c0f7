//! Finds environment reads in Rust sources (`std::env::var("X")`, `var_os`, `env!`,
//! `option_env!`) so that reads no configuration declares, the way docs drift in the first
//! place, are caught.

use proc_macro2::TokenTree;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

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

/// A file that could not be read or parsed.
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
    collect(root, &mut files);
    files.sort();
    let mut reads = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        match std::fs::read_to_string(&file) {
            Ok(src) => match scan_source(&src) {
                Ok(found) => reads.extend(found.into_iter().map(|(line, name, via)| EnvRead {
                    file: file.clone(),
                    line,
                    name,
                    via,
                })),
                Err(e) => errors.push(ScanError { file, message: e }),
            },
            Err(e) => errors.push(ScanError { file, message: e.to_string() }),
        }
    }
    (reads, errors)
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.to_path_buf());
        }
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else { return };
    for entry in entries.flatten() {
        let p = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" || (name == "corpus" || name == "artifacts") && p.is_dir() {
            continue;
        }
        if p.is_dir() {
            collect(&p, out);
        } else if name.ends_with(".rs") {
            out.push(p);
        }
    }
}

/// The reads in one source file: (line, name, via).
pub fn scan_source(src: &str) -> Result<Vec<(usize, String, &'static str)>, String> {
    let file = syn::parse_file(src).map_err(|e| {
        let at = e.span().start();
        format!("line {}:{}: {e}", at.line, at.column + 1)
    })?;
    let mut visitor = Reads::default();
    visitor.visit_file(&file);
    Ok(visitor.found)
}

#[derive(Default)]
struct Reads {
    found: Vec<(usize, String, &'static str)>,
}

impl<'ast> Visit<'ast> for Reads {
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(p) = &*call.func {
            let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
            let via = match segs.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                [.., "env", "var"] => Some("env::var"),
                [.., "env", "var_os"] => Some("env::var_os"),
                _ => None,
            };
            if let (Some(via), Some(syn::Expr::Lit(lit))) = (via, call.args.first()) {
                if let syn::Lit::Str(s) = &lit.lit {
                    self.found.push((s.span().start().line, s.value(), via));
                }
            }
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let last = mac.path.segments.last().map(|s| s.ident.to_string());
        let via = match last.as_deref() {
            Some("env") => Some("env!"),
            Some("option_env") => Some("option_env!"),
            _ => None,
        };
        if let Some(via) = via {
            if let Some(TokenTree::Literal(lit)) = mac.tokens.clone().into_iter().next() {
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                    self.found.push((lit.span().start().line, s.value(), via));
                }
            }
        } else {
            // Reads inside other macros (`format!`, `assert!`, ...) are ordinary expressions.
            if let Ok(exprs) =
                mac.parse_body_with(syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
            {
                for e in &exprs {
                    self.visit_expr(e);
                }
            }
        }
        syn::visit::visit_macro(self, mac);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_kind_of_read() {
        let src = r#"
            fn main() {
                let a = std::env::var("A_VAR");
                let b = env::var_os("B_VAR");
                let c = env!("C_VAR");
                let d = option_env!("D_VAR");
                println!("{:?}", std::env::var("E_VAR"));
                let dynamic = std::env::var(name);
            }
        "#;
        let names: Vec<String> = scan_source(src).unwrap().into_iter().map(|(_, n, _)| n).collect();
        assert_eq!(names, ["A_VAR", "B_VAR", "C_VAR", "D_VAR", "E_VAR"]);
    }

    #[test]
    fn lines_are_reported() {
        let found = scan_source("fn f() {\n    std::env::var(\"X\");\n}\n").unwrap();
        assert_eq!(found, vec![(2, "X".to_string(), "env::var")]);
    }
}
