#!/usr/bin/env python3
"""Writes examples/data/checkout-errors.csv: two weeks of hourly 5xx counts of a web service.

The counts are negative binomial (NB2, theta = 3) around a daily cycle, scaled by the request
volume (the exposure), with a weekend dip. Deterministic (fixed seed); standard library only.
Re-run it to regenerate the committed file: python3 scripts/make-example-data.py
"""
import math
import random
from pathlib import Path

THETA = 3.0
random.seed(20261126)


def nb2(mean):
    # Gamma-Poisson mixture: lambda ~ Gamma(theta, mean/theta), y ~ Poisson(lambda).
    lam = random.gammavariate(THETA, mean / THETA)
    # Knuth's method is fine for the small means here.
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= random.random()
        if p <= limit:
            return k
        k += 1


rows = ["hour,weekday,weekend,requests,errors"]
for t in range(14 * 24):
    hour = t % 24
    weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[(t // 24) % 7]
    weekend = 1 if weekday in ("sat", "sun") else 0
    daily = math.sin(2 * math.pi * hour / 24), math.cos(2 * math.pi * hour / 24)
    requests = round(20000 * math.exp(0.6 * daily[0] - 0.3 * daily[1] - 0.4 * weekend))
    rate = math.exp(-8.0 + 0.5 * daily[0] + 0.2 * daily[1])
    rows.append(f"{hour},{weekday},{weekend},{requests},{nb2(requests * rate)}")

out = Path(__file__).resolve().parent.parent / "examples" / "data" / "checkout-errors.csv"
out.write_text("\n".join(rows) + "\n")
print(f"wrote {out} ({len(rows) - 1} rows)")
