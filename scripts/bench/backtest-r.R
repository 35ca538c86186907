#!/usr/bin/env Rscript
# R's MASS::glm.nb on the same rolling-origin folds as `countcast backtest`, for the timing
# comparison in docs/backtest.md (scripts/bench/backtest.sh runs it under hyperfine).
#
#   Rscript scripts/bench/backtest-r.R nab    ../shared/data/nab/Twitter_volume_AAPL.csv
#   Rscript scripts/bench/backtest-r.R weekly examples/data/weekly-outbreaks.csv
#
# nab:    5-minute windows, train 7 days (2016 windows), horizon 1 hour (12 windows), a new
#         origin every day from one training span after the first row; Fourier terms 4 daily
#         and 2 weekly plus log1p of the count 12 windows earlier (direct: every lag source is
#         before the origin), the careful R user's model of ../shared/NOTES.md.
# weekly: rows are weeks, period 52, train 104 rows, horizon 4, a new origin every row;
#         Fourier terms 3 for the period plus log1p of the count 4 rows earlier.
# Each fold fits glm.nb on the training rows and scores the horizon (log score, pit90 with
# V ~ U(0,1)); the script prints the folds, windows and scores, and its own elapsed seconds.
suppressMessages(library(MASS))
args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]
file <- args[2]
started <- proc.time()[["elapsed"]]
d <- read.csv(file)
if (mode == "nab") {
  t <- as.numeric(as.POSIXct(d$timestamp, tz = "UTC"))
  y <- d$value
  win <- 300; train <- 7 * 86400; horizon <- 12; step <- 86400; lagd <- 12
  four <- function(t) {
    cbind(sapply(1:4, function(k) sin(2 * pi * k * t / 86400)),
          sapply(1:4, function(k) cos(2 * pi * k * t / 86400)),
          sapply(1:2, function(k) sin(2 * pi * k * t / 604800)),
          sapply(1:2, function(k) cos(2 * pi * k * t / 604800)))
  }
} else {
  y <- d$count
  t <- seq_along(y) - 1
  win <- 1; train <- 104; horizon <- 4; step <- 1; lagd <- 4
  four <- function(t) {
    cbind(sapply(1:3, function(k) sin(2 * pi * k * t / 52)),
          sapply(1:3, function(k) cos(2 * pi * k * t / 52)))
  }
}
# log1p of the count lagd windows earlier, on the time grid (NA when that window is missing)
lagged <- log1p(y[match(t - lagd * win, t)])
X <- cbind(four(t), lag = lagged)
colnames(X) <- c(paste0("f", 1:(ncol(X) - 1)), "lag")
set.seed(1)
folds <- 0; n <- 0; logscore <- 0; inside <- 0
end <- max(t) + win
origin <- min(t) + train
while (origin + horizon * win <= end) {
  tr <- which(t >= origin - train & t < origin & !is.na(lagged))
  te <- which(t >= origin & t < origin + horizon * win)
  fit <- try(glm.nb(y ~ ., data = data.frame(y = y[tr], X[tr, , drop = FALSE])), silent = TRUE)
  if (!inherits(fit, "try-error")) {
    folds <- folds + 1
    mu <- predict(fit, newdata = data.frame(X[te, , drop = FALSE]), type = "response")
    yy <- y[te]
    logscore <- logscore + sum(dnbinom(yy, size = fit$theta, mu = mu, log = TRUE))
    lo <- pnbinom(yy - 1, size = fit$theta, mu = mu)
    u <- lo + runif(length(yy)) * (pnbinom(yy, size = fit$theta, mu = mu) - lo)
    inside <- inside + sum(u >= 0.05 & u <= 0.95)
    n <- n + length(yy)
  }
  origin <- origin + step
}
cat(sprintf("R glm.nb %s: folds %d, windows %d, log score %.3f, pit90 %.3f, %.2f s in R\n",
            mode, folds, n, logscore / n, inside / n, proc.time()[["elapsed"]] - started))
