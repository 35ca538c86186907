#!/usr/bin/env bash
# Times countcast, R MASS::glm.nb and statsmodels NegativeBinomial (bfgs, its default, and newton)
# on the same CSV (200,000 rows x 12 columns) and prints two comparison tables: the fit alone,
# and the whole process a user waits for (start-up, reading the CSV, the fit, printing it).
#
#   scripts/bench/compare.sh [ROUNDS] [--only fit|whole]     # ROUNDS default 3
#
# Fit alone: each round runs every tool once (1+ warm-up and 5 timed fits, each tool in a fresh
# process); the table shows the median over rounds of each round's median fit time.
# Whole process: each round starts every tool once for one fit (bin/countcast fit, Rscript
# whole-r.R, python3 whole-statsmodels.py), timed from outside (wall, and user + system CPU of
# all its threads); the table shows the median over rounds.
# Tools are interleaved within a round, so load changes hit them all alike; the load average is
# printed before and after. Raw JSON per round is kept in target/bench/compare/.
#
# Needs: Java 17 (the jar and its class-data archive are built if missing), Rscript with MASS
# and jsonlite, /usr/bin/python3 with pandas and statsmodels. On Debian:
#   apt-get install r-base-core r-cran-mass r-cran-jsonlite python3-statsmodels
set -euo pipefail

runs=3
only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    *) runs="$1"; shift ;;
  esac
done
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
data=target/bench/nb2_200k.csv
out=target/bench/compare
mkdir -p "$out"
rm -f "$out"/*.json

missing=""
command -v Rscript > /dev/null || missing="$missing r-base-core r-cran-mass r-cran-jsonlite"
Rscript -e 'library(MASS); library(jsonlite)' > /dev/null 2>&1 \
  || missing="$missing r-cran-mass r-cran-jsonlite"
/usr/bin/python3 -c 'import pandas, statsmodels' 2> /dev/null || missing="$missing python3-statsmodels"
if [[ -n "$missing" ]]; then
  echo "compare.sh: missing tools; on Debian: apt-get install$missing" >&2
  exit 1
fi
if [[ ! -f "$data" ]]; then
  Rscript scripts/bench/make-bench-data.R
fi
if [[ ! -f target/countcast.jar ]]; then
  ./mvnw -B -q package -DskipTests
fi
timed() { /usr/bin/python3 scripts/bench/time-process.py "$@"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$runs"); do
  echo "round $round/$runs ..." >&2
  if [[ "$only" != fit ]]; then
    timed countcast -- bin/countcast fit --data "$data" --formula "y ~ ." > "$out/whole-countcast-$round.json"
    timed r -- Rscript scripts/bench/whole-r.R "$data" > "$out/whole-r-$round.json"
    timed statsmodels-bfgs -- /usr/bin/python3 scripts/bench/whole-statsmodels.py "$data" bfgs \
      > "$out/whole-statsmodels-bfgs-$round.json"
    timed statsmodels-newton -- /usr/bin/python3 scripts/bench/whole-statsmodels.py "$data" newton \
      > "$out/whole-statsmodels-newton-$round.json"
  fi
  if [[ "$only" != whole ]]; then
    Rscript scripts/bench/bench-r.R "$data" > "$out/r-$round.json"
    /usr/bin/python3 scripts/bench/bench-statsmodels.py "$data" > "$out/statsmodels-bfgs-$round.json"
    /usr/bin/python3 scripts/bench/bench-statsmodels.py "$data" --method newton \
      > "$out/statsmodels-newton-$round.json"
    bin/countcast bench --data "$data" --formula "y ~ ." --warmup 3 --repeats 5 \
      --reference "$out/r-$round.json" --json > "$out/countcast-$round.json"
  fi
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 scripts/bench/summarize.py "$out"
