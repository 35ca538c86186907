package io.countcast.model.formula;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A formula syntax tree. The same tree is read two ways: {@link TermExpander} reads the operators
 * as R's model-formula algebra, {@link NumericExpression} reads the inside of a function call as
 * arithmetic. {@link #deparse()} prints a node the way R's {@code deparse()} does, which is what
 * R uses for variable and column names (e.g. {@code log(x + 1)}).
 */
sealed interface Node {

  /** 0-based position in the source, for error messages. */
  int position();

  /** R's deparsed text of this node. */
  String deparse();

  /** A variable or column name. */
  record Name(String name, int position) implements Node {
    private static final Pattern SYNTACTIC = Pattern.compile("[A-Za-z.][A-Za-z0-9._]*");

    @Override
    public String deparse() {
      return SYNTACTIC.matcher(name).matches() ? name : "`" + name + "`";
    }
  }

  /** A numeric literal. */
  record Number(double value, int position) implements Node {
    @Override
    public String deparse() {
      if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        return Long.toString((long) value);
      }
      return Double.toString(value).replace("E", "e");
    }
  }

  /** Parentheses, kept because R keeps them in names: {@code log((x))}. */
  record Paren(Node inner, int position) implements Node {
    @Override
    public String deparse() {
      return "(" + inner.deparse() + ")";
    }
  }

  /** Unary {@code -} or {@code +}. */
  record Unary(String op, Node operand, int position) implements Node {
    @Override
    public String deparse() {
      return op + operand.deparse();
    }
  }

  /** A binary operator: {@code ~ + - * / ^ : %in%}. */
  record Binary(String op, Node left, Node right, int position) implements Node {
    @Override
    public String deparse() {
      boolean tight = op.equals("/") || op.equals("^") || op.equals(":");
      String sep = tight ? op : " " + op + " ";
      return left.deparse() + sep + right.deparse();
    }
  }

  /** A function call such as {@code log(x)} or {@code offset(log(exposure))}. */
  record Call(String function, List<Node> args, int position) implements Node {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public String deparse() {
      return function + "(" + args.stream().map(Node::deparse).collect(Collectors.joining(", "))
          + ")";
    }
  }
}
