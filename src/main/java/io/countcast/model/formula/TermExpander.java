package io.countcast.model.formula;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Expands a formula into {@link Terms} exactly as R's {@code terms.formula} (C function
 * {@code termsform}) does: {@code a*b = a + b + a:b}, {@code a/b = a + a:b},
 * {@code (a+b)^2 = a + b + a:b}, {@code a %in% b = a:b}, {@code -} removes terms,
 * {@code 0}/{@code 1} set the intercept (flipped under {@code -}), duplicates are dropped keeping
 * the first, and {@code .} stands for every data column not on the left-hand side. Terms are then
 * stably sorted by their number of variables.
 */
final class TermExpander {

  private final Formula formula;
  private final List<String> dotColumns;
  private final List<Node> variables = new ArrayList<>();
  private final Map<String, Integer> variableIndex = new HashMap<>();
  private final List<Node> offsets = new ArrayList<>();
  private boolean intercept = true;
  private boolean parity = true;

  private TermExpander(Formula formula, List<String> dotColumns) {
    this.formula = formula;
    this.dotColumns = dotColumns;
  }

  /**
   * Expands {@code formula}.
   *
   * @param dataColumns the data's columns, for {@code .}
   * @param alsoExcludedFromDot a further name {@code .} must skip (the count response, when
   *     expanding a one-sided zero-inflation formula); may be null
   */
  static Terms expand(Formula formula, List<String> dataColumns, String alsoExcludedFromDot) {
    List<String> dot = new ArrayList<>(dataColumns);
    if (formula.response() != null) {
      dot.remove(formula.responseName());
    }
    dot.remove(alsoExcludedFromDot);
    return new TermExpander(formula, dot).run();
  }

  private Terms run() {
    int response = -1;
    if (formula.response() != null) {
      response = register(formula.response());
    }
    List<BitSet> terms = new ArrayList<>(encode(formula.rhs()));
    terms.sort(Comparator.comparingInt(BitSet::cardinality));
    for (BitSet t : terms) {
      if (response >= 0 && t.cardinality() == 1 && t.get(response)) {
        throw FormulaException.in(formula.source(), "the response '" + formula.responseName()
            + "' also appears on the right-hand side");
      }
    }
    return new Terms(formula, variables, terms, intercept, offsets);
  }

  private int register(Node variable) {
    return variableIndex.computeIfAbsent(variable.deparse(), name -> {
      variables.add(variable);
      return variables.size() - 1;
    });
  }

  private static BitSet single(int index) {
    BitSet b = new BitSet();
    b.set(index);
    return b;
  }

  private List<BitSet> encode(Node node) {
    if (node instanceof Node.Name name) {
      if (name.name().equals(".")) {
        return dot(name);
      }
      return List.of(single(register(name)));
    }
    if (node instanceof Node.Number number) {
      return interceptLiteral(number);
    }
    if (node instanceof Node.Paren paren) {
      return encode(paren.inner());
    }
    if (node instanceof Node.Call call) {
      if (call.function().equals("offset")) {
        if (call.args().size() != 1) {
          throw FormulaException.at(formula.source(), call.position(),
              "offset() takes exactly one argument");
        }
        offsets.add(call.args().get(0));
        return List.of();
      }
      return List.of(single(register(call)));
    }
    if (node instanceof Node.Unary unary) {
      return unary.op().equals("+") ? encode(unary.operand()) : delete(List.of(), unary.operand());
    }
    Node.Binary b = (Node.Binary) node;
    return switch (b.op()) {
      case "+" -> trim(concat(encode(b.left()), encode(b.right())));
      case "-" -> delete(encode(b.left()), b.right());
      case ":" -> interact(encode(b.left()), encode(b.right()));
      case "*" -> cross(encode(b.left()), encode(b.right()));
      case "/" -> nest(encode(b.left()), encode(b.right()));
      case "%in%" -> within(encode(b.left()), encode(b.right()));
      case "^" -> power(encode(b.left()), b.right());
      default -> throw FormulaException.at(formula.source(), b.position(),
          "operator '" + b.op() + "' is not allowed here");
    };
  }

  private List<BitSet> dot(Node.Name at) {
    if (dotColumns.isEmpty()) {
      throw FormulaException.at(formula.source(), at.position(),
          "'.' stands for all other columns, but there are none");
    }
    List<BitSet> out = new ArrayList<>();
    for (String column : dotColumns) {
      out.add(single(register(new Node.Name(column, at.position()))));
    }
    return out;
  }

  private List<BitSet> interceptLiteral(Node.Number number) {
    if (number.value() == 1 || number.value() == 0) {
      intercept = (number.value() == 1) == parity;
      return List.of();
    }
    throw FormulaException.at(formula.source(), number.position(),
        "expected a variable, 0 or 1 but found the number " + number.deparse());
  }

  private List<BitSet> delete(List<BitSet> left, Node right) {
    parity = !parity;
    List<BitSet> removed = encode(right);
    parity = !parity;
    List<BitSet> out = new ArrayList<>(left);
    out.removeAll(removed);
    return out;
  }

  private static List<BitSet> interact(List<BitSet> left, List<BitSet> right) {
    List<BitSet> out = new ArrayList<>();
    for (BitSet l : left) {
      for (BitSet r : right) {
        BitSet t = (BitSet) l.clone();
        t.or(r);
        out.add(t);
      }
    }
    return trim(out);
  }

  private static List<BitSet> cross(List<BitSet> left, List<BitSet> right) {
    return trim(concat(concat(left, right), interact(left, right)));
  }

  /** {@code left/right}: left, then each right term joined with every variable on the left. */
  private static List<BitSet> nest(List<BitSet> left, List<BitSet> right) {
    return trim(concat(left, joinAll(right, union(left))));
  }

  /** {@code left %in% right}: each left term joined with every variable on the right. */
  private static List<BitSet> within(List<BitSet> left, List<BitSet> right) {
    return trim(joinAll(left, union(right)));
  }

  private List<BitSet> power(List<BitSet> base, Node exponent) {
    Node e = exponent instanceof Node.Paren p ? p.inner() : exponent;
    if (!(e instanceof Node.Number n) || n.value() < 1 || n.value() != Math.rint(n.value())) {
      throw FormulaException.at(formula.source(), exponent.position(),
          "expected a positive whole number after '^' but found " + exponent.deparse());
    }
    List<BitSet> result = trim(base);
    for (int i = 1; i < (int) n.value(); i++) {
      result = interact(base, result);
    }
    return result;
  }

  private static BitSet union(List<BitSet> terms) {
    BitSet all = new BitSet();
    terms.forEach(all::or);
    return all;
  }

  private static List<BitSet> joinAll(List<BitSet> terms, BitSet with) {
    List<BitSet> out = new ArrayList<>();
    for (BitSet t : terms) {
      BitSet joined = (BitSet) t.clone();
      joined.or(with);
      out.add(joined);
    }
    return out;
  }

  private static List<BitSet> concat(List<BitSet> a, List<BitSet> b) {
    List<BitSet> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** R's TrimRepeats: drop empty terms and repeats, keeping first occurrences. */
  private static List<BitSet> trim(List<BitSet> terms) {
    LinkedHashSet<BitSet> seen = new LinkedHashSet<>();
    for (BitSet t : terms) {
      if (!t.isEmpty()) {
        seen.add(t);
      }
    }
    return new ArrayList<>(seen);
  }
}
