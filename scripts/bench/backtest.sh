#!/usr/bin/env bash
# Times whole `countcast backtest` processes from a cold start (a new JVM each run) against R's
# MASS::glm.nb on the same folds (scripts/bench/backtest-r.R): with hyperfine when it is
# installed (Debian package `hyperfine`), and always RUNS more runs of each under /usr/bin/time
# with their CPU time (user + sys) and the 1-minute load average beside each. R's side is
# skipped when Rscript is missing. Prints the load average before and after, because the
# machine may be shared.
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

have_r=true
command -v Rscript > /dev/null || have_r=false
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) processors"
# one run of each for the scores (and to warm the page cache)
$nab_cc > "$out/nab.json"
$weekly_cc > "$out/weekly.json"
if $have_r; then
  $nab_r
  $weekly_r
else
  echo "Rscript not found: R's side is skipped (docs/backtest.md keeps its last measured numbers;"
  echo "apt-get install r-base-core r-cran-mass to rerun it)"
fi
cases=(nab_cc weekly_cc)
$have_r && cases=(nab_cc nab_r weekly_cc weekly_r)
if command -v hyperfine > /dev/null; then
  args=()
  for name in "${cases[@]}"; do args+=(-n "$name" "${!name} > /dev/null"); done
  hyperfine --style basic --warmup 1 --runs "$runs" --export-markdown "$out/backtest.md" "${args[@]}"
  cat "$out/backtest.md"
fi
# Every run once more with its CPU time (user + system, all threads) and the load average beside
# it: on a shared machine the wall time is mostly waiting for a core, the CPU time much less so.
for name in "${cases[@]}"; do
  for _ in $(seq "$runs"); do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f "$name %e s wall, %U s user + %S s sys, load $load" \
      bash -c "${!name} > /dev/null"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
