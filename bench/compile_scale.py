#!/usr/bin/env python3
"""Release-rebuild time of a config crate as the field count grows.

Generates a crate per N (default 169 and 500) holding one `#[derive(EnvConfig)]` struct whose
fields mix String, u16 (with a range), bool, Option<String>, Vec<String> and Url, half of them
with defaults; builds each once in release, then touches the source and times the rebuild of
that crate alone. A derive whose generated code grows superlinearly shows it here first.

Usage: bench/compile_scale.py [N ...]   (work happens under target/compile-scale/)
"""
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "compile-scale"
KINDS = [("String", '"abc"'), ("u16", "8080"), ("bool", "true"), ("Option<String>", None),
         ("Vec<String>", '"a,b"'), ("envspec::Url", '"http://x"')]


def generate(n: int) -> pathlib.Path:
    crate = WORK / f"s{n}"
    (crate / "src").mkdir(parents=True, exist_ok=True)
    (crate / "Cargo.toml").write_text(
        f'[package]\nname = "s{n}"\nversion = "0.1.0"\nedition = "2024"\n'
        f'[dependencies]\nenvspec = {{ path = "{ROOT / "config-runtime"}", features = ["url"] }}\n[workspace]\n')
    fields = []
    for i in range(n):
        ty, default = KINDS[i % len(KINDS)]
        attrs = []
        if default and i % 2 == 0:
            attrs.append(f"default = {default}")
        elif ty != "Option<String>":
            ty = f"Option<{ty}>"
        if "u16" in ty:
            attrs.append("range = 1..=65535")
        attr = f"    #[env({', '.join(attrs)})]\n" if attrs else ""
        fields.append(f"{attr}    pub f{i}: {ty},")
    (crate / "src" / "lib.rs").write_text(
        "use envspec::EnvConfig;\n#[derive(EnvConfig)]\n#[env(prefix = \"APP_\")]\n"
        "pub struct Big {\n" + "\n".join(fields) + "\n}\n")
    return crate


def rebuild_seconds(crate: pathlib.Path) -> float:
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=crate, env=env, check=True)
    (crate / "src" / "lib.rs").touch()
    start = time.monotonic()
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=crate, env=env, check=True)
    return time.monotonic() - start


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [169, 500]
    results = {n: rebuild_seconds(generate(n)) for n in sizes}
    for n, secs in results.items():
        print(f"{n} fields: release rebuild {secs:.2f} s")
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        print(f"ratio {b}/{a}: {results[b] / results[a]:.2f}x for {b / a:.2f}x the fields")


if __name__ == "__main__":
    main()
