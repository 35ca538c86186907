package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.countcast.series.ErrorBudget;
import io.countcast.signal.HistoryStore;
import io.countcast.signal.NamespaceCaches;
import io.countcast.signal.OwnerInfo;
import io.countcast.signal.PodRestartSource;
import io.countcast.signal.RestartSignalCollector;
import io.countcast.signal.SeriesArrays;
import io.countcast.signal.prometheus.PeriodTotalsSource;
import io.countcast.signal.prometheus.PrometheusClient;
import io.countcast.signal.prometheus.BackfillDeferredException;
import io.countcast.signal.prometheus.BackfillPacer;
import io.countcast.signal.prometheus.PrometheusException;
import io.countcast.signal.prometheus.PrometheusHttpClients;
import io.countcast.signal.prometheus.PrometheusQueryLimit;
import io.countcast.signal.prometheus.PrometheusSignalCollector;
import io.countcast.signal.prometheus.PrometheusSignalSource;
import io.countcast.signal.prometheus.QueryScope;
import io.countcast.signal.prometheus.SignalWindowing;
import io.countcast.signal.prometheus.promql.PromqlException;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One signal collector per CountForecast ({@link RestartSignalCollector} or
 * {@link PrometheusSignalCollector}), kept between reconciles: the restart collector holds the
 * open window in memory and persists only when a window closes, and both keep the loaded history.
 * A collector is rebuilt (from its ConfigMap) when what it was built from changes (window,
 * history length, pod selector; for Prometheus the queries, URL, credentials, TLS, timeout), and
 * dropped when its CountForecast is deleted.
 *
 * <p>JOSDK never reconciles one resource on two threads at once, so a collector is only ever
 * used by one thread at a time, as it requires.
 */
final class SignalCollectors {

  /** One collector tick: collects at {@code now} and returns the stored windows. */
  @FunctionalInterface
  interface ObservedSignal {
    Observed observe(Instant now);
  }

  /**
   * What one tick left in the store.
   *
   * @param history the stored windows
   * @param discardedHistory why a corrupt stored history was discarded (collection started
   *     afresh), or null
   * @param slo the SLO's errors and requests up to the latest stored window, or null without
   *     spec.slo or before the first window
   * @param retryAfter when this tick was put off (a Prometheus backfill waiting for its turn,
   *     {@link BackfillPacer}): tick again after this long; else null
   */
  record Observed(SeriesArrays history, String discardedHistory, SloCounts slo,
      Duration retryAfter) {

    Observed(SeriesArrays history, String discardedHistory, SloCounts slo) {
      this(history, discardedHistory, slo, null);
    }
  }

  /**
   * An SLO's errors and requests, counted by Prometheus until the end of the latest closed
   * window.
   *
   * @param countedUntil end of the spans (epoch seconds)
   * @param period totals over spec.slo.period
   * @param burnWindows totals over each of {@link #BURN_WINDOWS}, in that order
   */
  record SloCounts(long countedUntil, ErrorBudget.Totals period,
      List<ErrorBudget.Totals> burnWindows) {

    SloCounts {
      burnWindows = List.copyOf(burnWindows);
      if (burnWindows.size() != BURN_WINDOWS.size()) {
        throw new IllegalArgumentException("one total per burn window expected, got "
            + burnWindows.size());
      }
    }

    /** Totals over the last hour, the burn rate of status.errorBudget.burnRate. */
    ErrorBudget.Totals lastHour() {
      return burnWindows.get(BURN_WINDOWS.indexOf(Duration.ofHours(1)));
    }
  }

  /**
   * The windows of the SRE workbook's multiwindow burn-rate alerts (page: 1h and 5m; ticket: 6h
   * and 30m); the hour is also status.errorBudget.burnRate.
   */
  static final List<Duration> BURN_WINDOWS = List.of(Duration.ofMinutes(5),
      Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(6));

  private record RestartKey(long windowSeconds, int historyWindows, LabelSelector selector) {}

  private record PrometheusKey(long windowSeconds, int historyWindows,
      PrometheusSignals.Resolved resolved, Duration sloPeriod) {}

  private record Entry(Object key, ObservedSignal signal) {}

  private final KubernetesClient client;
  private final HistoryStore store;
  /** One HTTP client (and connection pool) for every CountForecast's Prometheus requests. */
  private final PrometheusHttpClients http;
  /** Spreads the Prometheus backfills of all CountForecasts over time. */
  private final BackfillPacer backfills = BackfillPacer.defaults();
  private final Map<String, Entry> byUid = new ConcurrentHashMap<>();
  /** The pods of the namespaces with restart CountForecasts, one watch per namespace. */
  private final NamespaceCaches<Pod> pods;

  /** @param prometheusLimit requests to Prometheus in flight at most, across all collectors */
  SignalCollectors(KubernetesClient client, PrometheusQueryLimit prometheusLimit) {
    this.client = client;
    this.store = new HistoryStore(client);
    this.http = new PrometheusHttpClients(prometheusLimit);
    this.pods = PodRestartSource.caches(client);
  }

  /**
   * The restart collector for {@code forecast} with these settings and selector; a tick that
   * finds no selected pod throws NoPodsSelected (see {@link TargetSelector#noPodsSelected}).
   */
  ObservedSignal restarts(CountForecast forecast, ForecastPlan plan,
      LabelSelector selector) {
    return collector(forecast,
        new RestartKey(plan.windows().windowSeconds(), plan.windows().historyWindows(), selector),
        () -> restartCollector(forecast, plan, selector));
  }

  /**
   * The Prometheus collector for {@code forecast}; its failures surface as
   * {@link ProblemException}s with the reasons of {@link PrometheusSignals#problem}.
   *
   * @throws ProblemException QueryRejected if a query cannot be confined to the namespace
   */
  ObservedSignal prometheus(CountForecast forecast, ForecastPlan plan,
      PrometheusSignals.Resolved resolved) {
    return collector(forecast,
        new PrometheusKey(plan.windows().windowSeconds(), plan.windows().historyWindows(),
            resolved, plan.slo() == null ? null : plan.slo().period()),
        () -> prometheusCollector(forecast, plan, resolved));
  }

  /**
   * Forgets the collector of a deleted CountForecast; its namespace's pod cache stops if no
   * other CountForecast uses it.
   */
  void remove(String uid) {
    byUid.remove(uid);
    backfills.forget(uid);
    pods.release(uid);
  }

  /**
   * The collector of {@code forecast} if it was built from {@code key}, else a new one. The new
   * one is built outside the map's locks: building parses the tenant's queries, and work inside
   * {@code ConcurrentHashMap.compute} would block every other CountForecast whose uid hashes to
   * the same bin. JOSDK reconciles one resource on one thread at a time, so nobody races for an
   * entry.
   */
  private ObservedSignal collector(CountForecast forecast, Object key,
      java.util.function.Supplier<ObservedSignal> create) {
    String uid = forecast.getMetadata().getUid();
    Entry current = byUid.get(uid);
    if (current != null && Objects.equals(current.key(), key)) {
      return current.signal();
    }
    if (current != null) {
      // Rebuilt (e.g. a new selector, or now a Prometheus signal): a restart collector registers
      // again on its first tick, so a namespace left without restart CountForecasts stops its cache.
      pods.release(uid);
    }
    Entry fresh = new Entry(key, create.get());
    byUid.put(uid, fresh);
    return fresh.signal();
  }

  private ObservedSignal restartCollector(CountForecast forecast, ForecastPlan plan,
      LabelSelector selector) {
    String namespace = forecast.getMetadata().getNamespace();
    RestartSignalCollector collector = new RestartSignalCollector(
        new PodRestartSource(client, namespace, selector, pods, forecast.getMetadata().getUid()),
        store, namespace, owner(forecast),
        plan.windows().window(), plan.windows().history());
    return now -> {
      // The tick's own read of the pods tells whether any is selected; no separate read needed.
      if (collector.tick(now).pods() == 0) {
        throw TargetSelector.noPodsSelected(namespace, selector);
      }
      return new Observed(collector.series(), collector.discardedHistory(), null);
    };
  }

  private ObservedSignal prometheusCollector(CountForecast forecast, ForecastPlan plan,
      PrometheusSignals.Resolved resolved) {
    String namespace = forecast.getMetadata().getNamespace();
    QueryScope scope = resolved.crossNamespace() ? QueryScope.crossNamespace()
        : QueryScope.confinedTo(namespace);
    PrometheusClient client = http.client(resolved.client());
    PrometheusSignalSource source;
    SloTotals slo;
    try {
      source = new PrometheusSignalSource(client, resolved.spec(), windowing(plan), scope);
      slo = plan.slo() == null ? null : new SloTotals(new PeriodTotalsSource(client,
          resolved.spec(), scope, spans(plan.slo().period())), plan.slo().period());
    } catch (PromqlException e) {
      throw new ProblemException(Reasons.QUERY_REJECTED,
          "spec.signal.prometheus: " + CountForecastReconciler.oneLine(e));
    }
    PrometheusSignalCollector collector = new PrometheusSignalCollector(source, store, namespace,
        owner(forecast), plan.windows().window(), plan.windows().historyWindows(), backfills);
    return now -> {
      try {
        collector.tick(now);
        SeriesArrays history = collector.series();
        return new Observed(history, collector.discardedHistory(),
            slo == null ? null : slo.until(history, plan.windows().windowSeconds()));
      } catch (BackfillDeferredException e) {
        return new Observed(collector.series(), collector.discardedHistory(), null, e.retryAfter());
      } catch (PrometheusException e) {
        throw PrometheusSignals.problem(e);
      }
    };
  }

  /**
   * The SLO's totals until the latest stored window, queried once per new window (the counts
   * cannot change until the next window closes).
   */
  private static final class SloTotals {
    private final PeriodTotalsSource source;
    private final Duration period;
    private SloCounts last;

    SloTotals(PeriodTotalsSource source, Duration period) {
      this.source = source;
      this.period = period;
    }

    SloCounts until(SeriesArrays history, long windowSeconds) {
      if (history.size() == 0) {
        return null;
      }
      long end = history.epochSeconds()[history.size() - 1] + windowSeconds;
      if (last == null || last.countedUntil() != end) {
        List<ErrorBudget.Totals> burns = new ArrayList<>(BURN_WINDOWS.size());
        for (Duration span : BURN_WINDOWS) {
          burns.add(totals(source.totals(span, end)));
        }
        last = new SloCounts(end, totals(source.totals(period, end)), burns);
      }
      return last;
    }

    private static ErrorBudget.Totals totals(PeriodTotalsSource.Totals t) {
      return new ErrorBudget.Totals(t.errors(), t.requests());
    }
  }

  /** The period and the burn windows, without repeats (a period of 1h is also a window). */
  private static List<Duration> spans(Duration period) {
    List<Duration> spans = new ArrayList<>(BURN_WINDOWS);
    if (!spans.contains(period)) {
      spans.add(period);
    }
    return spans;
  }

  /** Window grid of the Prometheus signal: the whole history, default settle delay. */
  static SignalWindowing windowing(ForecastPlan plan) {
    return SignalWindowing.of(plan.windows().window(), plan.windows().history());
  }

  private static OwnerInfo owner(CountForecast forecast) {
    return new OwnerInfo(forecast.getApiVersion(), forecast.getKind(),
        forecast.getMetadata().getName(), forecast.getMetadata().getUid());
  }
}
