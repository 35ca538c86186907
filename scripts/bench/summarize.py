#!/usr/bin/python3
"""Prints the comparison tables for the JSON files scripts/bench/compare.sh writes.

    /usr/bin/python3 scripts/bench/summarize.py target/bench/compare

Fit alone, per tool: the median over rounds of each round's median fit wall and CPU time, the
speed-up of countcast over the tool (its time / countcast's), and the largest |b - b_R| / |b_R|
over the 12 coefficients against R's fit of the same round. Whole process, per tool: the median
over rounds of the process's wall and CPU time, and the same speed-ups.
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
    for path in glob.glob(os.path.join(folder, prefix + "-*.json")):
        with open(path) as f:
            runs.append((path.rsplit("-", 1)[1].split(".")[0], json.load(f)))
    return sorted(runs, key=lambda run: int(run[0]))


def times(result):
    """(wall s, CPU s) medians of one run, whatever unit the tool wrote."""
    if "fitMillisMedian" in result:
        return result["fitMillisMedian"] / 1e3, result["fitCpuMillisMedian"] / 1e3
    return result["fitSecondsMedian"], result["fitCpuSecondsMedian"]


def max_rel_diff(result, reference):
    coefficients = {STATSMODELS_TO_R.get(k, k): v for k, v in result["coefficients"].items()}
    want = reference["coefficients"]
    return max(abs(coefficients[k] - v) / abs(v) for k, v in want.items())


def whole_process(folder):
    rows = []
    for prefix, label in TOOLS:
        runs = load(folder, "whole-" + prefix)
        if runs:
            rows.append((label, len(runs), statistics.median(r["wallSeconds"] for _, r in runs),
                         statistics.median(r["cpuSeconds"] for _, r in runs),
                         [r["wallSeconds"] for _, r in runs]))
    if not rows or rows[0][0] != TOOLS[0][1]:
        return
    ours = rows[0]
    print("Whole process (start, read the CSV, fit, print), one process per round:")
    print(f"{'tool':38} {'rounds':>6} {'wall s':>8} {'CPU s':>8} {'x wall':>7} {'x CPU':>7}"
          "  wall s per round")
    for label, n, wall, cpu, walls in rows:
        print(f"{label:38} {n:6d} {wall:8.3f} {cpu:8.3f} {wall / ours[2]:7.1f} {cpu / ours[3]:7.1f}"
              f"  {' '.join(f'{w:.2f}' for w in walls)}")
    print()


def main():
    folder = sys.argv[1]
    whole_process(folder)
    reference = dict(load(folder, "r"))
    if not reference:
        return
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
    print("Fit alone (data in memory, warm), median of each round's 5 timed fits:")
    print(f"{'tool':38} {'rounds':>6} {'wall s':>8} {'CPU s':>8} {'x wall':>7} {'x CPU':>7}"
          f" {'max|db|/|b| vs R':>17}")
    for label, n, wall, cpu, diff in rows:
        print(f"{label:38} {n:6d} {wall:8.3f} {cpu:8.3f} {wall / ours[2]:7.1f} {cpu / ours[3]:7.1f}"
              f" {diff:17.1e}")
    print("x wall, x CPU: the tool's median time divided by countcast's (how many times faster"
          " countcast is).")


if __name__ == "__main__":
    main()
