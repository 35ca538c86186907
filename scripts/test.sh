#!/usr/bin/env bash
# The README's test command: installs what the tests need (Debian packages, the locally built
# Kubernetes control plane, Maven dependencies) and runs every test layer.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/install-deps.sh
# Profile image builds target/countcast-image.tar (Jib, on the cached base of scripts/image.sh)
# in the package phase, so the node test (NodeIT, after package) runs the image of this build.
base="$(scripts/image.sh base)"
./mvnw -B -ntp -Pimage "-Dcountcast.image.base=tar://$base" -Djib.disableUpdateChecks=true verify "$@"
echo "test.sh: finished in $(( $(date +%s) - start ))s" >&2
