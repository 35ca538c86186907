package io.countcast.series;

import io.countcast.model.CountDistribution;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's entry point: fit on a series' recent history and forecast the next windows.
 *
 * <p>Multi-step forecasts are direct (see {@link FeatureDesign}): step h uses a model whose lag
 * features reach back d ≥ h windows, so they only read windows before the
 * origin; nothing is simulated or plugged in.
 * The surge probability over the horizon is 1 − Π(1 − P(Y_h &gt; K)), which assumes the windows
 * are independent given their forecast means; with positively correlated bursts this
 * overstates the chance of a surge somewhere in the horizon, the safe direction for scaling up.
 */
public final class SeriesForecaster {

  private final CountEngine engine;

  public SeriesForecaster(CountEngine engine) {
    this.engine = engine;
  }

  /**
   * Forecasts the {@code spec.horizon()} windows that follow the last row of {@code history},
   * fitted on the rows of the training span before them.
   *
   * @throws IllegalArgumentException if the history is empty or has no usable training rows
   */
  public SeriesForecast forecast(CountSeries history, ForecastSpec spec) {
    if (history.size() == 0) {
      throw new IllegalArgumentException("the series has no observations");
    }
    long window = history.windowSeconds();
    long origin = history.start(history.size() - 1) + window;
    TrainingWindow training = new TrainingWindow(history, origin, spec.trainSeconds());
    FittedSeriesModel model = new SeriesModelFitter(engine).fit(training, spec);
    double[] scratch = new double[model.maxColumns()];
    List<SeriesForecast.WindowForecast> windows = new ArrayList<>();
    double noSurge = 1.0;
    for (int h = 1; h <= spec.horizon(); h++) {
      CountDistribution p = model.predict(engine, training.history(), origin, h,
          spec.exposureAt(h), scratch);
      long start = origin + (h - 1) * window;
      double exceed = p.exceedance(spec.threshold());
      noSurge *= 1.0 - exceed;
      windows.add(new SeriesForecast.WindowForecast(start, start + window, p.mean(),
          p.quantile(0.05), p.quantile(0.95), exceed, p));
    }
    return new SeriesForecast(windows, spec.threshold(), 1.0 - noSurge, model.describe());
  }
}
