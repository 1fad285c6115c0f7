#!/usr/bin/env bash
# Reproduces every figure of BENCHMARKS.md on a fresh clone: generates the benchmark
# workspace (bench/work, not committed), builds it, runs each measurement and writes
# bench/results.md and bench/results.json. Needs valgrind (callgrind) and binutils (size).
# Takes about 30-40 minutes on 2 cores. Pass `--skip cold,compile` to skip steps.
set -euo pipefail
cd "$(dirname "$0")"
python3 gen.py 50 169 500
python3 measure.py "$@"
