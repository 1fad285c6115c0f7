#!/usr/bin/env python3
"""Runs every measurement of BENCHMARKS.md and writes bench/results.md and bench/results.json.

Expects bench/gen.py to have generated bench/work/ (bench/work/bench.json says which libraries,
sizes and sources). Steps, in order (each can be skipped with --skip STEP,STEP):
  build      release and dev builds of the benchmark workspace (needed by every later step)
  load       wall time per load (indicative)
  callgrind  instructions and heap allocations per load
  size       release .text of a binary that loads the configuration
  docs       docs-gen on 1,000 variables
  compile    touch rebuilds of each configuration crate: incremental (CPU s), not incremental
             (CPU s, and rustc's instructions under callgrind), release (s)
  cold       cold builds of a bare crate using each library, and of envspec's feature sets
             (CPU s of the cargo process tree, crates compiled)
  dotenv     config-runtime/benches/dotenv.rs: a .env file of 70,000 lines
CPU seconds are user + system time of the process tree (getrusage of the waited-for children).
bench/run.sh pins the whole run to one core, so wall time and CPU time of one rustc agree.
"""
import json
import os
import pathlib
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
CONF = json.loads((WORK / "bench.json").read_text())
SRC = pathlib.Path(CONF["src"])
ORDER = ["floor", "envconfig_rs", "envconfig", "envy", "figment", "confique", "clap"]
LIBS = [lib for lib in ORDER if lib in CONF["libs"]]
SIZES = CONF["load_sizes"]
EXCLUDED = {(e.split()[0], int(e.split()[1])) for e in CONF["excluded"]}
NAMES = {"floor": "floor (hand-written)", "envconfig_rs": "**EnvConfig**", "envconfig": "envconfig 0.11.1",
         "envy": "envy 0.4.2", "figment": "figment 0.10.19", "confique": "confique 0.4.0", "clap": "clap 4.6.9"}
LIMIT = 900  # seconds; a build still running after this is stopped and recorded as "> LIMIT"
# Anchors whose release build of the 500-variable crate takes about ten minutes here.
SLOW_RELEASE = {"figment", "confique", "clap"}


def sh(cmd, cwd=WORK, env=None, check=True):
    r = subprocess.run(cmd, cwd=cwd, env=dict(os.environ, **(env or {})), check=False, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if check and r.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}")
    return r


def run_measured(cmd, cwd=WORK, env=None, stdout=subprocess.DEVNULL):
    """(wall s, CPU s of the whole process tree, stdout) of one command, or None past LIMIT."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, env=dict(os.environ, **(env or {})), text=True,
                         stdout=stdout, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = p.communicate(timeout=LIMIT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return None
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{err[-4000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def pairs():
    for n in SIZES:
        for lib in LIBS:
            if (lib, n) not in EXCLUDED:
                yield lib, n


def build(results):
    # Always the whole workspace: building a subset unifies shared dependencies' features
    # differently and rebuilds the slow anchors.
    for key, args in (("release", ["--release"]), ("dev", [])):
        r = run_measured(["cargo", "build", "-q", "--workspace"] + args)
        results.setdefault("workspace_build", {})[key] = {"wall": r[0], "cpu": r[1]}


def load_times(results):
    """Median wall time per load (15 rounds of 200 loads) measured by the probe binary."""
    probe = WORK / "target" / "release" / "probe"
    for lib, n in pairs():
        ns = float(sh([str(probe), lib, str(n), "200", "time"]).stdout.strip())
        results.setdefault("load_s", {}).setdefault(lib, {})[str(n)] = ns * 1e-9


def callgrind(results):
    """(instructions of 11 loads - instructions of 1 load) / 10: start-up and the first load's
    lazy initialisation cancel out."""
    probe = WORK / "target" / "release" / "probe"
    for lib, n in pairs():
        irs = []
        for iters in (1, 11):
            r = sh(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", str(probe), lib, str(n), str(iters)])
            irs.append(int(re.search(r"Collected : (\d+)", r.stderr).group(1)))
            if iters == 11:
                allocs, nbytes = r.stdout.split()
                results.setdefault("allocs", {}).setdefault(lib, {})[str(n)] = int(allocs)
                results.setdefault("alloc_bytes", {}).setdefault(lib, {})[str(n)] = int(nbytes)
        results.setdefault("instructions", {}).setdefault(lib, {})[str(n)] = (irs[1] - irs[0]) // 10


class Touched:
    """Touches a crate's source for each rebuild, and gives it its old time back afterwards:
    otherwise the next whole-workspace build sees it changed and rebuilds the slow anchors."""

    def __init__(self, crate):
        self.source = WORK / crate / "src" / "lib.rs"

    def __enter__(self):
        self.before = self.source.stat()
        return self

    def touch(self):
        self.source.touch()

    def __exit__(self, *exc):
        os.utime(self.source, ns=(self.before.st_atime_ns, self.before.st_mtime_ns))


def rebuilds(crate, args, env, runs):
    """[(wall, CPU)] of `runs` rebuilds of `crate` after touching its source (a build past LIMIT
    counts as infinite)."""
    cmd = ["cargo", "build", "-q", "-p", crate] + args
    out = []
    with Touched(crate) as t:
        if run_measured(cmd, env=env) is None:  # prepare: whatever else is stale
            return [(float("inf"), float("inf"))]
        for _ in range(runs):
            t.touch()
            r = run_measured(cmd, env=env)
            out.append((r[0], r[1]) if r else (float("inf"), float("inf")))
    return out


def rustc_instructions(crate):
    """Instructions rustc executes (callgrind, every thread) to rebuild `crate` after a touch,
    dev profile, not incremental."""
    log = pathlib.Path(tempfile.mkstemp(prefix="rustc-callgrind-", suffix=".log")[1])
    env = {"CARGO_INCREMENTAL": "0", "RUSTC_WRAPPER": str(ROOT / "bench" / "rustc_callgrind.sh"),
           "BENCH_CALLGRIND_CRATE": crate, "BENCH_CALLGRIND_LOG": str(log)}
    try:
        with Touched(crate) as t:
            t.touch()
            if run_measured(["cargo", "build", "-q", "-p", crate], env=env) is None:
                return None
        return int(re.search(r"Collected : (\d+)", log.read_text()).group(1))
    finally:
        log.unlink(missing_ok=True)


def compile_times(results):
    # One mode after the other: switching CARGO_INCREMENTAL rebuilds the path dependencies.
    def put(key, lib, n, value):
        results.setdefault(key, {}).setdefault(lib, {})[str(n)] = value

    for lib, n in pairs():
        crate = f"cfg_{lib}_{n}"
        runs = rebuilds(crate, [], {"CARGO_INCREMENTAL": "1"}, 5)
        put("touch_incremental_cpu", lib, n, median(c for _, c in runs))
        put("touch_incremental_wall", lib, n, median(w for w, _ in runs))
    for lib, n in pairs():
        crate = f"cfg_{lib}_{n}"
        runs = rebuilds(crate, [], {"CARGO_INCREMENTAL": "0"}, 3)
        put("touch_no_incremental_cpu", lib, n, median(c for _, c in runs))
        put("touch_no_incremental_wall", lib, n, median(w for w, _ in runs))
        put("touch_no_incremental_instructions", lib, n, rustc_instructions(crate))
    for lib, n in pairs():
        if n > 169 and lib in SLOW_RELEASE and "--all-release" not in sys.argv:
            continue  # minutes each; pass --all-release to measure them too
        (wall, cpu), = rebuilds(f"cfg_{lib}_{n}", ["--release"], {}, 1)
        put("release_wall", lib, n, wall)
        put("release_cpu", lib, n, cpu)


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
    """Each crate of bench/work/cold built three times in a fresh target directory: the median
    CPU time (user + sys of cargo and every rustc and build script), its wall time, the number of
    packages compiled, and the per-unit compile times of the median run."""
    for d in sorted((WORK / "cold").iterdir()):
        sh(["cargo", "generate-lockfile", "-q"], cwd=d)  # resolved and downloaded before any timing
        sh(["cargo", "fetch", "-q"], cwd=d)
        runs = []
        for _ in range(3):
            target = tempfile.mkdtemp(prefix="cold-")
            try:
                r = run_measured(["cargo", "build", "-q", "--offline", "--timings", "--message-format=json"], cwd=d,
                                 env={"CARGO_TARGET_DIR": target}, stdout=subprocess.PIPE)
                packages = {m["package_id"] for m in map(json.loads, r[2].splitlines())
                            if m.get("reason") == "compiler-artifact"}
                runs.append((r[1], r[0], len(packages), unit_times(target)))
            finally:
                shutil.rmtree(target, ignore_errors=True)
        runs.sort(key=lambda x: x[0])
        cpu, wall, crates, units = runs[1]
        results.setdefault("cold", {})[d.name] = {"cpu": cpu, "wall": wall, "crates": crates,
                                                  "cpu_runs": [x[0] for x in runs]}
        results.setdefault("cold_units", {})[d.name] = units


def text_size(binary):
    out = sh(["size", "-A", str(binary)]).stdout
    return int(re.search(r"^\.text\s+(\d+)", out, re.M).group(1))


# Sizes of the generated-code probes: the slope from 50 to 169 exists for every library, the
# one from 169 to 500 for those built at 500.
CODE_SIZES = [50, 169, 500]


def sizes(results):
    for lib in LIBS:
        t = {n: text_size(WORK / "target" / "release" / f"size_{lib}_{n}") for n in CODE_SIZES
             if (lib, n) not in EXCLUDED and n in CONF["sizes"]}
        results.setdefault("text", {})[lib] = {str(n): v for n, v in t.items()}
        per = results.setdefault("text_per_100", {})[lib] = {}
        if 50 in t and 169 in t:
            per["50-169"] = (t[169] - t[50]) * 100 / (169 - 50)
        if 500 in t and 169 in t:
            per["169-500"] = (t[500] - t[169]) * 100 / (500 - 169)


def docs(results):
    ns = float(sh([str(WORK / "target" / "release" / "docs_time")]).stdout.strip())
    results["docs_1000_s"] = ns * 1e-9


def dotenv(results):
    """The .env guard: config-runtime/benches/dotenv.rs (70,001 lines), in its own target dir."""
    r = sh(["cargo", "bench", "-q", "-p", "envspec", "--bench", "dotenv"], cwd=SRC,
           env={"CARGO_TARGET_DIR": str(WORK / "target-src")})
    line = next(l for l in r.stdout.splitlines() if l.startswith("dotenv:"))
    lines, nbytes, lo, med, per = re.search(
        r"dotenv: (\d+) lines \((\d+) bytes\): min (\S+), median (\S+), (\d+) ns per line", line).groups()
    results["dotenv"] = {"lines": int(lines), "bytes": int(nbytes), "min_s": parse_duration(lo),
                         "median_s": parse_duration(med), "ns_per_line": int(per)}


def parse_duration(text):
    """A Rust `Duration` as `Debug` prints it: `12.3ms`, `850µs`, `1.2s`."""
    value, unit = re.fullmatch(r"([\d.]+)(ns|µs|us|ms|s)", text.strip()).groups()
    return float(value) * {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}[unit]


def machine():
    cpu = re.search(r"model name\s*:\s*(.*)", pathlib.Path("/proc/cpuinfo").read_text()).group(1).strip()
    mem = int(re.search(r"MemTotal:\s*(\d+) kB", pathlib.Path("/proc/meminfo").read_text()).group(1))
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(mem / 2**20, 1),
            "rustc": sh(["rustc", "-V"], cwd=ROOT).stdout.strip(),
            "valgrind": sh(["valgrind", "--version"], cwd=ROOT).stdout.strip(),
            "pinned_to": sorted(os.sched_getaffinity(0)), "nice": os.nice(0)}


def fmt_s(x):
    if x is None:
        return "–"
    if x == float("inf"):
        return f"> {LIMIT} s (stopped)"
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 1e-3:
        return f"{x * 1e3:.2f} ms"
    return f"{x * 1e6:.1f} µs"


def fmt_g(x):
    return "–" if x is None else f"{x / 1e9:.2f}G"


def report(r):
    m = r.get("machine", {})
    lines = [f"Machine: {m.get('nproc')} cores, {m.get('cpu')}, {m.get('ram_gib')} GiB RAM, {m.get('rustc')}, "
             f"{m.get('valgrind')}; pinned to CPU {m.get('pinned_to')}, nice {m.get('nice')}.",
             f"Sources: {r.get('src')} at {r.get('commit')}" + (" (uncommitted changes)" if r.get("dirty") else "") + "."]
    get = lambda key, lib, n: r.get(key, {}).get(lib, {}).get(str(n))
    cold = r.get("cold", {})
    # The table, N = 169 (and the N = 500 figures it keeps).
    head = [lib for lib in ORDER if lib in LIBS]
    lines.append("\n### Summary\n")
    lines.append("| figure | " + " | ".join(NAMES[l] for l in head) + " |")
    lines.append("| --- |" + " ---: |" * len(head))
    rows = [
        ("instructions per load (callgrind), N = 169", lambda l: f"{get('instructions', l, 169):,}" if get('instructions', l, 169) else "–"),
        ("instructions per load (callgrind), N = 500", lambda l: f"{get('instructions', l, 500):,}" if get('instructions', l, 500) else "–"),
        ("cold build of a bare crate using it, CPU s (crates)",
         lambda l: f"{cold[f'bare_{l}']['cpu']:.1f} ({cold[f'bare_{l}']['crates']})" if f"bare_{l}" in cold else "–"),
        ("touch rebuild, incremental, CPU s, N = 169", lambda l: f"{get('touch_incremental_cpu', l, 169):.2f}" if get('touch_incremental_cpu', l, 169) is not None else "–"),
        ("touch rebuild, non-incremental, rustc instructions, N = 169", lambda l: fmt_g(get('touch_no_incremental_instructions', l, 169))),
        ("release compile of the config crate, s, N = 169", lambda l: fmt_s(get('release_wall', l, 169))),
        ("release compile of the config crate, s, N = 500", lambda l: fmt_s(get('release_wall', l, 500))),
    ]
    for title, f in rows:
        lines.append(f"| {title} | " + " | ".join(f(l) for l in head) + " |")

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
            row = f"| {NAMES[lib]} | " + " | ".join(fmt(vals[str(n)]) if vals.get(str(n)) is not None else "–" for n in SIZES)
            if ratio:
                base = r[key].get(ratio, {})
                row += " | " + " | ".join(
                    f"{vals[str(n)] / base[str(n)]:.2f}×" if vals.get(str(n)) and base.get(str(n)) else "–" for n in SIZES)
            lines.append(row + " |")
    table("Instructions per load (callgrind)", "instructions", lambda x: f"{x:,}", ratio="floor")
    table("Heap allocations per load", "allocs", lambda x: f"{x:,}")
    table("Wall time per load (median of 15 rounds of 200 loads)", "load_s", fmt_s, ratio="floor")
    table("Touch rebuild, incremental (dev), CPU s (median of 5)", "touch_incremental_cpu", fmt_s, ratio="floor")
    table("Touch rebuild, incremental (dev), wall (median of 5)", "touch_incremental_wall", fmt_s)
    table("Touch rebuild, not incremental (dev), rustc instructions (callgrind)", "touch_no_incremental_instructions", fmt_g, ratio="floor")
    table("Touch rebuild, not incremental (dev), CPU s (median of 3)", "touch_no_incremental_cpu", fmt_s, ratio="floor")
    table("Release rebuild of the config crate, wall (one run)", "release_wall", fmt_s, ratio="floor")
    table("Release rebuild of the config crate, CPU s (one run)", "release_cpu", fmt_s)
    if "text_per_100" in r:
        lines.append("\n### Release `.text` of a binary that loads the config, and its growth per 100 variables\n")
        lines.append("| library | N = 50 | N = 169 | N = 500 | per 100 (50 → 169) | per 100 (169 → 500) |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for lib in LIBS:
            t, per = r["text"].get(lib, {}), r["text_per_100"].get(lib, {})
            cells = [f"{t[str(n)]:,} B" if str(n) in t else "–" for n in CODE_SIZES]
            cells += [f"{per[k]:,.0f} B" if k in per else "–" for k in ("50-169", "169-500")]
            lines.append(f"| {NAMES[lib]} | " + " | ".join(cells) + " |")
    if cold:
        lines.append("\n### Cold build of a bare crate (dev, fresh target dir, median of 3 by CPU)\n")
        lines.append("| crate | CPU s | wall | crates compiled | CPU s of the 3 runs |")
        lines.append("| --- | --- | --- | --- | --- |")
        for name, c in sorted(cold.items(), key=lambda kv: (not kv[0].startswith("bare_"), kv[0])):
            label = NAMES.get(name[5:], name) if name.startswith("bare_") else f"envspec, features: {name[5:]}"
            lines.append(f"| {label} | {c['cpu']:.2f} | {fmt_s(c['wall'])} | {c['crates']} | "
                         + ", ".join(f"{x:.2f}" for x in c["cpu_runs"]) + " |")
        units = r.get("cold_units", {})
        for lib in ("envconfig_rs", "envy"):
            mine = units.get(f"bare_{lib}")
            if mine:
                top = sorted(((t, u) for u, t in mine.items()), reverse=True)
                lines.append(f"\nUnits of the bare {NAMES[lib]} build (seconds, one core; sum {sum(t for t, _ in top):.1f} s): "
                             + ", ".join(f"{u} {t:.2f}" for t, u in top[:20]))
    if "docs_1000_s" in r:
        lines.append(f"\n### docs-gen\n\nEvery format (markdown, .env.example, JSON Schema, Kubernetes) for 1,000 variables: {fmt_s(r['docs_1000_s'])} (median of 21 runs).")
    if "dotenv" in r:
        d = r["dotenv"]
        lines.append(f"\n### .env parsing\n\nA load reading a .env file of {d['lines']:,} lines ({d['bytes']:,} bytes): "
                     f"median {fmt_s(d['median_s'])}, min {fmt_s(d['min_s'])}, {d['ns_per_line']} ns per line (15 loads).")
    if "workspace_build" in r:
        w = r["workspace_build"]
        lines.append("\nBenchmark workspace builds: " + ", ".join(f"{k} {fmt_s(v['wall'])} wall, {fmt_s(v['cpu'])} CPU" for k, v in w.items()) + ".")
    return "\n".join(lines) + "\n"


def main():
    skip = set(sys.argv[sys.argv.index("--skip") + 1].split(",")) if "--skip" in sys.argv else set()
    path = ROOT / "bench" / "results.json"
    results = json.loads(path.read_text()) if path.exists() and "--keep" in sys.argv else {}
    steps = [("build", build), ("load", load_times), ("callgrind", callgrind), ("size", sizes), ("docs", docs),
             ("compile", compile_times), ("cold", cold_builds), ("dotenv", dotenv)]
    meta = {"machine": machine(), "src": CONF["src"], "commit": CONF["commit"], "dirty": CONF["dirty"],
            "libs": LIBS}
    for name, step in steps:
        if name in skip:
            continue
        print(f"== {name} ({time.strftime('%H:%M:%S')})", flush=True)
        fresh = {}
        step(fresh)
        if "--keep" in sys.argv and path.exists():
            # Merge into what is on disk now, so that steps run by separate invocations keep
            # each other's figures.
            results = json.loads(path.read_text())
        results.update(fresh)
        results.update(meta)
        path.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    results.update(meta)
    text = report(results)
    (ROOT / "bench" / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
