#!/usr/bin/env python3
"""Runs every measurement of BENCHMARKS.md and writes bench/results.md and bench/results.json.

Expects bench/gen.py to have generated bench/work/. Steps (each can be skipped with
--skip STEP): load (divan), callgrind (instructions and allocations per load), compile
(touch rebuilds and release builds), cold (cold builds of each library), size (release text
per 100 variables), docs (docs-gen on 1,000 variables).
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
LIBS = ["floor", "envconfig_rs", "envconfig", "envy", "figment", "confique", "clap"]
ANCHORS = ["envconfig", "envy", "figment", "confique", "clap"]
SIZES = [169, 500]
# Not generated (see bench/gen.py): their release builds take more than the run can afford.
EXCLUDED = {("confique", 500), ("envconfig", 500)}
NAMES = {"floor": "floor (hand-written)", "envconfig_rs": "**EnvConfig**", "envconfig": "envconfig 0.11.1",
         "envy": "envy 0.4.2", "figment": "figment 0.10.19", "confique": "confique 0.4.0", "clap": "clap 4.6.9"}


def sh(cmd, cwd=WORK, env=None, check=True, capture=True):
    full_env = dict(os.environ, **(env or {}))
    r = subprocess.run(cmd, cwd=cwd, env=full_env, check=False, text=True,
                       stdout=subprocess.PIPE if capture else None, stderr=subprocess.PIPE if capture else None)
    if check and r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stdout}\n{r.stderr}")
    return r


def timed(cmd, **kw):
    start = time.monotonic()
    sh(cmd, **kw)
    return time.monotonic() - start


def parse_duration(text):
    value, unit = re.match(r"([\d.]+)\s*(ns|µs|us|ms|s)", text.strip()).groups()
    return float(value) * {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}[unit]


def load_times(results):
    """Median wall time per load (15 rounds) measured by the probe binary."""
    probe = WORK / "target" / "release" / "probe"
    for n in SIZES:
        for lib in LIBS:
            if (lib, n) in EXCLUDED:
                continue
            ns = float(sh([str(probe), lib, str(n), "200", "time"]).stdout.strip())
            results.setdefault("load_s", {}).setdefault(lib, {})[str(n)] = ns * 1e-9


def callgrind(results):
    probe = WORK / "target" / "release" / "probe"
    for n in SIZES:
        for lib in LIBS:
            if (lib, n) in EXCLUDED:
                continue
            irs = []
            for iters in (1, 11):
                r = sh(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", str(probe), lib, str(n), str(iters)])
                irs.append(int(re.search(r"Collected : (\d+)", r.stderr).group(1)))
                if iters == 11:
                    allocs, nbytes = r.stdout.split()
                    results.setdefault("allocs", {}).setdefault(lib, {})[str(n)] = int(allocs)
                    results.setdefault("alloc_bytes", {}).setdefault(lib, {})[str(n)] = int(nbytes)
            results.setdefault("instructions", {}).setdefault(lib, {})[str(n)] = (irs[1] - irs[0]) // 10


LIMIT = 300  # seconds; a build still running after this is recorded as "> LIMIT"
# Anchors whose release build of the 500-variable crate takes about ten minutes here.
SLOW_RELEASE = {"figment", "confique", "clap"}


def touch_rebuild(crate, args, env):
    """Seconds to rebuild `crate` after touching its source, or None past LIMIT."""
    cmd = ["cargo", "build", "-q", "-p", crate] + args
    full_env = dict(os.environ, **env)
    source = WORK / crate / "src" / "lib.rs"
    before = source.stat()
    try:
        for attempt in ("prepare", "measure"):
            if attempt == "measure":
                source.touch()
            start = time.monotonic()
            try:
                subprocess.run(cmd, cwd=WORK, env=full_env, check=True, timeout=LIMIT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                return None
        return time.monotonic() - start
    finally:
        # Give the source its old time back: otherwise the next whole-workspace release build
        # sees every touched crate as changed and rebuilds the slow anchors (minutes each).
        os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))


def compile_times(results):
    for n in SIZES:
        for lib in LIBS:
            if (lib, n) in EXCLUDED:
                continue
            crate = f"cfg_{lib}_{n}"
            for key, args, env in [("touch_incremental", [], {"CARGO_INCREMENTAL": "1"}),
                                   ("touch_no_incremental", [], {"CARGO_INCREMENTAL": "0"}),
                                   ("release", ["--release"], {})]:
                if args and n > 169 and lib in SLOW_RELEASE and "--all-release" not in sys.argv:
                    continue  # minutes each; pass --all-release to measure them too
                # Median of three, except release builds (one run: some anchors take minutes).
                runs = [touch_rebuild(crate, args, env) for _ in range(1 if args or n > 169 else 3)]
                runs = sorted(r if r is not None else float("inf") for r in runs)
                results.setdefault(key, {}).setdefault(lib, {})[str(n)] = runs[len(runs) // 2]


def unit_times(target):
    """Seconds per compiled unit, from the HTML report of `cargo build --timings`."""
    html = next(pathlib.Path(target, "cargo-timings").glob("cargo-timing-*.html")).read_text()
    units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
    out = {}
    for u in units:
        key = f"{u['name']} {u['version']}" + (f" ({u['target'].strip()})" if u["target"].strip() else "")
        out[key] = out.get(key, 0.0) + u["duration"]
    return out


def cold_builds(results):
    """Each cold crate built three times in a fresh target directory; the median wall time,
    and the per-crate compile times of the median run (what the marginal figure is made of)."""
    for d in sorted((WORK / "cold").iterdir()):
        runs = []
        for _ in range(3):
            target = tempfile.mkdtemp(prefix="cold-")
            try:
                secs = timed(["cargo", "build", "-q", "--offline", "--timings"], cwd=d, env={"CARGO_TARGET_DIR": target})
                runs.append((secs, unit_times(target)))
            finally:
                shutil.rmtree(target, ignore_errors=True)
        runs.sort(key=lambda r: r[0])
        results.setdefault("cold", {})[d.name] = runs[1][0]
        results.setdefault("cold_units", {})[d.name] = runs[1][1]


def text_size(binary):
    out = sh(["size", "-A", str(binary)]).stdout
    return int(re.search(r"^\.text\s+(\d+)", out, re.M).group(1))


# Sizes of the generated-code probes: the slope from 50 to 169 exists for every library, the
# one from 169 to 500 for those built at 500.
CODE_SIZES = [50, 169, 500]


def sizes(results):
    sh(["cargo", "build", "-q", "--release", "--workspace"])
    for lib in LIBS:
        t = {n: text_size(WORK / "target" / "release" / f"size_{lib}_{n}") for n in CODE_SIZES
             if (lib, n) not in EXCLUDED}
        results.setdefault("text", {})[lib] = {str(n): v for n, v in t.items()}
        per = results.setdefault("text_per_100", {})[lib] = {}
        per["50-169"] = (t[169] - t[50]) * 100 / (169 - 50)
        if 500 in t:
            per["169-500"] = (t[500] - t[169]) * 100 / (500 - 169)


def docs(results):
    sh(["cargo", "build", "-q", "--release", "--workspace"])
    ns = float(sh([str(WORK / "target" / "release" / "docs_time")]).stdout.strip())
    results["docs_1000_s"] = ns * 1e-9


def fmt_s(x):
    if x == float("inf"):
        return f"> {LIMIT} s (stopped)"
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 1e-3:
        return f"{x * 1e3:.2f} ms"
    return f"{x * 1e6:.1f} µs"


def report(r):
    lines = []
    def table(title, key, fmt, ratio=None):
        if key not in r:
            return
        lines.append(f"\n### {title}\n")
        head = "| library | " + " | ".join(f"N = {n}" for n in SIZES)
        if ratio:
            head += " | " + " | ".join(f"÷ {ratio} at {n}" for n in SIZES)
        lines.append(head + " |")
        lines.append("|" + " --- |" * (1 + len(SIZES) * (2 if ratio else 1)))
        for lib in LIBS:
            vals = r[key].get(lib, {})
            row = f"| {NAMES[lib]} | " + " | ".join(fmt(vals[str(n)]) if str(n) in vals else "–" for n in SIZES)
            if ratio:
                base = r[key].get(ratio, {})
                row += " | " + " | ".join(
                    f"{vals[str(n)] / base[str(n)]:.2f}×" if str(n) in vals and base.get(str(n)) else "–" for n in SIZES)
            lines.append(row + " |")
    table("Load time per load (median of 15 rounds of 200 loads)", "load_s", fmt_s, ratio="floor")
    table("Instructions per load (callgrind)", "instructions", lambda x: f"{x:,}", ratio="floor")
    table("Heap allocations per load", "allocs", lambda x: f"{x:,}")
    table("Rebuild after touching the config crate, incremental (dev)", "touch_incremental", fmt_s)
    table("Rebuild after touching the config crate, no incremental (dev)", "touch_no_incremental", fmt_s)
    table("Release rebuild of the config crate", "release", fmt_s)
    if "text_per_100" in r:
        lines.append("\n### Release `.text` of a binary that loads the config, and its growth per 100 variables\n")
        lines.append("| library | N = 50 | N = 169 | N = 500 | per 100 (50 → 169) | per 100 (169 → 500) |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for lib in LIBS:
            t, per = r["text"].get(lib, {}), r["text_per_100"].get(lib, {})
            cells = [f"{t[str(n)]:,} B" if str(n) in t else "–" for n in CODE_SIZES]
            cells += [f"{per[k]:,.0f} B" if k in per else "–" for k in ("50-169", "169-500")]
            lines.append(f"| {NAMES[lib]} | " + " | ".join(cells) + " |")
    if "cold" in r:
        c = r["cold"]
        base = c.get("serde_only")
        lines.append("\n### Cold build (dev) of what a service adds\n")
        lines.append("| library | alone | beside serde (derive) | marginal over serde |")
        lines.append("| --- | --- | --- | --- |")
        for lib in LIBS:
            alone, ws = c.get(lib), c.get(f"{lib}_with_serde")
            marg = fmt_s(ws - base) if ws and base else "–"
            lines.append(f"| {NAMES[lib]} | {fmt_s(alone) if alone else '–'} | {fmt_s(ws) if ws else '–'} | {marg} |")
        if base:
            lines.append(f"| serde with derive alone | {fmt_s(base)} | | |")
        units = r.get("cold_units", {})
        for lib in ("envconfig_rs", "envconfig"):
            mine, serde_units = units.get(f"{lib}_with_serde"), units.get("serde_only")
            if not mine or not serde_units:
                continue
            extra = sorted(((t, u) for u, t in mine.items() if u not in serde_units), reverse=True)
            lines.append(f"\nCrates {NAMES[lib]} adds beside serde (compile seconds, one core; sum "
                         f"{sum(t for t, _ in extra):.1f} s): " + ", ".join(f"{u} {t:.2f} s" for t, u in extra[:15]))
    if "docs_1000_s" in r:
        lines.append(f"\n### docs-gen\n\nEvery format (markdown, .env.example, JSON Schema, Kubernetes) for 1,000 variables: {fmt_s(r['docs_1000_s'])} (median of 21 runs).")
    return "\n".join(lines) + "\n"


def main():
    skip = set(sys.argv[sys.argv.index("--skip") + 1].split(",")) if "--skip" in sys.argv else set()
    path = ROOT / "bench" / "results.json"
    results = json.loads(path.read_text()) if path.exists() and "--keep" in sys.argv else {}
    if not {"load", "callgrind"} <= skip:
        # Always the whole workspace: building a subset unifies shared dependencies'
        # features differently and rebuilds the slow anchors.
        sh(["cargo", "build", "-q", "--release", "--workspace"])
    steps = [("load", load_times), ("callgrind", callgrind), ("size", sizes), ("docs", docs),
             ("compile", compile_times), ("cold", cold_builds)]
    for name, step in steps:
        if name in skip:
            continue
        print(f"== {name}", flush=True)
        fresh = {}
        step(fresh)
        if "--keep" in sys.argv and path.exists():
            # Merge into what is on disk now, so that steps run by separate invocations (one
            # per core) keep each other's figures.
            results = json.loads(path.read_text())
        results.update(fresh)
        path.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    machine = sh(["sh", "-c", "nproc --all; grep -m1 'model name' /proc/cpuinfo | cut -d: -f2; rustc --version"], cwd=ROOT).stdout
    text = "Machine: " + " / ".join(l.strip() for l in machine.splitlines() if l.strip()) + "\n" + report(results)
    (ROOT / "bench" / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
