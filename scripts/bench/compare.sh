#!/usr/bin/env bash
# Times countcast, R MASS::glm.nb and statsmodels NegativeBinomial (bfgs, its default, and newton)
# on the same CSV (200,000 rows x 12 columns) and prints one comparison table.
#
#   scripts/bench/compare.sh [RUNS]        # RUNS rounds (default 3), tools interleaved per round
#
# Each round runs every tool once (1+ warm-up and 5 timed fits, each in a fresh process); the
# table shows, per tool, the median over rounds of each round's median fit time. Raw JSON per
# round is kept in target/bench/compare/. Needs Rscript (MASS, jsonlite), /usr/bin/python3 with
# statsmodels, and Java 17.
set -euo pipefail

runs="${1:-3}"
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
data=target/bench/nb2_200k.csv
out=target/bench/compare
mkdir -p "$out"
rm -f "$out"/*.json

if [[ ! -f "$data" ]]; then
  Rscript scripts/bench/make-bench-data.R
fi
if [[ ! -f target/countcast.jar ]]; then
  ./mvnw -B -q package -DskipTests
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$runs"); do
  echo "round $round/$runs ..." >&2
  Rscript scripts/bench/bench-r.R "$data" > "$out/r-$round.json"
  /usr/bin/python3 scripts/bench/bench-statsmodels.py "$data" > "$out/statsmodels-bfgs-$round.json"
  /usr/bin/python3 scripts/bench/bench-statsmodels.py "$data" --method newton \
    > "$out/statsmodels-newton-$round.json"
  bin/countcast bench --data "$data" --formula "y ~ ." --warmup 3 --repeats 5 \
    --reference "$out/r-$round.json" --json > "$out/countcast-$round.json"
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 scripts/bench/summarize.py "$out"
