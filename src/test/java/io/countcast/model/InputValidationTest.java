package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad input is refused with a one-line {@link ModelException} naming the row or column. */
class InputValidationTest {

  private static final DesignMatrix X = new DesignMatrix(List.of("(Intercept)", "x1"), 4,
      new double[] {1, 0.1, 1, 0.7, 1, -0.3, 1, 1.2});

  private static FitResult fit(double[] y, DesignMatrix x) {
    return CountRegression.fit(ModelData.of(y, x), FitOptions.defaults(Family.NB2));
  }

  @Test
  void emptyData() {
    DesignMatrix empty = new DesignMatrix(List.of("(Intercept)"), 0, new double[0]);
    assertThatThrownBy(() -> fit(new double[0], empty)).isInstanceOf(ModelException.class)
        .hasMessage("no data: the model needs at least one observation");
  }

  @Test
  void negativeCountNamesTheRow() {
    assertThatThrownBy(() -> fit(new double[] {1, 2, -1, 3}, X))
        .isInstanceOf(ModelException.class).hasMessage("count at row 3 is negative (-1.0)");
  }

  @Test
  void nonIntegerCountNamesTheRow() {
    assertThatThrownBy(() -> fit(new double[] {1, 2.5, 1, 3}, X))
        .isInstanceOf(ModelException.class).hasMessage("count at row 2 is not a whole number (2.5)");
  }

  @Test
  void nanAndInfiniteCounts() {
    assertThatThrownBy(() -> fit(new double[] {Double.NaN, 2, 1, 3}, X))
        .isInstanceOf(ModelException.class).hasMessage("count at row 1 is missing (NaN)");
    assertThatThrownBy(() -> fit(new double[] {1, 2, 1, Double.POSITIVE_INFINITY}, X))
        .isInstanceOf(ModelException.class).hasMessage("count at row 4 is infinite");
  }

  @Test
  void nonFiniteDesignOffsetWeight() {
    double[] v = X.values().clone();
    v[5] = Double.NaN;
    DesignMatrix bad = new DesignMatrix(X.names(), 4, v);
    double[] y = {1, 2, 0, 3};
    assertThatThrownBy(() -> fit(y, bad)).isInstanceOf(ModelException.class)
        .hasMessage("design value at row 3, column 'x1' is not finite (NaN)");
    assertThatThrownBy(() -> CountRegression.fit(
        new ModelData(y, X, new double[] {0, Double.NEGATIVE_INFINITY, 0, 0}, null, null),
        FitOptions.defaults(Family.POISSON)))
        .hasMessage("offset at row 2 is not finite (-Infinity)");
    assertThatThrownBy(() -> CountRegression.fit(
        new ModelData(y, X, null, new double[] {1, 1, -2, 1}, null),
        FitOptions.defaults(Family.POISSON)))
        .hasMessage("weight at row 3 is negative (-2.0)");
  }

  @Test
  void fewerRowsThanCoefficients() {
    DesignMatrix wide = new DesignMatrix(List.of("(Intercept)", "a", "b"), 2,
        new double[] {1, 0.5, 2, 1, 0.1, 3});
    assertThatThrownBy(() -> fit(new double[] {1, 2}, wide)).isInstanceOf(ModelException.class)
        .hasMessage("too few observations: 2 rows for 3 coefficients");
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void collinearColumnIsNamed(Family family) {
    Simulated sim = new Simulated(3);
    DesignMatrix base = sim.design(50, 2, 1);
    double[] v = new double[50 * 4];
    for (int i = 0; i < 50; i++) {
      v[i * 4] = 1;
      v[i * 4 + 1] = base.get(i, 1);
      v[i * 4 + 2] = base.get(i, 2);
      v[i * 4 + 3] = 2 * base.get(i, 1) - base.get(i, 2);
    }
    DesignMatrix x = new DesignMatrix(List.of("(Intercept)", "x1", "x2", "x3"), 50, v);
    double[] y = sim.poisson(Simulated.means(x, new double[] {1, 0.2, 0.1, 0}));
    assertThatThrownBy(() -> CountRegression.fit(ModelData.of(y, x), FitOptions.defaults(family)))
        .isInstanceOf(ModelException.class)
        .hasMessage("singular design: column 'x3' is collinear with others");
  }

  @Test
  void allZeroColumnIsNamed() {
    DesignMatrix x = new DesignMatrix(List.of("(Intercept)", "x1", "empty"), 4,
        new double[] {1, 0.1, 0, 1, 0.7, 0, 1, -0.3, 0, 1, 1.2, 0});
    assertThatThrownBy(() -> fit(new double[] {1, 2, 0, 3}, x))
        .hasMessage("singular design: column 'empty' is all zeros");
  }

  @Test
  void allZeroCountsAreRefused() {
    assertThatThrownBy(() -> fit(new double[4], X)).isInstanceOf(ModelException.class)
        .hasMessage("all counts are zero: a count model needs at least one positive count");
  }
}
