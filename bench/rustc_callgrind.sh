#!/bin/sh
# RUSTC_WRAPPER for measure.py: when cargo compiles the crate named by BENCH_CALLGRIND_CRATE,
# runs that rustc under callgrind and writes valgrind's log (with "Collected : <instructions>",
# every thread of rustc counted) to BENCH_CALLGRIND_LOG. Every other invocation runs rustc as is.
rustc="$1"
shift
case " $* " in
*" --crate-name $BENCH_CALLGRIND_CRATE "*)
    exec valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file="$BENCH_CALLGRIND_LOG" "$rustc" "$@"
    ;;
esac
exec "$rustc" "$@"
