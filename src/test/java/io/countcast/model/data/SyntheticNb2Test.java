package io.countcast.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.model.ModelData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticNb2Test {

  private static final double[] BETA = {1.5, 0.15, -0.1, 0.3, -0.2, 0.5};

  @Test
  void sameSeedSameDataAndTheDesignIsTreatmentCoded() {
    ModelData a = SyntheticNb2.generate(5000, 7, BETA, 2, 1.0, 2.0);
    ModelData b = SyntheticNb2.generate(5000, 7, BETA, 2, 1.0, 2.0);
    assertThat(a.y()).isEqualTo(b.y());
    assertThat(a.x().values()).isEqualTo(b.x().values());
    assertThat(a.x().names()).containsExactly("(Intercept)", "x1", "x2", "fb", "fc", "fd");
    for (int i = 0; i < a.n(); i++) {
      double dummies = a.x().get(i, 3) + a.x().get(i, 4) + a.x().get(i, 5);
      assertThat(dummies).isIn(0.0, 1.0);
    }
    // Mean of NB2 counts at x = 0, level a is e^1.5 ≈ 4.48; the sample mean overall is near it.
    assertThat(Arrays.stream(a.y()).average().orElseThrow()).isBetween(3.5, 8.0);
  }
}
