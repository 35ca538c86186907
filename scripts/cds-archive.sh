#!/usr/bin/env bash
# Builds target/countcast.jsa, the class-data-sharing (AppCDS) archive that bin/countcast starts
# the JVM with, so that a CLI run maps its ~1,900 classes (JDK, picocli, commons-math, ours)
# already parsed and verified instead of loading them from the jar. Maven runs this in the
# package phase, right after the shaded jar is built:
#
#   scripts/cds-archive.sh [JAR]        (default target/countcast.jar; writes JAR's .jsa beside it)
#
# How: short training runs of every CLI command write the classes they load
# (-XX:DumpLoadedClassList), then -Xshare:dump writes a static archive of that list. A static
# archive, not Java 17's dynamic one (-XX:ArchiveClassesAtExit): picocli and commons-math3 are
# compiled for Java 5, and only the static archive takes such classes. The archive belongs to
# this jar (path, size and time) and to this JVM build; with any other, bin/countcast's JVM runs
# without it, just slower to start. A training run that fails (a command's options changed) only
# leaves its classes out; the archive is still written.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${1:-$root/target/countcast.jar}"
jar="$(cd -P "$(dirname "$jar")" && pwd)/$(basename "$jar")"
archive="${jar%.jar}.jsa"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A 9-day series of 5-minute counts for backtest (deterministic; values do not matter).
awk 'BEGIN { print "timestamp,value"; for (i = 0; i < 2592; i++) print 1700000000 + 300 * i "," (i * 7919) % 13 }' \
  > "$work/series.csv"
quine="$root/src/test/resources/fixtures/quine_nb2/data.csv"
# A 60,000-row CSV of about 4 MB with a factor: big enough that fit reads it in parallel chunks
# and runs its row passes on two threads, so those classes (threads, the fork-join pool, their
# lambdas) are in the archive too (values do not matter; awk's rand() is seeded, so the file is
# the same every build).
awk 'BEGIN { srand(19); print "y,x1,x2,x3,x4,x5,x6,g"
  for (i = 0; i < 60000; i++) {
    line = int(rand() * rand() * 12)
    for (k = 0; k < 6; k++) line = line sprintf(",%.6f", rand() * 2 - 1)
    print line "," substr("abcd", 1 + int(rand() * 4), 1)
  } }' > "$work/large.csv"

n=0
train() {
  n=$((n + 1))
  "$java" -XX:DumpLoadedClassList="$work/$n.classlist" -cp "$jar" io.countcast.cli.CountcastCli "$@" \
    > /dev/null 2>&1 || echo "cds-archive: training run '$*' failed; its classes are left out" >&2
}
train fit --data "$quine" --formula "Days ~ Sex/(Age + Eth*Lrn)" --save-model "$work/model.json"
train fit --data "$quine" --formula "Days ~ Sex/(Age + Eth*Lrn)" --family auto --json
train fit --data "$work/large.csv" --formula "y ~ ."
train predict --model "$work/model.json" --data "$quine" --json
train backtest --series "$work/series.csv"
train bench --rows 20000 --warmup 0 --repeats 1
train --help

# One list, each class once, in first-loaded order.
cat "$work"/*.classlist | awk '/^#/ || !seen[$0]++' > "$work/all.classlist"
rm -f "$archive"
if ! "$java" -Xshare:dump -XX:SharedClassListFile="$work/all.classlist" \
    -XX:SharedArchiveFile="$archive" -cp "$jar" > "$work/dump.log" 2>&1; then
  echo "cds-archive: -Xshare:dump failed (bin/countcast runs without the archive):" >&2
  tail -5 "$work/dump.log" >&2
  exit 0
fi
echo "cds-archive: wrote $archive ($(grep -vc '^#' "$work/all.classlist") classes listed)"
