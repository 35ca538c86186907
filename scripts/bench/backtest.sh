#!/usr/bin/env bash
# Times whole `countcast backtest` processes from a cold start (a new JVM each run) against R's
# MASS::glm.nb on the same folds (scripts/bench/backtest-r.R), with hyperfine (Debian package
# `hyperfine`; falls back to a loop with /usr/bin/time). Prints the load average before and
# after, because the machine may be shared.
#
#   scripts/bench/backtest.sh [RUNS] [NAB_SERIES]
#
# Cases (docs/backtest.md, "Speed"):
#   nab    one NAB series: 5-minute windows, train 7 d, horizon 1 h, a new origin daily,
#          daily and weekly terms (goal: 3 s)
#   weekly examples/data/weekly-outbreaks.csv: 208 weeks, --period 52, train 104 rows,
#          horizon 4, step 1 (goal: 2 s)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
runs="${1:-5}"
nab="${2:-../shared/data/nab/Twitter_volume_AAPL.csv}"
[[ -f target/countcast.jar ]] || ./mvnw -q -B package -DskipTests
out=target/bench
mkdir -p "$out"

cc="bin/countcast backtest"
nab_cc="$cc --series $nab --window 5m --train 7d --horizon 1h --step 1d --seasonality daily,weekly --json"
weekly_cc="$cc --series examples/data/weekly-outbreaks.csv --value-column count --period 52 --train 104 --horizon 4 --step 1 --json"
nab_r="Rscript scripts/bench/backtest-r.R nab $nab"
weekly_r="Rscript scripts/bench/backtest-r.R weekly examples/data/weekly-outbreaks.csv"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) processors"
# one run of each for the scores (and to warm the page cache)
$nab_cc > "$out/nab.json"
$weekly_cc > "$out/weekly.json"
$nab_r
$weekly_r
if command -v hyperfine > /dev/null; then
  hyperfine --style basic --warmup 1 --runs "$runs" --export-markdown "$out/backtest.md" \
    -n "countcast nab" "$nab_cc > /dev/null" \
    -n "R glm.nb nab" "$nab_r > /dev/null" \
    -n "countcast weekly" "$weekly_cc > /dev/null" \
    -n "R glm.nb weekly" "$weekly_r > /dev/null"
  cat "$out/backtest.md"
else
  for name in nab_cc nab_r weekly_cc weekly_r; do
    for _ in $(seq "$runs"); do
      /usr/bin/time -f "$name %e s wall, %U s user" bash -c "${!name} > /dev/null"
    done
  done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
