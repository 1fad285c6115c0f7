#!/usr/bin/env bash
# Installs the programs that read our generated files, so tests can check the files with
# them: python-dotenv and PyYAML (PyPI), Node's dotenv and Ajv with ajv-formats (npm). Into
# .ci/readers (ignored by git); prints the directory. Safe to run again: it installs only
# what is missing.
set -euo pipefail
cd "$(dirname "$0")"
dir="$PWD/readers"
mkdir -p "$dir/python" "$dir/node"
if [ ! -d "$dir/python/dotenv" ] || [ ! -d "$dir/python/yaml" ]; then
    python3 -m pip install --quiet --disable-pip-version-check --target "$dir/python" \
        "python-dotenv==1.0.1" "PyYAML==6.0.2" >&2
fi
if [ ! -d "$dir/node/node_modules/dotenv" ] || [ ! -d "$dir/node/node_modules/ajv-formats" ]; then
    npm install --silent --no-audit --no-fund --prefix "$dir/node" \
        "dotenv@16.4.5" "ajv@8.17.1" "ajv-formats@3.0.1" >&2
fi
echo "$dir"
