# Times MASS::glm.nb on the benchmark CSV: 1 warm-up + 5 timed fits, reports the median.
#
#   Rscript scripts/bench/bench-r.R target/bench/nb2_200k.csv
#
# Prints one JSON object on stdout (15 significant digits, jsonlite's maximum).
suppressPackageStartupMessages({
  library(MASS)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: bench-r.R FILE")
file <- args[1]

classes <- c(y = "integer", setNames(rep("numeric", 8), paste0("x", 1:8)), f = "character")
read_time <- system.time(d <- read.csv(file, colClasses = classes))[["elapsed"]]
d$f <- factor(d$f, levels = c("a", "b", "c", "d"))

formula <- y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + f
# Wall time is what a user waits; CPU time (user + system) is reported too because the
# benchmark machine is shared and wall time then includes waiting for a core.
fit_once <- function() {
  t <- system.time(fit <- glm.nb(formula, data = d))
  list(fit = fit, seconds = t[["elapsed"]], cpu = t[["user.self"]] + t[["sys.self"]])
}
warm <- fit_once()
timed <- replicate(5, fit_once(), simplify = FALSE)
seconds <- vapply(timed, function(r) r$seconds, 0)
cpu <- vapply(timed, function(r) r$cpu, 0)
fit <- timed[[5]]$fit

cat(toJSON(list(
  tool = "R MASS::glm.nb (default control)",
  r = R.version.string, MASS = as.character(packageVersion("MASS")),
  blas = extSoftVersion()[["BLAS"]],
  file = file, n = nrow(d), p = length(coef(fit)),
  readSeconds = read_time,
  warmupSeconds = warm$seconds,
  fitSeconds = seconds,
  fitSecondsMedian = median(seconds),
  fitCpuSeconds = cpu,
  fitCpuSecondsMedian = median(cpu),
  coefficients = as.list(coef(fit)),
  theta = fit$theta, thetaStdError = fit$SE.theta,
  twoLogLik = fit$twologlik,
  lastIrlsIterations = fit$iter,
  thetaWarning = fit$th.warn
), auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null"))
cat("\n")
