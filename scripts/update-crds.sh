#!/usr/bin/env bash
# Regenerates the CountForecast CRD from the io.countcast.api classes (crd-generator-maven-plugin,
# process-classes phase) and refreshes the checked-in copies that CrdDriftTest compares with it.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q process-classes

generated=target/classes/META-INF/fabric8/countforecasts.countcast.io-v1.yml
for copy in crds/countforecasts.countcast.io-v1.yml \
            charts/countcast/crds/countforecasts.countcast.io-v1.yml; do
  mkdir -p "$(dirname "$copy")"
  cp "$generated" "$copy"
  echo "updated $copy"
done
