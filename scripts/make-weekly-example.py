#!/usr/bin/env python3
"""Writes examples/data/weekly-outbreaks.csv: 208 weeks of simulated surveillance-style counts.

The baseline follows the Noufaily et al. (2013) simulation design: negative binomial counts
with mean exp(a + b*t + c*cos(2*pi*t/52) + d*sin(2*pi*t/52)) and variance mu*phi (phi = 1.5,
an NB1-like overdispersion, drawn as a gamma-Poisson mixture). Four outbreaks are added, each
with k*sd(baseline) cases (k = 4..8) spread over 3-6 weeks by a lognormal onset curve; weeks
with outbreak cases have outbreak=1. Standard library only, fixed seed, so the file is
reproducible: python3 scripts/make-weekly-example.py > examples/data/weekly-outbreaks.csv
"""
import math
import random

rng = random.Random(20261207)
weeks = 208
a, b, c, d, phi = math.log(12), 0.0015, 0.6, 0.3, 1.5


def nb(mu):
    # variance mu*phi: gamma shape mu/(phi-1), scale phi-1, then Poisson
    lam = rng.gammavariate(mu / (phi - 1), phi - 1)
    return poisson(lam)


def poisson(lam):
    # Knuth's method: fine for the means here (below 60)
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


mu = [math.exp(a + b * t + c * math.cos(2 * math.pi * t / 52) + d * math.sin(2 * math.pi * t / 52))
      for t in range(weeks)]
counts = [nb(m) for m in mu]
label = [0] * weeks
for start, k in ((70, 5), (121, 8), (160, 4), (190, 6)):
    cases = poisson(k * math.sqrt(mu[start] * phi))
    for _ in range(cases):
        w = start + int(rng.lognormvariate(0, 0.5))
        if w < weeks:
            counts[w] += 1
            label[w] = 1
print("week,count,outbreak")
for t in range(weeks):
    print(f"{t},{counts[t]},{label[t]}")
