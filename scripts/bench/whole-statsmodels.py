#!/usr/bin/python3
"""The whole Python process a user waits for: start, import pandas and statsmodels, read the
CSV, fit NB2 with the formula API, print the summary.

    /usr/bin/python3 scripts/bench/whole-statsmodels.py target/bench/nb2_200k.csv [bfgs|newton]

The formula interface (patsy) builds the same design as R's y ~ . (f treatment-coded, reference
'a'); bfgs is statsmodels' default optimiser, maxiter raised so that it converges.
"""
import sys

import pandas as pd
import statsmodels.formula.api as smf

data = pd.read_csv(sys.argv[1])
method = sys.argv[2] if len(sys.argv) > 2 else "bfgs"
formula = "y ~ " + " + ".join(c for c in data.columns if c != "y")
result = smf.negativebinomial(formula, data).fit(method=method, maxiter=1000, disp=0)
print(result.summary())
