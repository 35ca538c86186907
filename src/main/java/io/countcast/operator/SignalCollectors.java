package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.countcast.signal.HistoryStore;
import io.countcast.signal.OwnerInfo;
import io.countcast.signal.PodRestartSource;
import io.countcast.signal.RestartSignalCollector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RestartSignalCollector} per CountForecast, kept between reconciles because the
 * collector holds the open window in memory and persists only when a window closes. A collector
 * is rebuilt (from its ConfigMap) when the window, the history length or the pod selector
 * changes, and dropped when its CountForecast is deleted.
 *
 * <p>JOSDK never reconciles one resource on two threads at once, so a collector is only ever
 * used by one thread at a time, as it requires.
 */
final class SignalCollectors {

  private record Key(long windowSeconds, int historyWindows, LabelSelector selector) {}

  private record Entry(Key key, RestartSignalCollector collector) {}

  private final KubernetesClient client;
  private final HistoryStore store;
  private final Map<String, Entry> byUid = new ConcurrentHashMap<>();

  SignalCollectors(KubernetesClient client) {
    this.client = client;
    this.store = new HistoryStore(client);
  }

  /** The collector for {@code forecast} with these settings and selector. */
  RestartSignalCollector collectorFor(CountForecast forecast, ForecastSettings settings,
      LabelSelector selector) {
    Key key = new Key(settings.windowSeconds(), settings.historyWindows(), selector);
    String uid = forecast.getMetadata().getUid();
    Entry entry = byUid.compute(uid, (ignored, current) ->
        current != null && Objects.equals(current.key(), key) ? current
            : new Entry(key, newCollector(forecast, settings, selector)));
    return entry.collector();
  }

  /** Forgets the collector of a deleted CountForecast. */
  void remove(String uid) {
    byUid.remove(uid);
  }

  private RestartSignalCollector newCollector(CountForecast forecast, ForecastSettings settings,
      LabelSelector selector) {
    String namespace = forecast.getMetadata().getNamespace();
    OwnerInfo owner = new OwnerInfo(forecast.getApiVersion(), forecast.getKind(),
        forecast.getMetadata().getName(), forecast.getMetadata().getUid());
    return new RestartSignalCollector(new PodRestartSource(client, namespace, selector), store,
        namespace, owner, settings.window(),
        settings.window().multipliedBy(settings.historyWindows()));
  }
}
