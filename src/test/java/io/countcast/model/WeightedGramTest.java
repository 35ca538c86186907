package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The unrolled X'WX kernel against the textbook triple loop, for odd and even p and any n. */
class WeightedGramTest {

  @Test
  void matchesTheNaiveSumsForOddAndEvenWidthsAndRemainderRows() {
    Random random = new Random(3);
    for (int p = 1; p <= 7; p++) {
      for (int n : new int[] {1, 3, 4, 7, 50, 2 * RowChunks.CHUNK_ROWS + 5}) {
        double[] x = new double[n * p];
        double[] w = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
          w[i] = random.nextDouble();
          z[i] = random.nextGaussian();
          for (int j = 0; j < p; j++) {
            x[i * p + j] = random.nextGaussian();
          }
        }
        double[] xtwx = new double[p * p];
        double[] xtwz = new double[p];
        WeightedGram.accumulate(x, n, p, w, z, xtwx, xtwz);
        for (int a = 0; a < p; a++) {
          double wantZ = 0;
          for (int i = 0; i < n; i++) {
            wantZ += w[i] * x[i * p + a] * z[i];
          }
          assertThat(xtwz[a]).isCloseTo(wantZ, within(1e-9 * n));
          for (int b = 0; b < p; b++) {
            double want = 0;
            for (int i = 0; i < n; i++) {
              want += w[i] * x[i * p + a] * x[i * p + b];
            }
            assertThat(xtwx[a * p + b]).as("p=%d n=%d (%d,%d)", p, n, a, b)
                .isCloseTo(want, within(1e-9 * n));
          }
        }
      }
    }
  }
}
