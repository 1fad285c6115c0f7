#!/usr/bin/env bash
# Runs every fuzz target (or the TARGETs named) for SECONDS each (default 600) and prints one
# line per target. Usage: fuzz/run.sh [SECONDS] [TARGET...]
# Works on the stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags, and
# `--sanitizer none` avoids the sanitizers that need a nightly standard library.
# Install the fuzzer with `cargo install cargo-fuzz`.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
shift || true
export RUSTC_BOOTSTRAP=1
cargo fuzz build --sanitizer none -O
targets="${*:-$(cargo fuzz list)}"
for target in $targets; do
    mkdir -p "corpus/$target"
    log="$(mktemp)"
    if cargo fuzz run "$target" --sanitizer none -O "corpus/$target" -- -max_total_time="$seconds" >"$log" 2>&1; then
        runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 || true)
        echo "$target: ok, ${seconds}s, ${runs:-no summary}"
    else
        echo "$target: FAILED after at most ${seconds}s; see $log and fuzz/artifacts/$target"
        tail -n 30 "$log"
        exit 1
    fi
done
