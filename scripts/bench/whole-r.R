# The whole R session a user waits for: start R, read the CSV, fit glm.nb, print the summary.
#
#   Rscript scripts/bench/whole-r.R target/bench/nb2_200k.csv
#
# Plain read.csv (no colClasses) and the formula y ~ ., as a user would write them; the text
# column f becomes a factor inside glm.nb, like countcast's text column does.
suppressPackageStartupMessages(library(MASS))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: whole-r.R FILE")
d <- read.csv(args[1])
fit <- glm.nb(y ~ ., data = d)
print(summary(fit))
