#!/usr/bin/env bash
# Reproduces every figure of BENCHMARKS.md on a fresh clone: generates the benchmark
# workspace (bench/work, not committed), builds it, runs each measurement and writes
# bench/results.md and bench/results.json. Needs valgrind (callgrind) and binutils (size).
# On the reference machine (2 cores) the measurements take about 55 minutes once the
# benchmark workspace is built; its first release build takes about an hour more (the
# 500-variable clap and figment crates take minutes each). Pin it to one core for steadier
# wall times: `taskset -c 1 bench/run.sh`. Pass `--skip cold,compile` to skip steps.
set -euo pipefail
cd "$(dirname "$0")"
python3 gen.py 50 169 500
python3 measure.py "$@"
