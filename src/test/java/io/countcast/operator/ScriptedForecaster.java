package io.countcast.operator;

import io.countcast.api.ForecastWindow;
import io.countcast.api.ModelStatus;
import io.countcast.signal.SeriesArrays;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Forecaster} the test scripts: every training forecasts {@value #WINDOWS} windows of
 * {@link #WINDOW} from now (or a set delay later), or fails; each window exceeding the surge threshold with the probability the test
 * last set. Windows longer than the CountForecast's own keep a surge due between two trainings
 * even on a loaded machine; everything downstream of the forecast (status, decision, writes)
 * is the real operator's.
 */
final class ScriptedForecaster implements Forecaster {

  static final Duration WINDOW = Duration.ofSeconds(5);
  static final int WINDOWS = 4;

  private final Clock clock;
  private volatile double exceedProbability;
  private volatile Duration offset = Duration.ZERO;
  private volatile boolean failing;

  ScriptedForecaster(Clock clock) {
    this.clock = clock;
  }

  /** From the next training on, every window surges (probability 0.99) or none does (0.01). */
  void surge(boolean surging) {
    exceedProbability = surging ? 0.99 : 0.01;
  }

  /** From the next training on, the forecast windows start this long after the training. */
  void startAfter(Duration delay) {
    offset = delay;
  }

  /** From the next training on, every fit fails (FitFailed: Degraded, the forecast stale). */
  void fail(boolean fail) {
    failing = fail;
  }

  @Override
  public TrainedForecast train(SeriesArrays history, ForecastPlan plan) {
    if (failing) {
      throw new IllegalStateException("scripted fit failure");
    }
    Instant start = clock.instant().plus(offset);
    double p = exceedProbability;
    List<ForecastWindow> windows = new ArrayList<>();
    for (int i = 0; i < WINDOWS; i++) {
      ForecastWindow w = new ForecastWindow();
      w.setStart(StatusAggregator.rfc3339(start.plus(WINDOW.multipliedBy(i))));
      w.setEnd(StatusAggregator.rfc3339(start.plus(WINDOW.multipliedBy(i + 1))));
      w.setExpected(p > 0.5 ? 10.0 : 0.5);
      w.setLower(0);
      w.setUpper(p > 0.5 ? 20 : 2);
      w.setExceedProbability(p);
      windows.add(w);
    }
    ModelStatus model = new ModelStatus();
    model.setFamily("poisson");
    return new TrainedForecast(model, windows, 1 - Math.pow(1 - p, WINDOWS), null,
        history.size());
  }
}
