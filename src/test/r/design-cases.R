# Regenerates src/test/resources/design/: R's model.matrix() for formula variants that the
# fixtures do not cover. Run from the repository root: Rscript src/test/r/design-cases.R
set.seed(7)
n <- 40
d <- data.frame(
  y = rpois(n, 3),
  a = sample(c("p", "q"), n, replace = TRUE),
  b = sample(c("u", "v", "w"), n, replace = TRUE),
  grp = sample(c("B", "a", "A", "b"), n, replace = TRUE),
  x = round(rnorm(n), 6),
  z = round(runif(n, 0.5, 3), 6),
  h = sample(c(1, 2, 10), n, replace = TRUE),
  stringsAsFactors = TRUE)
out <- "src/test/resources/design"
write.csv(d, file.path(out, "data.csv"), row.names = FALSE)
formulas <- c(
  "y ~ a*b",
  "y ~ b:a + a",
  "y ~ x:a - 1",
  "y ~ a:b - 1",
  "y ~ 0 + x + a",
  "y ~ a + x:b - 1",
  "y ~ (a + b + x)^2",
  "y ~ a:b:x + a:b",
  "y ~ . - z - h",
  "y ~ a %in% b",
  "y ~ log(x + 3) + sqrt(z)*a",
  "y ~ a*b - a",
  "y ~ (a + b)/x",
  "y ~ log(z, 2) + exp(-x/2) + x^2",
  "y ~ b + a:b",
  "y ~ x + a:x + offset(log(z))",
  "y ~ grp + factor(h)",
  "y ~ I(x^2) + -1 + b",
  "y ~ (a + b + grp)^3 - a:b:grp",
  "y ~ a/(b + x) + offset(z) + offset(log(z))")
cases <- character(0)
for (i in seq_along(formulas)) {
  fo <- as.formula(formulas[i])
  mf <- model.frame(fo, d)
  X <- model.matrix(fo, mf)
  m <- apply(X, 2, function(col) sprintf("%.17g", col))
  colnames(m) <- colnames(X)
  off <- model.offset(mf)
  if (!is.null(off)) m <- cbind(m, "<offset>" = sprintf("%.17g", off))
  write.csv(m, file.path(out, sprintf("case%02d.csv", i)), row.names = FALSE)
  cases <- c(cases, sprintf("case%02d|%s", i, formulas[i]))
}
writeLines(cases, file.path(out, "cases.txt"))
