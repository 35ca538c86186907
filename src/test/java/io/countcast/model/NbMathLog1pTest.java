package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast log1p must match {@link Math#log1p} to a few ulps everywhere the fits use it. */
class NbMathLog1pTest {

  @Test
  void withinFourUlpsOfTheLibraryLog1p() {
    Random random = new Random(5);
    for (int k = 0; k < 200_000; k++) {
      // x = 10^e for e in [-20, 20], x = -0.99·10^e for e in [-20, 0], and x just above -1.
      double e = 40 * random.nextDouble() - 20;
      double x = k % 10 == 0 ? -1 + Math.pow(10, -16 * random.nextDouble())
          : random.nextBoolean() ? Math.pow(10, e) : -0.99 * Math.pow(10, Math.min(e, -e));
      double want = Math.log1p(x);
      assertThat(Math.abs(NbMath.log1p(x) - want)).as("log1p(%s)", x)
          .isLessThanOrEqualTo(4 * Math.ulp(want));
    }
  }

  @Test
  void edgeCasesAsTheLibrary() {
    assertThat(NbMath.log1p(0.0)).isEqualTo(0.0);
    assertThat(NbMath.log1p(1e-300)).isEqualTo(1e-300);
    assertThat(NbMath.log1p(-1.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(NbMath.log1p(-2.0)).isNaN();
    assertThat(NbMath.log1p(Double.NaN)).isNaN();
    assertThat(NbMath.log1p(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(NbMath.log1p(Double.MAX_VALUE)).isEqualTo(Math.log1p(Double.MAX_VALUE));
  }
}
