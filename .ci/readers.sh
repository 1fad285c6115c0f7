#!/usr/bin/env bash
# Installs the programs that read our generated files, so tests can check the files with
# them: python-dotenv and PyYAML (PyPI; tomli too on a Python without tomllib), Node's
# dotenv, Ajv with ajv-formats and playwright-core (npm) into .ci/readers (ignored by git),
# and Debian's Chromium. Prints the directory. Safe to run again: it installs only what is
# missing.
set -euo pipefail
cd "$(dirname "$0")"
dir="$PWD/readers"
mkdir -p "$dir/python" "$dir/node"
if [ ! -d "$dir/python/dotenv" ] || [ ! -d "$dir/python/yaml" ]; then
    python3 -m pip install --quiet --disable-pip-version-check --target "$dir/python" \
        "python-dotenv==1.0.1" "PyYAML==6.0.2" >&2
fi
# A TOML reader for config.example.toml: the standard library's tomllib (Python 3.11+), or
# tomli, the same parser, on an older Python.
if ! python3 -c 'import tomllib' 2>/dev/null && [ ! -d "$dir/python/tomli" ]; then
    python3 -m pip install --quiet --disable-pip-version-check --target "$dir/python" "tomli==2.0.1" >&2
fi
if [ ! -d "$dir/node/node_modules/dotenv" ] || [ ! -d "$dir/node/node_modules/ajv-formats" ] \
    || [ ! -d "$dir/node/node_modules/playwright-core" ]; then
    npm install --silent --no-audit --no-fund --prefix "$dir/node" \
        "dotenv@16.4.5" "ajv@8.17.1" "ajv-formats@3.0.1" "playwright-core@1.49.1" >&2
fi
# Debian's Chromium, which playwright-core drives (it cannot download its own browser here).
if ! command -v chromium >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
fi
echo "$dir"
