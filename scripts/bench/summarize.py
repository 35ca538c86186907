#!/usr/bin/python3
"""Prints the comparison table for the JSON files scripts/bench/compare.sh writes.

    /usr/bin/python3 scripts/bench/summarize.py target/bench/compare

Per tool: the median over rounds of each round's median fit wall and CPU time, the speed-up of
countcast over the tool (its time / countcast's), and the largest |b - b_R| / |b_R| over the 12
coefficients against R's fit of the same round.
"""
import glob
import json
import os
import statistics
import sys

# statsmodels names its columns after the pandas design; R's are the reference.
STATSMODELS_TO_R = {"const": "(Intercept)", "f_b": "fb", "f_c": "fc", "f_d": "fd"}
TOOLS = [("countcast", "countcast nb2"), ("r", "R MASS::glm.nb"),
         ("statsmodels-bfgs", "statsmodels NegativeBinomial bfgs"),
         ("statsmodels-newton", "statsmodels NegativeBinomial newton")]


def load(folder, prefix):
    runs = []
    for path in sorted(glob.glob(os.path.join(folder, prefix + "-*.json"))):
        with open(path) as f:
            runs.append((path.rsplit("-", 1)[1].split(".")[0], json.load(f)))
    return runs


def times(result):
    """(wall s, CPU s) medians of one run, whatever unit the tool wrote."""
    if "fitMillisMedian" in result:
        return result["fitMillisMedian"] / 1e3, result["fitCpuMillisMedian"] / 1e3
    return result["fitSecondsMedian"], result["fitCpuSecondsMedian"]


def max_rel_diff(result, reference):
    coefficients = {STATSMODELS_TO_R.get(k, k): v for k, v in result["coefficients"].items()}
    want = reference["coefficients"]
    return max(abs(coefficients[k] - v) / abs(v) for k, v in want.items())


def main():
    folder = sys.argv[1]
    reference = dict(load(folder, "r"))
    rows = []
    for prefix, label in TOOLS:
        runs = load(folder, prefix)
        if not runs:
            continue
        wall = statistics.median(times(r)[0] for _, r in runs)
        cpu = statistics.median(times(r)[1] for _, r in runs)
        diff = max(max_rel_diff(r, reference[k]) for k, r in runs) if prefix != "r" else 0.0
        rows.append((label, len(runs), wall, cpu, diff))
    ours = rows[0]
    print(f"{'tool':38} {'rounds':>6} {'wall s':>8} {'CPU s':>8} {'x wall':>7} {'x CPU':>7}"
          f" {'max|db|/|b| vs R':>17}")
    for label, n, wall, cpu, diff in rows:
        print(f"{label:38} {n:6d} {wall:8.3f} {cpu:8.3f} {wall / ours[2]:7.1f} {cpu / ours[3]:7.1f}"
              f" {diff:17.1e}")
    print("x wall, x CPU: the tool's median time divided by countcast's (how many times faster"
          " countcast is).")


if __name__ == "__main__":
    main()
