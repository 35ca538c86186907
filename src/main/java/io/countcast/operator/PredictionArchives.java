package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.countcast.api.ForecastWindow;
import io.countcast.api.TrainingSpan;
import io.countcast.signal.HistoryStore;
import io.countcast.signal.ModelVersion;
import io.countcast.signal.OwnerInfo;
import io.countcast.signal.PredictionArchive;
import io.countcast.signal.SeriesArrays;
import io.countcast.signal.StoredPredictions;
import io.countcast.signal.WindowPrediction;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction archive of each CountForecast (see {@link PredictionArchive}), loaded from its
 * ConfigMap once and kept between reconciles. Each reconcile archives the forecasts of the
 * windows that closed and, after a training, numbers the new model (one more than the last,
 * remembered across operator restarts), stamps that version on the model and on each forecast
 * window, and keeps the new forecasts until their windows close.
 *
 * <p>The archive informs; it never decides a scaling action. So a failed write is logged and
 * the archive reloaded next time rather than failing the reconcile, and a corrupt ConfigMap
 * (the tenant can edit it) is replaced by a fresh archive.
 */
final class PredictionArchives {

  private static final Logger LOG = LoggerFactory.getLogger(PredictionArchives.class);

  private record Entry(int capacity, PredictionArchive archive, String resourceVersion) {}

  private final HistoryStore store;
  private final Map<String, Entry> byUid = new ConcurrentHashMap<>();

  PredictionArchives(KubernetesClient client) {
    this.store = new HistoryStore(client);
  }

  /**
   * Archives what closed in {@code history}, records {@code trained} (may be null) as the new
   * model version, saves the archive if it changed, and returns it.
   */
  PredictionArchive update(CountForecast forecast, ForecastPlan plan, SeriesArrays history,
      TrainedForecast trained, Instant now) {
    String uid = forecast.getMetadata().getUid();
    String namespace = forecast.getMetadata().getNamespace();
    String name = forecast.getMetadata().getName();
    Entry entry = entry(forecast, plan);
    int capacity = entry.capacity();
    PredictionArchive archive = entry.archive();
    long windowSeconds = plan.windows().windowSeconds();
    boolean changed = archive.close(history, windowSeconds);
    if (trained != null && history.size() > 0) {
      stamp(archive, trained, history, windowSeconds, now);
      changed = true;
    }
    String resourceVersion = entry.resourceVersion();
    if (changed) {
      try {
        resourceVersion = store.savePredictions(namespace, owner(forecast), archive,
            resourceVersion);
      } catch (RuntimeException e) {
        // A conflict, an API error, or an archive too large for a ConfigMap.
        LOG.warn("CountForecast {}/{}: cannot save the prediction archive, reloading it next "
            + "time: {}", namespace, name, CountForecastReconciler.oneLine(e));
        byUid.remove(uid);
        return archive;
      }
    }
    byUid.put(uid, new Entry(capacity, archive, resourceVersion));
    return archive;
  }

  /** The current model version of {@code forecast}, or null before the first (loads once). */
  ModelVersion model(CountForecast forecast, ForecastPlan plan) {
    return entry(forecast, plan).archive().model();
  }

  private Entry entry(CountForecast forecast, ForecastPlan plan) {
    String uid = forecast.getMetadata().getUid();
    int capacity = PredictionArchive.capacityFor(plan.windows().historyWindows());
    Entry entry = byUid.get(uid);
    if (entry == null || entry.capacity() != capacity) {
      entry = load(forecast.getMetadata().getNamespace(), forecast.getMetadata().getName(),
          capacity);
      byUid.put(uid, entry);
    }
    return entry;
  }

  /** Forgets a deleted CountForecast. */
  void remove(String uid) {
    byUid.remove(uid);
  }

  private Entry load(String namespace, String name, int capacity) {
    StoredPredictions stored = store.loadPredictions(namespace, name, capacity).orElse(null);
    if (stored == null) {
      return new Entry(capacity, PredictionArchive.empty(capacity), null);
    }
    if (stored.isCorrupt()) {
      LOG.warn("CountForecast {}/{}: prediction archive discarded: {}", namespace, name,
          stored.corruption());
      return new Entry(capacity, PredictionArchive.empty(capacity), stored.resourceVersion());
    }
    return new Entry(capacity, stored.archive(), stored.resourceVersion());
  }

  /** Numbers the new model and stamps its version on the status shapes and the archive. */
  private static void stamp(PredictionArchive archive, TrainedForecast trained,
      SeriesArrays history, long windowSeconds, Instant now) {
    long[] starts = history.epochSeconds();
    ModelVersion model = archive.retrained(starts[0], starts[starts.length - 1] + windowSeconds,
        now.getEpochSecond());
    trained.model().setVersion(model.version());
    TrainingSpan span = new TrainingSpan();
    span.setStart(StatusAggregator.rfc3339(Instant.ofEpochSecond(model.trainedFromEpochSecond())));
    span.setEnd(StatusAggregator.rfc3339(Instant.ofEpochSecond(model.trainedToEpochSecond())));
    trained.model().setTrainedOn(span);
    List<WindowPrediction> pending = new ArrayList<>(trained.windows().size());
    for (int i = 0; i < trained.windows().size(); i++) {
      ForecastWindow w = trained.windows().get(i);
      w.setModelVersion(model.version());
      if (!trained.distributions().isEmpty()) {
        pending.add(WindowPrediction.of(Instant.parse(w.getStart()).getEpochSecond(),
            w.getExpected(), w.getLower(), w.getUpper(), model.version(),
            trained.distributions().get(i)));
      }
    }
    archive.forecast(pending);
  }

  private static OwnerInfo owner(CountForecast forecast) {
    return new OwnerInfo(forecast.getApiVersion(), forecast.getKind(),
        forecast.getMetadata().getName(), forecast.getMetadata().getUid());
  }
}
