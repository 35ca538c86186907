package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.model.data.SyntheticNb2;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two-thread row passes must not make results depend on thread timing: sums are added per
 * fixed chunk and then in chunk order, so they equal a one-thread evaluation bit for bit.
 */
class RowChunksTest {

  @Test
  void parallelSumEqualsTheChunkOrderedSequentialSum() {
    int n = 5 * RowChunks.CHUNK_ROWS + 123;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(i) * 1e3 + 1.0 / (i + 1);
    }
    // Large enough work per row to run on the fork-join pool.
    double[] got = RowChunks.sum(n, 2, 1_000, (from, to, out, at) -> {
      for (int i = from; i < to; i++) {
        out[at] += v[i];
        out[at + 1] += v[i] * v[i];
      }
    });
    double s = 0;
    double s2 = 0;
    for (int from = 0; from < n; from += RowChunks.CHUNK_ROWS) {
      double c = 0;
      double c2 = 0;
      for (int i = from; i < Math.min(n, from + RowChunks.CHUNK_ROWS); i++) {
        c += v[i];
        c2 += v[i] * v[i];
      }
      s += c;
      s2 += c2;
    }
    assertThat(got[0]).isEqualTo(s);
    assertThat(got[1]).isEqualTo(s2);
  }

  @Test
  void repeatedLargeNb2FitsAreBitIdentical() {
    ModelData data = SyntheticNb2.benchmark(60_000, 11);
    FitOptions options = FitOptions.defaults(Family.NB2);
    FitResult first = CountRegression.fit(data, options);
    for (int k = 0; k < 3; k++) {
      FitResult again = CountRegression.fit(data, options);
      assertThat(estimates(again.coefficients())).isEqualTo(estimates(first.coefficients()));
      assertThat(again.theta()).isEqualTo(first.theta());
      assertThat(again.logLik()).isEqualTo(first.logLik());
      assertThat(again.covariance()).isEqualTo(first.covariance());
    }
  }

  private static double[] estimates(List<Coefficient> coefficients) {
    return coefficients.stream().mapToDouble(Coefficient::estimate).toArray();
  }
}
