#!/usr/bin/env bash
# The README's run command. Until the operator demo lands (issue 6), it shows the engine on a
# bundled example: two weeks of hourly 5xx counts with request volume as exposure
# (examples/data/checkout-errors.csv, made by scripts/make-example-data.py).
# It fits every family, lets AIC choose, then forecasts the next day with 90% predictive
# intervals and the probability of more than 20 errors in an hour.
set -euo pipefail
cd "$(dirname "$0")/.."

formula="errors ~ sin(2*pi*hour/24) + cos(2*pi*hour/24) + weekend + offset(log(requests))"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== countcast fit --family auto (training data: examples/data/checkout-errors.csv)"
bin/countcast fit --data examples/data/checkout-errors.csv --formula "$formula" \
  --family auto --save-model "$work/model.json"

# Tomorrow is a Monday with the same request profile as the first day of the data.
head -25 examples/data/checkout-errors.csv > "$work/tomorrow.csv"
echo
echo "== countcast predict: tomorrow, per hour, 90% predictive interval and P(errors > 20)"
bin/countcast predict --model "$work/model.json" --data "$work/tomorrow.csv" --level 0.9 --exceed 20
