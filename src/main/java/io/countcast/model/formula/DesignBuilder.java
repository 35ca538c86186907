package io.countcast.model.formula;

import io.countcast.model.DesignMatrix;
import io.countcast.model.data.CsvTable;
import io.countcast.model.data.DataException;
import io.countcast.model.data.TextColumn;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds R-compatible design matrices ({@code model.matrix}) from a formula and a table: text
 * columns (and {@code factor(x)}) are factors with treatment contrasts, a factor whose lower-order
 * margin is absent from the model gets full indicator coding (R's TermCode rule, see
 * {@link Terms#codedByContrasts}), without an intercept the first factor gets indicators, columns
 * are named as R names them ({@code SexM}, {@code SexF:AgeF1}) with the first variable of a term
 * varying fastest. {@link #build} derives a {@link DesignSpec}; {@link #rebuild} applies one to
 * new data, so fitting and prediction share one code path.
 */
public final class DesignBuilder {

  /** The most values a design may have: the largest Java array. */
  private static final int MAX_DESIGN_VALUES = Integer.MAX_VALUE - 8;
  /** Rows filled per block: their part of x (rows × p doubles) stays in the core's cache. */
  private static final int FILL_BLOCK_ROWS = 1024;

  private DesignBuilder() {
  }

  /** Builds with R's default (sorted) factor levels. */
  public static Design build(Formula formula, CsvTable data) {
    return build(formula, data, Map.of(), null);
  }

  /**
   * Builds the design of {@code formula} on {@code data}.
   *
   * @param levels explicit level order per factor column (first = reference); others sorted
   * @param excludedFromDot a column {@code .} must skip besides the response (the count response
   *     when building a one-sided zero-inflation formula); may be null
   * @throws FormulaException for an invalid formula
   * @throws io.countcast.model.data.DataException for bad data, naming file, line and column
   */
  public static Design build(Formula formula, CsvTable data, Map<String, List<String>> levels,
                             String excludedFromDot) {
    Terms terms = TermExpander.expand(formula, data.columnNames(), excludedFromDot);
    if (terms.terms().isEmpty() && !terms.intercept()) {
      throw FormulaException.in(formula.source(), "the model has no terms and no intercept");
    }
    BitSet used = new BitSet();
    terms.terms().forEach(used::or);
    Map<Integer, Integer> specIndex = new HashMap<>();
    List<DesignSpec.Variable> variables = new ArrayList<>();
    for (int v = used.nextSetBit(0); v >= 0; v = used.nextSetBit(v + 1)) {
      specIndex.put(v, variables.size());
      variables.add(describe(formula.source(), terms.variables().get(v), data, levels));
    }
    List<DesignSpec.Term> specTerms = codeTerms(terms, variables, specIndex);
    List<String> offsets = terms.offsets().stream().map(Node::deparse).toList();
    List<String> columns = columnNames(terms.intercept(), variables, specTerms);
    DesignSpec spec = new DesignSpec(formula.source(), formula.responseName(), terms.intercept(),
        variables, specTerms, offsets, columns);
    return rebuild(spec, data);
  }

  private static DesignSpec.Variable describe(String formula, Node node, CsvTable data,
                                              Map<String, List<String>> levels) {
    String column = factorColumn(formula, node, data);
    if (column == null) {
      return new DesignSpec.Variable(node.deparse(), false, List.of());
    }
    FactorLevels.Cells cells = FactorLevels.cells(data, column);
    List<String> given = levels.get(column);
    List<String> order = given != null
        ? FactorLevels.checkGiven(data, column, cells, given)
        : FactorLevels.sorted(data, column, cells);
    return new DesignSpec.Variable(node.deparse(), true, order);
  }

  /**
   * The data column a variable takes factor levels from: a text column named directly, or the
   * column inside {@code factor(x)}; null for a numeric variable.
   */
  private static String factorColumn(String formula, Node node, CsvTable data) {
    if (node instanceof Node.Name name) {
      if (data.column(name.name()) instanceof TextColumn text) {
        text.requireNotMixed();
        return name.name();
      }
      return null;
    }
    if (node instanceof Node.Call call && call.function().equals("factor")) {
      if (call.args().size() != 1 || !(call.args().get(0) instanceof Node.Name arg)) {
        throw FormulaException.at(formula, call.position(), "factor() takes one column name");
      }
      data.column(arg.name());
      return arg.name();
    }
    return null;
  }

  private static List<DesignSpec.Term> codeTerms(Terms terms, List<DesignSpec.Variable> variables,
                                                 Map<Integer, Integer> specIndex) {
    List<DesignSpec.Term> out = new ArrayList<>();
    // Without an intercept R codes the first factor of the first term holding one by indicators,
    // so that the factor's reference level gets its own column.
    boolean needFullFactor = !terms.intercept();
    for (int k = 0; k < terms.terms().size(); k++) {
      BitSet t = terms.terms().get(k);
      List<Integer> vars = new ArrayList<>();
      List<Boolean> indicators = new ArrayList<>();
      for (int v = t.nextSetBit(0); v >= 0; v = t.nextSetBit(v + 1)) {
        int index = specIndex.get(v);
        boolean factor = variables.get(index).factor();
        boolean full = factor && !terms.codedByContrasts(k, v);
        if (factor && needFullFactor) {
          full = true;
          needFullFactor = false;
        }
        vars.add(index);
        indicators.add(full);
      }
      out.add(new DesignSpec.Term(terms.label(k), vars, indicators));
    }
    return out;
  }

  static List<String> columnNames(boolean intercept, List<DesignSpec.Variable> variables,
                                          List<DesignSpec.Term> terms) {
    List<String> names = new ArrayList<>();
    if (intercept) {
      names.add("(Intercept)");
    }
    for (DesignSpec.Term term : terms) {
      List<String> combined = List.of("");
      for (int j = 0; j < term.variables().size(); j++) {
        DesignSpec.Variable var = variables.get(term.variables().get(j));
        List<String> parts = new ArrayList<>();
        if (!var.factor()) {
          parts.add(var.name());
        } else {
          int first = term.indicators().get(j) ? 0 : 1;
          for (String level : var.levels().subList(first, var.levels().size())) {
            parts.add(var.name() + level);
          }
        }
        List<String> next = new ArrayList<>();
        for (String part : parts) {
          for (String prefix : combined) {
            next.add(prefix.isEmpty() ? part : prefix + ":" + part);
          }
        }
        combined = next;
      }
      names.addAll(combined);
    }
    return names;
  }

  /**
   * Builds the columns {@code spec} describes from (new) data: same variables, same levels,
   * same column order.
   *
   * @throws io.countcast.model.data.DataException naming line, column and level when a factor
   *     value was not seen at fit time, or for any other bad cell
   */
  public static Design rebuild(DesignSpec spec, CsvTable data) {
    int n = data.rows();
    List<VariableValues> values = new ArrayList<>();
    for (DesignSpec.Variable v : spec.variables()) {
      values.add(VariableValues.of(spec.formula(), v, data));
    }
    int p = spec.columns().size();
    if ((long) n * p > MAX_DESIGN_VALUES) {
      throw DataException.in(data.source(), "the design would have " + n + " rows × " + p
          + " columns, more values than one design can hold (" + MAX_DESIGN_VALUES
          + "); is a factor with very many levels meant to be one?");
    }
    double[] x = new double[n * p];
    int intercept = spec.intercept() ? 1 : 0;
    TermColumns[] terms = new TermColumns[spec.terms().size()];
    int[] firsts = new int[terms.length];
    int first = intercept;
    for (int t = 0; t < terms.length; t++) {
      terms[t] = new TermColumns(spec.terms().get(t), spec.variables(), values);
      firsts[t] = first;
      first += terms[t].width();
    }
    if (first != p) {
      throw new IllegalStateException("design spec lists " + p + " columns but its terms make "
          + first);
    }
    // Block by block of rows, every term in turn: a term's columns are strided in the row-major
    // x, so filling one term over all rows before the next would stream all of x once per term.
    for (int from = 0; from < n; from += FILL_BLOCK_ROWS) {
      int to = Math.min(n, from + FILL_BLOCK_ROWS);
      if (intercept == 1) {
        for (int i = from; i < to; i++) {
          x[i * p] = 1.0;
        }
      }
      for (int t = 0; t < terms.length; t++) {
        terms[t].fill(x, p, firsts[t], from, to);
      }
    }
    double[] offset = null;
    for (String expression : spec.offsets()) {
      double[] o = NumericExpression.evaluate(spec.formula(),
          FormulaParser.parseExpression(expression), data);
      if (offset == null) {
        offset = o;
      } else {
        for (int i = 0; i < n; i++) {
          offset[i] += o[i];
        }
      }
    }
    return new Design(new DesignMatrix(spec.columns(), n, x), offset, spec);
  }
}
