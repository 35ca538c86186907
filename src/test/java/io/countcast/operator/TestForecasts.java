package io.countcast.operator;

import io.countcast.api.ConditionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastSpec;
import io.countcast.api.ModelSpec;
import io.countcast.api.PodRestartsSignal;
import io.countcast.api.PrometheusSignal;
import io.countcast.api.Seasonality;
import io.countcast.api.SignalSpec;
import io.countcast.api.SurgeSpec;
import io.countcast.api.TargetKind;
import io.countcast.api.TargetRef;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CountForecasts as the end-to-end tests create them (restarts: one-second windows). */
final class TestForecasts {

  private TestForecasts() {}

  /** Forecasts restarts of Deployment {@code target}'s pods: 1 s windows, 4 s horizon. */
  static CountForecast restartForecast(String namespace, String name, String target,
      int minSamples) {
    TargetRef ref = new TargetRef();
    ref.setKind(TargetKind.DEPLOYMENT);
    ref.setName(target);
    SignalSpec signal = new SignalSpec();
    signal.setPodRestarts(new PodRestartsSignal());
    ModelSpec model = new ModelSpec();
    model.setSeasonality(List.of());
    SurgeSpec surge = new SurgeSpec();
    surge.setThreshold(2);
    surge.setProbability(0.5);
    CountForecastSpec spec = new CountForecastSpec();
    spec.setTargetRef(ref);
    spec.setSignal(signal);
    spec.setWindow("1s");
    spec.setHistory("10m");
    spec.setHorizon("4s");
    spec.setTrainEvery("3s");
    spec.setMinSamples(minSamples);
    spec.setModel(model);
    spec.setSurge(surge);
    CountForecast forecast = new CountForecast();
    forecast.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    forecast.setSpec(spec);
    return forecast;
  }

  /**
   * Forecasts a Prometheus query for Deployment {@code target}: 5 minute windows, two days of
   * history, a 1 h horizon, daily seasonality, no URL (the operator's default is used).
   */
  static CountForecast prometheusForecast(String namespace, String name, String target,
      String query, String exposureQuery) {
    CountForecast forecast = restartForecast(namespace, name, target, 100);
    PrometheusSignal prometheus = new PrometheusSignal();
    prometheus.setQuery(query);
    prometheus.setExposureQuery(exposureQuery);
    SignalSpec signal = new SignalSpec();
    signal.setPrometheus(prometheus);
    CountForecastSpec spec = forecast.getSpec();
    spec.setSignal(signal);
    spec.setWindow("5m");
    spec.setHistory("2d");
    spec.setHorizon("1h");
    spec.setTrainEvery("1h");
    spec.getModel().setSeasonality(List.of(Seasonality.DAILY));
    spec.getSurge().setThreshold(30);
    return forecast;
  }

  /** The same forecast with an explicit pod selector. */
  static CountForecast withSelector(CountForecast forecast, Map<String, String> labels) {
    forecast.getSpec().getSignal().getPodRestarts()
        .setSelector(new LabelSelectorBuilder().withMatchLabels(labels).build());
    return forecast;
  }

  /** The condition of that type, if the resource has a status with it. */
  static Optional<Condition> condition(CountForecast forecast, String type) {
    if (forecast == null || forecast.getStatus() == null) {
      return Optional.empty();
    }
    return forecast.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  /** True if the condition has that status and reason. */
  static boolean has(CountForecast forecast, String type, String status, String reason) {
    return condition(forecast, type)
        .filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason())).isPresent();
  }

  static boolean isReady(CountForecast forecast) {
    return has(forecast, ConditionType.READY, "True", Reasons.FORECAST_PUBLISHED);
  }
}
