package io.countcast.series;

/** Accumulates one model's {@link WindowScore}s into {@link ForecastScores}. */
final class ScoreCard {

  private int n;
  private double absError;
  private double scale;
  private double logScore;
  private double crps;
  private double interval80;
  private double interval90;
  private int in50;
  private int in80;
  private int in90;
  private int pitInside;
  private double brier;

  /**
   * Adds one window.
   *
   * @param maseScale the in-sample seasonal-naive MAE of the window's fold
   */
  void add(WindowScore w, double maseScale) {
    long y = w.observed();
    n++;
    absError += w.absError();
    scale += maseScale;
    logScore += w.logScore();
    crps += w.crps();
    interval80 += w.interval80();
    interval90 += w.interval90();
    in50 += WindowScore.inside(w.lower50(), w.upper50(), y) ? 1 : 0;
    in80 += WindowScore.inside(w.lower80(), w.upper80(), y) ? 1 : 0;
    in90 += WindowScore.inside(w.lower90(), w.upper90(), y) ? 1 : 0;
    pitInside += w.pit() >= 0.05 && w.pit() <= 0.95 ? 1 : 0;
    brier += w.brier();
  }

  int count() {
    return n;
  }

  ForecastScores scores() {
    return new ForecastScores(n, logScore / n, crps / n, interval80 / n, interval90 / n,
        absError / n, scale > 0 ? absError / scale : Double.NaN, (double) in50 / n,
        (double) in80 / n, (double) in90 / n, (double) pitInside / n, brier / n);
  }
}
