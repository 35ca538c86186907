package io.countcast.model.formula;

import io.countcast.model.data.CsvTable;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Evaluates a numeric variable such as {@code log(x + 1)} or {@code I(x^2)} column-wise: inside a
 * function call the formula operators mean arithmetic, as in R.
 */
final class NumericExpression {

  private static final Map<String, DoubleUnaryOperator> FUNCTIONS = Map.of(
      "log", Math::log, "log2", x -> Math.log(x) / Math.log(2), "log10", Math::log10,
      "log1p", Math::log1p, "exp", Math::exp, "expm1", Math::expm1, "sqrt", Math::sqrt,
      "abs", Math::abs, "I", x -> x);
  private static final Map<String, DoubleBinaryOperator> OPERATORS = Map.of(
      "+", Double::sum, "-", (a, b) -> a - b, "*", (a, b) -> a * b, "/", (a, b) -> a / b,
      "^", Math::pow);

  private final String formula;
  private final CsvTable data;

  private NumericExpression(String formula, CsvTable data) {
    this.formula = formula;
    this.data = data;
  }

  /**
   * The values of {@code node} for every row, all finite.
   *
   * @throws io.countcast.model.data.DataException for a missing/non-numeric column or a
   *     non-finite result (naming the line and the expression)
   * @throws FormulaException for an unknown function or a non-arithmetic operator
   */
  static double[] evaluate(String formula, Node node, CsvTable data) {
    double[] values = new NumericExpression(formula, data).eval(node);
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        String column = firstColumn(node);
        throw data.errorAt(i, column == null ? node.deparse() : column,
            node.deparse() + " = " + values[i] + " is not a finite number");
      }
    }
    return values;
  }

  private double[] eval(Node node) {
    if (node instanceof Node.Name name) {
      return data.numbers(name.name()).clone();
    }
    if (node instanceof Node.Number number) {
      double[] c = new double[data.rows()];
      java.util.Arrays.fill(c, number.value());
      return c;
    }
    if (node instanceof Node.Paren paren) {
      return eval(paren.inner());
    }
    if (node instanceof Node.Unary unary) {
      double[] v = eval(unary.operand());
      if (unary.op().equals("-")) {
        for (int i = 0; i < v.length; i++) {
          v[i] = -v[i];
        }
      }
      return v;
    }
    if (node instanceof Node.Call call) {
      return call(call);
    }
    Node.Binary b = (Node.Binary) node;
    DoubleBinaryOperator op = OPERATORS.get(b.op());
    if (op == null) {
      throw FormulaException.at(formula, b.position(),
          "operator '" + b.op() + "' is not arithmetic (inside a function call)");
    }
    double[] left = eval(b.left());
    double[] right = eval(b.right());
    for (int i = 0; i < left.length; i++) {
      left[i] = op.applyAsDouble(left[i], right[i]);
    }
    return left;
  }

  private double[] call(Node.Call call) {
    DoubleUnaryOperator f = FUNCTIONS.get(call.function());
    boolean logWithBase = call.function().equals("log") && call.args().size() == 2;
    if (f == null || (call.args().size() != 1 && !logWithBase)) {
      throw FormulaException.at(formula, call.position(), f == null
          ? "unknown function '" + call.function()
              + "' (supported: log, log2, log10, log1p, exp, expm1, sqrt, abs, I, offset, factor)"
          : call.function() + "() takes one argument");
    }
    double[] v = eval(call.args().get(0));
    double[] base = logWithBase ? eval(call.args().get(1)) : null;
    for (int i = 0; i < v.length; i++) {
      v[i] = logWithBase ? Math.log(v[i]) / Math.log(base[i]) : f.applyAsDouble(v[i]);
    }
    return v;
  }

  /** The first column an expression reads, to name in an error. */
  private static String firstColumn(Node node) {
    if (node instanceof Node.Name name) {
      return name.name();
    }
    if (node instanceof Node.Paren p) {
      return firstColumn(p.inner());
    }
    if (node instanceof Node.Unary u) {
      return firstColumn(u.operand());
    }
    if (node instanceof Node.Call c && !c.args().isEmpty()) {
      return firstColumn(c.args().get(0));
    }
    if (node instanceof Node.Binary b) {
      String left = firstColumn(b.left());
      return left != null ? left : firstColumn(b.right());
    }
    return null;
  }
}
