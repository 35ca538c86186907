# Writes the deterministic NB2 benchmark data set (200,000 rows; y, x1..x8, f).
#
#   Rscript scripts/bench/make-bench-data.R [OUT]     (default target/bench/nb2_200k.csv)
#
# Truth: log mu = 1.5 + x'b + f effect, theta = 2 (Var = mu + mu^2/2), so mean counts are
# mostly 1-20. Covariates are rounded to 6 decimals so the CSV text is exact: every reader
# (R, pandas, Java) parses the same doubles.
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else file.path("target", "bench", "nb2_200k.csv")
dir.create(dirname(out), recursive = TRUE, showWarnings = FALSE)

set.seed(200000)
n <- 200000
X <- matrix(round(rnorm(n * 8), 6), n, 8, dimnames = list(NULL, paste0("x", 1:8)))
beta <- c(0.15, -0.10, 0.20, 0.05, -0.12, 0.08, 0.10, -0.05)
f <- sample(c("a", "b", "c", "d"), n, replace = TRUE)
f_effect <- c(a = 0, b = 0.3, c = -0.2, d = 0.5)
mu <- exp(1.5 + drop(X %*% beta) + f_effect[f])
y <- rnbinom(n, size = 2, mu = mu)

cols <- c(list(y = as.character(y)), lapply(seq_len(8), function(j) sprintf("%.6f", X[, j])),
          list(f = f))
lines <- c(paste(c("y", colnames(X), "f"), collapse = ","), do.call(paste, c(unname(cols), sep = ",")))
writeLines(lines, out)
cat(sprintf("wrote %s: %d rows, mean y %.3f, median mu %.3f, 5%%-95%% mu %.2f-%.2f\n",
            out, n, mean(y), median(mu), quantile(mu, 0.05), quantile(mu, 0.95)))
