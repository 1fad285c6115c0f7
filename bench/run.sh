#!/usr/bin/env bash
# Reproduces every figure of BENCHMARKS.md: generates the benchmark workspace (bench/work, not
# committed), builds it, runs each measurement of measure.py and writes bench/results.md and
# bench/results.json, all in one run. Needs valgrind (callgrind; also run on rustc for the
# rustc instruction counts) and binutils (size).
#
#   bench/run.sh                        floor, EnvConfig, envy, envconfig at 50, 169 and 500
#   bench/run.sh --all                  also figment, confique and clap (an hour more: their
#                                       500-variable crates take minutes each to build)
#   bench/run.sh --commit REV           measure the crates of commit REV (a git worktree in
#                                       $BENCH_SRC_DIR, default /tmp/envspec-bench-src), not
#                                       this checkout's working tree
#   bench/run.sh --skip cold,compile    any other option goes to measure.py
#
# The whole run is pinned to one core (BENCH_CPU, default 1) for steadier figures. On the
# reference machine (2 cores) it takes about 90 minutes from nothing built; run it in the
# background, as in `nohup nice -n 10 bench/run.sh > bench/work/run.log 2>&1 &`.
set -euo pipefail
cd "$(dirname "$0")"
gen=()
measure=()
while [ $# -gt 0 ]; do
    case "$1" in
    --all) gen+=(--all) ;;
    --commit)
        # Outside bench/work: a path dependency under the benchmark workspace's directory would
        # become one of its members.
        src="${BENCH_SRC_DIR:-${TMPDIR:-/tmp}/envspec-bench-src}"
        git worktree remove --force "$src" 2>/dev/null || rm -rf "$src"
        git worktree prune
        git worktree add -q --detach "$src" "$2"
        export BENCH_SRC="$src"
        shift
        ;;
    *) measure+=("$1") ;;
    esac
    shift
done
cpu="${BENCH_CPU:-1}"
taskset -c "$cpu" python3 gen.py "${gen[@]}" 50 169 500
taskset -c "$cpu" python3 measure.py "${measure[@]}"
