#!/usr/bin/env bash
# The README's test command: installs what the tests need (Debian packages, the locally built
# Kubernetes control plane, Maven dependencies) and runs every test layer.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/install-deps.sh
./mvnw -B -ntp verify "$@"
echo "test.sh: finished in $(( $(date +%s) - start ))s" >&2
