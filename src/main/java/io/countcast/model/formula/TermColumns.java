package io.countcast.model.formula;

import java.util.List;

/**
 * Writes one term's block of design columns. Every variable contributes exactly one non-zero
 * factor per row (its value, or a 1 in its level's column), so each row of a term has at most one
 * non-zero column: its index is the mixed-radix number of the variables' positions, the first
 * variable varying fastest as in R.
 */
final class TermColumns {

  private final VariableValues[] values;
  private final boolean[] indicators;
  private final int[] strides;
  private final int width;

  TermColumns(DesignSpec.Term term, List<DesignSpec.Variable> variables,
              List<VariableValues> allValues) {
    int k = term.variables().size();
    values = new VariableValues[k];
    indicators = new boolean[k];
    strides = new int[k];
    int stride = 1;
    for (int j = 0; j < k; j++) {
      int v = term.variables().get(j);
      values[j] = allValues.get(v);
      indicators[j] = term.indicators().get(j);
      strides[j] = stride;
      DesignSpec.Variable variable = variables.get(v);
      stride *= variable.factor()
          ? variable.levels().size() - (indicators[j] ? 0 : 1)
          : 1;
    }
    width = stride;
  }

  /** The number of columns the term makes. */
  int width() {
    return width;
  }

  /** Fills columns {@code [first, first + width)} of rows [from, to) of the row-major x. */
  void fill(double[] x, int p, int first, int from, int to) {
    if (values.length == 1 && values[0].numbers() != null) {
      double[] numbers = values[0].numbers(); // a numeric main effect, the common case
      for (int i = from; i < to; i++) {
        x[i * p + first] = numbers[i];
      }
      return;
    }
    for (int i = from; i < to; i++) {
      int column = 0;
      double value = 1.0;
      boolean reference = false;
      for (int j = 0; j < values.length; j++) {
        VariableValues v = values[j];
        if (v.numbers() != null) {
          value *= v.numbers()[i];
        } else if (indicators[j]) {
          column += v.codes()[i] * strides[j];
        } else if (v.codes()[i] == 0) {
          reference = true;
        } else {
          column += (v.codes()[i] - 1) * strides[j];
        }
      }
      if (!reference) {
        x[i * p + first + column] = value;
      }
    }
  }
}
