package io.countcast.model.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaParserTest {

  private static List<String> labels(String formula, String... columns) {
    Terms t = TermExpander.expand(Formula.parse(formula), List.of(columns), null);
    return java.util.stream.IntStream.range(0, t.terms().size()).mapToObj(t::label).toList();
  }

  @Test
  void expandsLikeRTerms() {
    assertThat(labels("Days ~ Sex/(Age + Eth*Lrn)"))
        .containsExactly("Sex", "Sex:Age", "Sex:Eth", "Sex:Lrn", "Sex:Eth:Lrn");
    assertThat(labels("y ~ a*b")).containsExactly("a", "b", "a:b");
    assertThat(labels("y ~ (a+b+c)^2")).containsExactly("a", "b", "c", "a:b", "a:c", "b:c");
    assertThat(labels("y ~ b:a + a + a")).containsExactly("a", "b:a");
    assertThat(labels("y ~ a*b - a:b")).containsExactly("a", "b");
    assertThat(labels("y ~ . - c", "y", "a", "b", "c")).containsExactly("a", "b");
    assertThat(labels("y ~ log(x+1) + offset(log(e))")).containsExactly("log(x + 1)");
  }

  @Test
  void interceptFollowsRsParityRule() {
    assertThat(expandIntercept("y ~ x")).isTrue();
    assertThat(expandIntercept("y ~ x - 1")).isFalse();
    assertThat(expandIntercept("y ~ 0 + x")).isFalse();
    assertThat(expandIntercept("y ~ -1 + x")).isFalse();
    assertThat(expandIntercept("y ~ x - 1 + 1")).isTrue();
    assertThat(expandIntercept("y ~ x - 0")).isTrue();
  }

  private static boolean expandIntercept(String formula) {
    return TermExpander.expand(Formula.parse(formula), List.of(), null).intercept();
  }

  @Test
  void deparsesNamesAsR() {
    Formula f = Formula.parse("log(y) ~ exp(-x/2)+x^2+`odd name`");
    assertThat(f.responseName()).isEqualTo("log(y)");
    assertThat(f.rhs().deparse()).isEqualTo("exp(-x/2) + x^2 + `odd name`");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "y ~ a +|formula 'y ~ a +' at position 8: expected a variable, number or '(' but found end of formula",
      "y ~ (a + b|formula 'y ~ (a + b' at position 11: expected ')' but found end of formula",
      "y a + b|formula 'y a + b' at position 3: expected '~' but found 'a'",
      "y ~ a $ b|formula 'y ~ a $ b' at position 7: unexpected character '$'",
      "y ~ a b|formula 'y ~ a b' at position 7: expected an operator or end of formula but found 'b'",
      "y ~ a %o% b|formula 'y ~ a %o% b' at position 7: unknown operator (only %in% is supported)",
      "y ~ (a+b)^x|formula 'y ~ (a+b)^x' at position 11: expected a positive whole number after '^' but found x",
      "y ~ a + 2|formula 'y ~ a + 2' at position 9: expected a variable, 0 or 1 but found the number 2",
      "y ~ y + x|formula 'y ~ y + x': the response 'y' also appears on the right-hand side",
      "y ~ log(x,|formula 'y ~ log(x,' at position 11: expected a variable, number or '(' but found end of formula",
  })
  void parseErrorsNamePositionAndExpectation(String formula, String message) {
    assertThatThrownBy(() -> TermExpander.expand(Formula.parse(formula), List.of(), null))
        .isInstanceOf(FormulaException.class)
        .hasMessage(message);
  }

  @Test
  void emptyFormulaIsRejected() {
    assertThatThrownBy(() -> Formula.parse("  "))
        .hasMessage("formula is empty (expected e.g. 'y ~ x1 + x2')");
  }
}
