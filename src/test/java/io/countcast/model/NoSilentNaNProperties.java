package io.countcast.model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Random small designs with NB counts: whatever the family, a fit either refuses the data with a
 * {@link ModelException} or returns a result, and a result that reports converged = true has no
 * NaN in any statistic of its family.
 */
class NoSilentNaNProperties {

  @Property(tries = 150)
  void convergedFitsCarryNoNaN(@ForAll long seed, @ForAll @IntRange(min = 8, max = 80) int n,
                               @ForAll @IntRange(min = 0, max = 3) int numeric,
                               @ForAll @IntRange(min = 1, max = 3) int levels,
                               @ForAll @DoubleRange(min = 0.2, max = 50) double theta,
                               @ForAll @DoubleRange(min = -3, max = 3) double intercept) {
    Simulated sim = new Simulated(seed);
    DesignMatrix x = sim.design(n, numeric, levels);
    double[] beta = new double[x.columns()];
    beta[0] = intercept;
    for (int j = 1; j < beta.length; j++) {
      beta[j] = sim.uniform(-1, 1);
    }
    double[] y = sim.nb2(Simulated.means(x, beta), theta);
    for (Family family : Family.values()) {
      FitResult r;
      try {
        r = CountRegression.fit(ModelData.of(y, x), FitOptions.defaults(family));
      } catch (ModelException refused) {
        continue; // e.g. all counts zero, or a random factor level that never occurs
      }
      DegenerateDataTest.assertNoSilentNaN(r);
    }
  }
}
