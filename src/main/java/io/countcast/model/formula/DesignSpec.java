package io.countcast.model.formula;

import java.util.List;

/**
 * Everything needed to rebuild the same design columns for new data at prediction time, as plain
 * data that serialises to JSON (Jackson reads and writes records). Produced by
 * {@link DesignBuilder#build}, consumed by {@link DesignBuilder#rebuild}.
 *
 * @param formula the formula as written
 * @param response the response column, or null for a one-sided formula
 * @param intercept whether there is an {@code (Intercept)} column
 * @param variables the variables the terms use
 * @param terms the model terms in column order
 * @param offsets the offset expressions, e.g. {@code log(exposure)}
 * @param columns the design column names, as R names them
 */
public record DesignSpec(String formula, String response, boolean intercept,
                         List<Variable> variables, List<Term> terms, List<String> offsets,
                         List<String> columns) {

  public DesignSpec {
    variables = List.copyOf(variables);
    terms = List.copyOf(terms);
    offsets = List.copyOf(offsets);
    columns = List.copyOf(columns);
  }

  /**
   * Checks that the spec is internally consistent (as one read from a file may not be): every
   * term refers to existing variables with one coding flag each, every factor has a level, and
   * the column names are exactly those the terms produce.
   *
   * @throws IllegalArgumentException naming the first inconsistency
   */
  public void checkConsistent() {
    for (Variable v : variables) {
      if (v.factor() && v.levels().isEmpty()) {
        throw new IllegalArgumentException("factor '" + v.name() + "' has no levels");
      }
    }
    for (Term t : terms) {
      if (t.variables().size() != t.indicators().size()) {
        throw new IllegalArgumentException("term '" + t.label() + "' has "
            + t.variables().size() + " variables but " + t.indicators().size() + " codings");
      }
      for (int v : t.variables()) {
        if (v < 0 || v >= variables.size()) {
          throw new IllegalArgumentException("term '" + t.label() + "' refers to variable " + v
              + " of " + variables.size());
        }
      }
    }
    if (!DesignBuilder.columnNames(intercept, variables, terms).equals(columns)) {
      throw new IllegalArgumentException("column names do not match the terms");
    }
  }

  /**
   * A variable of the model.
   *
   * @param name R's name for it: a column ({@code Sex}) or an expression ({@code log(x + 1)})
   * @param factor whether it is a factor
   * @param levels the factor levels in order (the first is the reference); empty if numeric
   */
  public record Variable(String name, boolean factor, List<String> levels) {
    public Variable {
      levels = List.copyOf(levels);
    }
  }

  /**
   * A model term.
   *
   * @param label R's term label, e.g. {@code Sex:Age}
   * @param variables indices into {@link #variables()}, in R's order (first varies fastest)
   * @param indicators per variable: true for full indicator coding of a factor, false for
   *     treatment contrasts (ignored for numeric variables)
   */
  public record Term(String label, List<Integer> variables, List<Boolean> indicators) {
    public Term {
      variables = List.copyOf(variables);
      indicators = List.copyOf(indicators);
    }
  }
}
