#!/usr/bin/env python3
"""Generates the benchmark workspace: one realistic configuration of N variables, expressed
the same way for EnvConfig, the hand-written floor, and each anchor (envconfig, envy, figment,
confique, clap), as one crate per (library, N) under bench/work/.

The mix for 169 variables (scaled for other N): 60 String, 30 port integers (range 1-65535),
25 bool, 20 Option<String>, 10 enums, 10 comma lists, 14 URLs; half of each kind (except the
options) have a default. EnvConfig runs with every rule the others can state switched on:
port ranges, URL schemes, non-empty lists.

The EnvConfig crates enable envspec's `url` feature (opt-in): their configuration has `Url`
fields, as the floor's and every anchor's has (each of them depends on `url` too).

By default only the issue's four are generated: the floor, EnvConfig, envy and envconfig.
`--all` adds figment, confique and clap (their 500-variable release builds take minutes each).

The crates measured are those of the checkout named by BENCH_SRC (default: this one), so a run
can measure a clean worktree of one commit while this checkout is being edited.

Usage: bench/gen.py [--all] N [N ...]   (bench/run.sh uses 50 169 500: 50 only for code size)
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = pathlib.Path(os.environ.get("BENCH_SRC", ROOT)).resolve()
WORK = ROOT / "bench" / "work"
MIX = [("s", 60), ("i", 30), ("b", 25), ("o", 20), ("e", 10), ("l", 10), ("u", 14)]
CORE_LIBS = ["envconfig_rs", "floor", "envconfig", "envy"]
SLOW_LIBS = ["figment", "confique", "clap"]
LIBS = CORE_LIBS + (SLOW_LIBS if "--all" in sys.argv else [])
# Left out: the release builds of these 500-variable crates were still running after 20
# (confique) and 7.5 (envconfig) minutes of CPU on the reference machine (see BENCHMARKS.md).
EXCLUDED = {("confique", 500), ("envconfig", 500)}
# Sizes whose loads the runner measures; other sizes (50) only feed the generated-code slope.
LOAD_SIZES = (169, 500)

DEPS = {
    "envconfig_rs": f'envspec = {{ path = "{SRC / "config-runtime"}", features = ["url"] }}',
    "floor": 'url = "2"',
    "envconfig": 'envconfig = "=0.11.1"\nurl = "2"',
    "envy": 'envy = "=0.4.2"\nserde = { version = "1", features = ["derive"] }\nurl = { version = "2", features = ["serde"] }',
    "figment": 'figment = { version = "=0.10.19", features = ["env"] }\nserde = { version = "1", features = ["derive"] }\nurl = { version = "2", features = ["serde"] }',
    "confique": 'confique = { version = "=0.4.0", default-features = false }\nserde = { version = "1", features = ["derive"] }\nurl = { version = "2", features = ["serde"] }',
    "clap": 'clap = { version = "=4.6.9", default-features = false, features = ["std", "derive", "env", "error-context"] }\nurl = "2"',
}


def fields(n):
    """(kind, index, has_default) for a configuration of n variables."""
    counts = [(k, max(1, round(c * n / 169))) for k, c in MIX]
    total = sum(c for _, c in counts)
    counts[0] = ("s", counts[0][1] + n - total)
    out = []
    for kind, count in counts:
        for j in range(count):
            out.append((kind, j, kind != "o" and j % 2 == 0))
    return out


def env_value(kind, j):
    return {"s": f"value-{j}", "i": "8080", "b": "true", "o": f"opt-{j}", "e": "beta", "l": "a,b,c",
            "u": f"https://example.com/{j}"}[kind]


DEFAULTS = {"s": "default", "i": "8080", "b": "true", "e": "alpha", "l": "a,b", "u": "https://example.com/"}
RUST_TYPES = {"s": "String", "i": "u16", "b": "bool", "o": "Option<String>", "e": "Mode", "l": "Vec<String>",
              "u": "Url"}


def name(kind, j):
    return f"APP_{kind.upper()}_{j}"


def envconfig_rs(fs):
    out = ["use envspec::{EnvConfig, EnvEnum, Url};",
           "#[derive(EnvEnum, Debug, Clone, Copy, PartialEq)]\npub enum Mode { Alpha, Beta, Gamma }",
           "#[derive(EnvConfig, Debug)]\n#[env(prefix = \"APP_\")]\npub struct Config {"]
    for kind, j, d in fs:
        attrs = []
        if d:
            lit = DEFAULTS[kind]
            attrs.append(f"default = {lit}" if kind in "ib" else f'default = "{lit}"')
        if kind == "i":
            attrs.append("range = 1..=65535")
        if kind == "u":
            attrs.append('schemes("http", "https")')
        if kind == "l":
            attrs.append("non_empty")
        attr = f"    #[env({', '.join(attrs)})]\n" if attrs else ""
        out.append(f"{attr}    pub {kind}_{j}: {RUST_TYPES[kind]},")
    out.append("}")
    out.append("pub fn load() -> Config { Config::from_env().expect(\"valid\").into_inner() }")
    return "\n".join(out) + "\n"


def floor(fs):
    out = ["//! The floor: one snapshot of the environment into a hash map, N lookups, the same parsing",
           "//! and the same checks, written by hand.",
           "use std::collections::HashMap;\nuse url::Url;",
           "#[derive(Debug, Clone, Copy, PartialEq)]\npub enum Mode { Alpha, Beta, Gamma }",
           "#[derive(Debug)]\npub struct Config {"]
    out += [f"    pub {k}_{j}: {RUST_TYPES[k]}," for k, j, _ in fs]
    out.append("}")
    out.append('''
fn text(env: &HashMap<String, String>, k: &str, d: Option<&str>) -> String {
    env.get(k).cloned().or(d.map(str::to_owned)).expect("set")
}
fn port(env: &HashMap<String, String>, k: &str, d: Option<u16>) -> u16 {
    match env.get(k) {
        Some(s) => { let p: u16 = s.trim().parse().expect("port"); assert!(p >= 1); p }
        None => d.expect("set"),
    }
}
fn flag(env: &HashMap<String, String>, k: &str, d: Option<bool>) -> bool {
    match env.get(k).map(|s| s.trim().to_ascii_lowercase()) {
        Some(s) => match s.as_str() { "true" | "1" | "yes" | "on" => true, "false" | "0" | "no" | "off" => false, _ => panic!("bool") },
        None => d.expect("set"),
    }
}
fn mode(env: &HashMap<String, String>, k: &str, d: Option<Mode>) -> Mode {
    match env.get(k).map(|s| s.trim().to_ascii_lowercase()) {
        Some(s) => match s.as_str() { "alpha" => Mode::Alpha, "beta" => Mode::Beta, "gamma" => Mode::Gamma, _ => panic!("mode") },
        None => d.expect("set"),
    }
}
fn list(env: &HashMap<String, String>, k: &str, d: Option<&str>) -> Vec<String> {
    let raw = env.get(k).map(String::as_str).or(d).expect("set");
    let v: Vec<String> = raw.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    assert!(!v.is_empty());
    v
}
fn url(env: &HashMap<String, String>, k: &str, d: Option<&str>) -> Url {
    let u = Url::parse(env.get(k).map(String::as_str).or(d).expect("set")).expect("url");
    assert!(matches!(u.scheme(), "http" | "https"));
    u
}''')
    out.append("pub fn load() -> Config {\n    let env: HashMap<String, String> = std::env::vars().collect();\n    Config {")
    for k, j, d in fs:
        n = name(k, j)
        dv = DEFAULTS.get(k)
        if k == "s":
            e = f'text(&env, "{n}", {f"Some({dv!r})".replace(chr(39), chr(34)) if d else "None"})'
        elif k == "i":
            e = f'port(&env, "{n}", {"Some(8080)" if d else "None"})'
        elif k == "b":
            e = f'flag(&env, "{n}", {"Some(true)" if d else "None"})'
        elif k == "o":
            e = f'env.get("{n}").cloned()'
        elif k == "e":
            e = f'mode(&env, "{n}", {"Some(Mode::Alpha)" if d else "None"})'
        elif k == "l":
            e = f'list(&env, "{n}", {chr(34).join(["Some(", dv, ")"]) if d else "None"})'
        else:
            e = f'url(&env, "{n}", {chr(34).join(["Some(", dv, ")"]) if d else "None"})'
        out.append(f"        {k}_{j}: {e},")
    out.append("    }\n}")
    return "\n".join(out) + "\n"


def envconfig_crate(fs):
    out = ["use envconfig::Envconfig;\nuse std::str::FromStr;\nuse url::Url;",
           "#[derive(Debug, Clone, Copy, PartialEq)]\npub enum Mode { Alpha, Beta, Gamma }",
           '''impl FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() { "alpha" => Ok(Mode::Alpha), "beta" => Ok(Mode::Beta), "gamma" => Ok(Mode::Gamma), _ => Err(s.into()) }
    }
}''',
           '''/// A comma-separated list (envconfig parses each field with `FromStr`).
#[derive(Debug)]
pub struct List(pub Vec<String>);
impl FromStr for List {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(List(s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()))
    }
}''',
           "#[derive(Envconfig, Debug)]\npub struct Config {"]
    types = dict(RUST_TYPES, l="List")
    for k, j, d in fs:
        attrs = [f'from = "{name(k, j)}"']
        if d:
            attrs.append(f'default = "{DEFAULTS[k]}"')
        out.append(f"    #[envconfig({', '.join(attrs)})]\n    pub {k}_{j}: {types[k]},")
    out.append("}\npub fn load() -> Config { Config::init_from_env().expect(\"valid\") }")
    return "\n".join(out) + "\n"


SERDE_COMMON = '''use serde::{Deserialize, Deserializer};
use url::Url;
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode { Alpha, Beta, Gamma }
fn d_s() -> String { "default".into() }
fn d_i() -> u16 { 8080 }
fn d_b() -> bool { true }
fn d_e() -> Mode { Mode::Alpha }
fn d_l() -> Vec<String> { vec!["a".into(), "b".into()] }
fn d_u() -> Url { Url::parse("https://example.com/").unwrap() }
/// A list given as `a,b,c` (or as a sequence).
#[allow(dead_code)]
fn comma<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum L { S(String), V(Vec<String>) }
    Ok(match L::deserialize(d)? {
        L::S(s) => s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        L::V(v) => v,
    })
}
'''


def serde_struct(fs, comma_lists):
    out = [SERDE_COMMON, "#[derive(Debug, Deserialize)]\npub struct Config {"]
    for k, j, d in fs:
        attrs = []
        if d:
            attrs.append(f'default = "d_{k}"')
        if k == "l" and comma_lists:
            attrs.append('deserialize_with = "comma"')
        attr = f"    #[serde({', '.join(attrs)})]\n" if attrs else ""
        out.append(f"{attr}    pub {k}_{j}: {RUST_TYPES[k]},")
    out.append("}")
    return "\n".join(out) + "\n"


def envy(fs):
    return serde_struct(fs, False) + 'pub fn load() -> Config { envy::prefixed("APP_").from_env().expect("valid") }\n'


def figment(fs):
    return serde_struct(fs, True) + '''pub fn load() -> Config {
    figment::Figment::new().merge(figment::providers::Env::prefixed("APP_")).extract().expect("valid")
}
'''


def confique(fs):
    out = ["use serde::Deserialize;\nuse url::Url;",
           '#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]\n#[serde(rename_all = "lowercase")]\npub enum Mode { Alpha, Beta, Gamma }',
           "#[derive(Debug, confique::Config)]\npub struct Config {"]
    for k, j, d in fs:
        attrs = [f'env = "{name(k, j)}"']
        if k == "l":
            attrs.append("parse_env = confique::env::parse::list_by_comma")
        if d:
            lit = {"s": '"default"', "i": "8080", "b": "true", "e": '"alpha"', "l": '["a", "b"]',
                   "u": '"https://example.com/"'}[k]
            attrs.append(f"default = {lit}")
        out.append(f"    #[config({', '.join(attrs)})]\n    pub {k}_{j}: {RUST_TYPES[k]},")
    out.append("}\npub fn load() -> Config { <Config as confique::Config>::builder().env().load().expect(\"valid\") }")
    return "\n".join(out) + "\n"


def clap(fs):
    out = ["use url::Url;",
           "#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]\npub enum Mode { Alpha, Beta, Gamma }",
           "#[derive(Debug, clap::Parser)]\npub struct Config {"]
    for k, j, d in fs:
        attrs = ["long", f'env = "{name(k, j)}"']
        if d:
            attrs.append(f'default_value = "{DEFAULTS[k]}"')
        if k == "i":
            attrs.append("value_parser = clap::value_parser!(u16).range(1..)")
        if k == "b":
            attrs.append("action = clap::ArgAction::Set")
        if k == "e":
            attrs.append("value_enum")
        if k == "l":
            attrs.append("value_delimiter = ','")
            if not d:
                attrs.append("required = true")
        out.append(f"    #[arg({', '.join(attrs)})]\n    pub {k}_{j}: {RUST_TYPES[k]},")
    out.append("}\npub fn load() -> Config { <Config as clap::Parser>::try_parse_from([\"app\"]).expect(\"valid\") }")
    return "\n".join(out) + "\n"


EMIT = {"envconfig_rs": envconfig_rs, "floor": floor, "envconfig": envconfig_crate, "envy": envy,
        "figment": figment, "confique": confique, "clap": clap}


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


# Cold builds: a bare crate using each library as a service starting out would (one field,
# read once), each its own workspace so that it builds in a fresh target directory. The
# EnvConfig one uses envspec's default features, as a new user gets them.
BARE = {
    "floor": ("", 'pub fn port() -> Option<u16> { std::env::var("APP_PORT").ok()?.parse().ok() }\n'),
    "envconfig_rs": (
        "envspec = {{ path = \"{runtime}\"{features} }}",
        'use envspec::EnvConfig;\n#[derive(EnvConfig)]\n#[env(prefix = "APP_")]\npub struct Config {\n    #[env(default = 8080)]\n'
        '    pub port: u16,\n}\npub fn load() -> Config { Config::from_env().expect("valid").into_inner() }\n'),
    "envconfig": (
        'envconfig = "=0.11.1"',
        'use envconfig::Envconfig;\n#[derive(Envconfig)]\npub struct Config {\n    #[envconfig(from = "APP_PORT", default = "8080")]\n'
        '    pub port: u16,\n}\npub fn load() -> Config { Config::init_from_env().expect("valid") }\n'),
    "envy": (
        'envy = "=0.4.2"\nserde = { version = "1", features = ["derive"] }',
        '#[derive(serde::Deserialize)]\npub struct Config {\n    #[serde(default = "port")]\n    pub port: u16,\n}\n'
        'fn port() -> u16 { 8080 }\npub fn load() -> Config { envy::prefixed("APP_").from_env().expect("valid") }\n'),
    "figment": (
        'figment = { version = "=0.10.19", features = ["env"] }\nserde = { version = "1", features = ["derive"] }',
        '#[derive(serde::Deserialize)]\npub struct Config {\n    #[serde(default = "port")]\n    pub port: u16,\n}\n'
        'fn port() -> u16 { 8080 }\npub fn load() -> Config {\n'
        '    figment::Figment::new().merge(figment::providers::Env::prefixed("APP_")).extract().expect("valid")\n}\n'),
    "confique": (
        'confique = { version = "=0.4.0", default-features = false }\nserde = { version = "1", features = ["derive"] }',
        '#[derive(confique::Config)]\npub struct Config {\n    #[config(env = "APP_PORT", default = 8080)]\n'
        '    pub port: u16,\n}\npub fn load() -> Config { <Config as confique::Config>::builder().env().load().expect("valid") }\n'),
    "clap": (
        'clap = { version = "=4.6.9", default-features = false, features = ["std", "derive", "env", "error-context"] }',
        '#[derive(clap::Parser)]\npub struct Config {\n    #[arg(long, env = "APP_PORT", default_value = "8080")]\n'
        '    pub port: u16,\n}\npub fn load() -> Config { <Config as clap::Parser>::try_parse_from(["app"]).expect("valid") }\n'),
}


def runtime_features():
    """envspec's features: (default list, every other feature), from the measured checkout."""
    feats = tomllib.loads((SRC / "config-runtime" / "Cargo.toml").read_text())["features"]
    default = feats.get("default", [])
    return default, [f for f in feats if f != "default" and f not in default]


def cold_probes():
    """bench/work/cold/bare_<lib> for each library, and feat_<set> for each feature set of envspec:
    none (no default features), default, and default plus each optional feature."""
    cold = WORK / "cold"
    if cold.exists():
        shutil.rmtree(cold)
    runtime = SRC / "config-runtime"
    probes = {}
    for lib in LIBS:
        dep, src = BARE[lib]
        if lib == "envconfig_rs":
            dep = dep.format(runtime=runtime, features="")
        probes[f"bare_{lib}"] = (dep, src)
    default, optional = runtime_features()
    sets = {"none": [], "default": default, **{f: default + [f] for f in optional}}
    for name, feats in sets.items():
        quoted = ", ".join(f'"{f}"' for f in feats)
        dep = BARE["envconfig_rs"][0].format(runtime=runtime, features=f", default-features = false, features = [{quoted}]")
        probes[f"feat_{name}"] = (dep, BARE["envconfig_rs"][1])
    for crate, (dep, src) in probes.items():
        write(cold / crate / "Cargo.toml",
              f'[package]\nname = "cold_{crate}"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n'
              f"[dependencies]\n{dep}\n\n[workspace]\n")
        write(cold / crate / "src" / "lib.rs", src)
    return {name: feats for name, feats in sets.items()}


def main():
    sizes = [int(a) for a in sys.argv[1:] if not a.startswith("--")] or [169, 500]
    members = []
    pairs = []
    for n in sizes:
        fs = fields(n)
        for lib in LIBS:
            if (lib, n) in EXCLUDED:
                continue
            crate = f"cfg_{lib}_{n}"
            members.append(crate)
            if n in LOAD_SIZES:
                pairs.append(f"{lib} {n}")
            write(WORK / crate / "Cargo.toml",
                  f'[package]\nname = "{crate}"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n'
                  f"[dependencies]\n{DEPS[lib]}\n")
            write(WORK / crate / "src" / "lib.rs", "#![allow(dead_code)]\n" + EMIT[lib](fs))
        env = "\n".join(f"{name(k, j)}={env_value(k, j)}" for k, j, _ in fs)
        write(WORK / f"env_{n}.txt", env + "\n")
    # Size probes: one binary per configuration, calling only its load.
    for m in list(members):
        probe = "size_" + m[len("cfg_"):]
        write(WORK / probe / "Cargo.toml",
              f'[package]\nname = "{probe}"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n'
              f'[dependencies]\n{m} = {{ path = "../{m}" }}\n')
        write(WORK / probe / "src" / "main.rs", f"fn main() {{ std::hint::black_box({m}::load()); }}\n")
        members.append(probe)
    # The runner: load benchmark, probe, docs-gen benchmark (sources in bench/runner). Its
    # build script dispatches to the (library, N) pairs listed in dispatch.txt.
    src = ROOT / "bench" / "runner"
    for f in src.rglob("*.rs"):
        write(WORK / "runner" / f.relative_to(src), f.read_text())
    write(WORK / "dispatch.txt", "\n".join(pairs) + "\n")
    cfgs = [m for m in members if m.startswith("cfg_") and int(m.rsplit("_", 1)[1]) in LOAD_SIZES]
    deps = "\n".join(f'{m} = {{ path = "../{m}" }}' for m in cfgs)
    write(WORK / "runner" / "Cargo.toml",
          '[package]\nname = "bench-runner"\nversion = "0.1.0"\nedition = "2024"\npublish = false\n\n'
          f"[dependencies]\n{deps}\n"
          f'envspec = {{ path = "{SRC / "config-runtime"}" }}\n'
          f'envspec-docs = {{ path = "{SRC / "docs-gen"}" }}\n\n'
          '[dev-dependencies]\ndivan = "=0.1.21"\n\n'
          '[[bench]]\nname = "load"\nharness = false\n\n[[bench]]\nname = "docs"\nharness = false\n')
    write(WORK / "Cargo.toml",
          "# Generated by bench/gen.py: the benchmark workspace, apart from the project's own.\n"
          "[workspace]\nresolver = \"2\"\nmembers = [\"runner\", " + ", ".join(f'"{m}"' for m in members) + "]\n\n"
          "[profile.release]\ndebug = 1\n")
    feature_sets = cold_probes()
    git = lambda *a: subprocess.run(["git", *a], cwd=SRC, text=True, capture_output=True).stdout.strip()
    write(WORK / "bench.json", json.dumps({
        "libs": LIBS, "sizes": sizes, "load_sizes": list(LOAD_SIZES),
        "excluded": sorted(f"{lib} {n}" for lib, n in EXCLUDED),
        "src": str(SRC), "commit": git("rev-parse", "HEAD"), "dirty": git("status", "--porcelain", "--untracked-files=no"),
        "feature_sets": feature_sets,
    }, indent=1) + "\n")
    print(f"generated {len(members)} crates under {WORK} (libraries: {', '.join(LIBS)}; sources: {SRC})")


if __name__ == "__main__":
    main()
