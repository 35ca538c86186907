package io.countcast.signal.prometheus.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.signal.prometheus.promql.Expr.Aggregation;
import io.countcast.signal.prometheus.promql.Expr.Binary;
import io.countcast.signal.prometheus.promql.Expr.MatrixSelector;
import io.countcast.signal.prometheus.promql.Expr.Subquery;
import io.countcast.signal.prometheus.promql.Expr.Unary;
import io.countcast.signal.prometheus.promql.Expr.VectorSelector;
import org.junit.jupiter.api.Test;

/** Tree shapes: the corpus checks printed text, these check the structure behind it. */
class PromqlParserTest {

  /** Fully parenthesised rendering of binary and unary structure. */
  private static String shape(Expr e) {
    if (e instanceof Binary b) {
      return "(" + shape(b.lhs()) + " " + b.op() + " " + shape(b.rhs()) + ")";
    }
    if (e instanceof Unary u) {
      return "(" + u.op() + shape(u.operand()) + ")";
    }
    if (e instanceof Expr.Paren p) {
      return shape(p.inner());
    }
    return e.toPromql();
  }

  private static String shapeOf(String query) {
    return shape(PromqlParser.parse(query));
  }

  @Test
  void binaryPrecedenceAndAssociativityFollowPrometheus() {
    assertThat(shapeOf("a + b * c")).isEqualTo("(a + (b * c))");
    assertThat(shapeOf("a - b - c")).isEqualTo("((a - b) - c)");
    assertThat(shapeOf("a ^ b ^ c")).isEqualTo("(a ^ (b ^ c))");
    assertThat(shapeOf("a or b and c unless d")).isEqualTo("(a or ((b and c) unless d))");
    assertThat(shapeOf("a > b + c and d")).isEqualTo("((a > (b + c)) and d)");
    assertThat(shapeOf("a atan2 b + c")).isEqualTo("((a atan2 b) + c)");
    assertThat(shapeOf("a / b % c * d")).isEqualTo("(((a / b) % c) * d)");
  }

  @Test
  void unaryMinusBindsBetweenPowerAndMultiplication() {
    assertThat(shapeOf("-a ^ b")).isEqualTo("(-(a ^ b))");
    assertThat(shapeOf("-a * b")).isEqualTo("((-a) * b)");
    assertThat(shapeOf("a * -b ^ c")).isEqualTo("(a * (-(b ^ c)))");
    assertThat(shapeOf("- -a")).isEqualTo("(-(-a))");
  }

  @Test
  void postfixModifiersAttachToTheRightNodes() {
    Expr e = PromqlParser.parse("rate(foo[5m] offset -1h @ end())[30m:1m] @ 100");
    Subquery sub = (Subquery) e;
    assertThat(sub.modifiers()).isEqualTo(new Modifiers(null, "100"));
    MatrixSelector m = (MatrixSelector) ((Expr.Call) sub.expr()).args().get(0);
    assertThat(m.range()).isEqualTo("5m");
    assertThat(m.modifiers()).isEqualTo(new Modifiers("-1h", "end()"));
  }

  @Test
  void groupingMayFollowTheArguments() {
    Aggregation a = (Aggregation) PromqlParser.parse("topk(3, x) without (pod,)");
    assertThat(a.grouping()).isEqualTo(new Grouping(true, java.util.List.of("pod")));
    assertThat(a.param().toPromql()).isEqualTo("3");
  }

  @Test
  void stringsAreDecoded() {
    VectorSelector s = (VectorSelector) PromqlParser.parse(
        "x{a='it\\'s',b=`raw\\n`,c=\"\\u263a\\t\"}");
    assertThat(s.matchers()).extracting(LabelMatcher::value)
        .containsExactly("it's", "raw\\n", "\u263a\t");
  }

  @Test
  void errorsCarryTheColumn() {
    assertThatThrownBy(() -> PromqlParser.parse("sum(rate(x[5m]) +)"))
        .isInstanceOf(PromqlException.class)
        .hasMessage("PromQL rejected at column 18: unexpected ')', expected an expression"
            + " (near ')')")
        .satisfies(e -> assertThat(((PromqlException) e).column()).isEqualTo(18));
  }
}
