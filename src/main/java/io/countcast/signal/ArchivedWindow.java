package io.countcast.signal;

import io.countcast.model.CountDistribution;
import io.countcast.series.AnomalyScore;
import io.countcast.series.CountScores;
import java.util.SplittableRandom;

/**
 * A closed window beside the forecast made for it: one row of the prediction archive.
 *
 * @param prediction the forecast made before the window
 * @param endEpochSecond the window's end
 * @param observed the count observed in it
 * @param exposure the exposure observed in it
 */
public record ArchivedWindow(WindowPrediction prediction, long endEpochSecond, long observed,
    double exposure) {

  public ArchivedWindow {
    if (endEpochSecond <= prediction.startEpochSecond() || observed < 0 || !(exposure >= 0)
        || Double.isInfinite(exposure)) {
      throw new IllegalArgumentException("window " + prediction.startEpochSecond()
          + " has end " + endEpochSecond + ", count " + observed + " and exposure " + exposure
          + "; the end must follow the start, count and exposure finite and non-negative");
    }
  }

  public long startEpochSecond() {
    return prediction.startEpochSecond();
  }

  /** P(Y ≥ observed) under the forecast: {@link AnomalyScore}, countcast detect's score. */
  public double tailProbability() {
    return AnomalyScore.of(prediction.distribution(), observed);
  }

  /** log P(Y = observed) under the forecast. */
  public double logScore() {
    return prediction.distribution().logPmf(observed);
  }

  /** Whether the observed count lies in the forecast's central 90% interval. */
  public boolean covered90() {
    return observed >= prediction.lower() && observed <= prediction.upper();
  }

  /**
   * The randomized PIT value. Its uniform draw is seeded by the window's start, so the value
   * is the same whenever the window is scored (status, metrics, export).
   */
  public double pit() {
    CountDistribution p = prediction.distribution();
    return CountScores.randomizedPit(p, observed, pitDraw());
  }

  /** The uniform draw of the randomized PIT, seeded by the window's start. */
  public double pitDraw() {
    return new SplittableRandom(prediction.startEpochSecond()).nextDouble();
  }
}
