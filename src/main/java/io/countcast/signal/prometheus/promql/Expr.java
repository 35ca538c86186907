package io.countcast.signal.prometheus.promql;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * PromQL abstract syntax tree. Parentheses from the source are kept as {@link Paren} nodes, so
 * printing never has to re-derive operator precedence and the printed query has exactly the
 * structure of the parsed one. Every node can print itself and can rebuild itself with its
 * vector selectors replaced, which is all the tenant rewrite needs.
 */
public sealed interface Expr {

  /** Appends the PromQL text of this node. */
  void print(StringBuilder out);

  /** This expression with every vector selector (including inside range selectors) mapped. */
  Expr mapSelectors(UnaryOperator<VectorSelector> f);

  /** The PromQL text of this node. */
  default String toPromql() {
    StringBuilder out = new StringBuilder();
    print(out);
    return out.toString();
  }

  /** A number literal, printed as written ({@code 0x1f}, {@code 1e3}, {@code Inf}). */
  record NumberLiteral(String text) implements Expr {
    @Override
    public void print(StringBuilder out) {
      out.append(text);
    }

    @Override
    public Expr mapSelectors(UnaryOperator<VectorSelector> f) {
      return this;
    }
  }

  /** A string literal; {@code value} is decoded, printing re-quotes it. */
  record StringLiteral(String value) implements Expr {
    @Override
    public void print(StringBuilder out) {
      out.append(PromqlStrings.quote(value));
    }

    @Override
    public Expr mapSelectors(UnaryOperator<VectorSelector> f) {
      return this;
    }
  }

  /** An instant vector selector such as {@code foo{a="b"} offset 5m @ end()}. */
  record VectorSelector(String metricName, List<LabelMatcher> matchers, Modifiers modifiers)
      implements Expr {
    public VectorSelector {
      matchers = List.copyOf(matchers);
    }

    /** The same selector with other matchers. */
    public VectorSelector withMatchers(List<LabelMatcher> newMatchers) {
      return new VectorSelector(metricName, newMatchers, modifiers);
    }

    @Override
    public void print(StringBuilder out) {
      printSelector(out);
      modifiers.print(out);
    }

    void printSelector(StringBuilder out) {
      if (metricName != null) {
        out.append(metricName);
      }
      if (metricName == null || !matchers.isEmpty()) {
        out.append('{');
        for (int i = 0; i < matchers.size(); i++) {
          out.append(i == 0 ? "" : ",");
          matchers.get(i).print(out);
        }
        out.append('}');
      }
    }

    @Override
    public Expr mapSelectors(UnaryOperator<VectorSelector> f) {
      return f.apply(this);
    }
  }

  /** A range vector selector {@code selector[range]} with its own modifiers. */
  record MatrixSelector(VectorSelector selector, String range, Modifiers modifiers)
      implements Expr {
    @Override
    public void print(StringBuilder out) {
      selector.printSelector(out);
      out.append('[').append(range).append(']');
      modifiers.print(out);
    }

    @Override
    public Expr mapSelectors(UnaryOperator<VectorSelector> f) {
      return new MatrixSelector(f.apply(selector), range, modifiers);
    }
  }

  /** A subquery {@code expr[range:step]}; {@code step} is null when omitted. */
  record Subquery(Expr expr, String range, String step, Modifiers modifiers) implements Expr {
    @Override
    public void print(StringBuilder out) {
      expr.print(out);
      out.append('[').append(range).append(':').append(step == null ? "" : step).append(']');
      modifiers.print(out);
    }

    @Override
    public Expr mapSelectors(UnaryOperator<VectorSelector> f) {
      return new Subquery(expr.mapSelectors(f), range, step, modifiers);
    }
  }

  /** A parenthesised expression. */
  record Paren(Expr inner) implements Expr {
    @Override
    public void print(StringBuilder out) {
      out.append('(');
      inner.print(out);
      out.append(')');
    }

    @Override
    public Expr mapSelectors(UnaryOperator<VectorSelector> f) {
      return new Paren(inner.mapSelectors(f));
    }
  }

  /** Unary {@code +} or {@code -}. */
  record Unary(String op, Expr operand) implements Expr {
    @Override
    public void print(StringBuilder out) {
      out.append(op);
      operand.print(out);
    }

    @Override
    public Expr mapSelectors(UnaryOperator<VectorSelector> f) {
      return new Unary(op, operand.mapSelectors(f));
    }
  }

  /** A binary operation; {@code matching} is null without {@code on}/{@code ignoring}. */
  record Binary(Expr lhs, String op, boolean returnBool, VectorMatching matching, Expr rhs)
      implements Expr {
    @Override
    public void print(StringBuilder out) {
      lhs.print(out);
      out.append(' ').append(op);
      if (returnBool) {
        out.append(" bool");
      }
      if (matching != null) {
        matching.print(out);
      }
      out.append(' ');
      rhs.print(out);
    }

    @Override
    public Expr mapSelectors(UnaryOperator<VectorSelector> f) {
      return new Binary(lhs.mapSelectors(f), op, returnBool, matching, rhs.mapSelectors(f));
    }
  }

  /** A function call such as {@code rate(foo[5m])}. */
  record Call(String function, List<Expr> args) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public void print(StringBuilder out) {
      out.append(function).append('(');
      printList(args, out);
      out.append(')');
    }

    @Override
    public Expr mapSelectors(UnaryOperator<VectorSelector> f) {
      return new Call(function, args.stream().map(a -> a.mapSelectors(f)).toList());
    }
  }

  /**
   * An aggregation such as {@code sum by (job) (x)} or {@code topk(5, x)}; {@code param} is null
   * for aggregations without one, {@code grouping} is null without {@code by}/{@code without}.
   */
  record Aggregation(String op, Grouping grouping, Expr param, Expr expr) implements Expr {
    @Override
    public void print(StringBuilder out) {
      out.append(op);
      if (grouping != null) {
        out.append(' ');
        grouping.print(out);
        out.append(' ');
      }
      out.append('(');
      if (param != null) {
        param.print(out);
        out.append(", ");
      }
      expr.print(out);
      out.append(')');
    }

    @Override
    public Expr mapSelectors(UnaryOperator<VectorSelector> f) {
      return new Aggregation(op, grouping,
          param == null ? null : param.mapSelectors(f), expr.mapSelectors(f));
    }
  }

  private static void printList(List<Expr> items, StringBuilder out) {
    for (int i = 0; i < items.size(); i++) {
      out.append(i == 0 ? "" : ", ");
      items.get(i).print(out);
    }
  }
}
