package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the reconciler when a CountForecast leaves this operator's informer: deleted, or
 * relabelled out of this shard's {@code --selector} (the API server's watch then reports it as
 * deleted, though it still exists and another shard now selects it). JOSDK calls
 * {@link io.javaoperatorsdk.operator.api.reconciler.Cleaner}
 * only for a real deletion, so without this a shard would keep a departed resource's collector,
 * training record and gauges for good.
 *
 * <p>Nothing in the cluster is touched here: the history lives in the CountForecast's own
 * ConfigMap and a raised HPA floor is recorded under the CountForecast's key, so both move with
 * the resource and the shard that now selects it carries on from them.
 *
 * <p>An event source only in name: it produces no events, it listens to JOSDK's broadcast of
 * the primary resource's events ({@link ResourceEventAware}).
 */
final class ShardDepartures extends AbstractEventSource<CountForecast, CountForecast>
    implements ResourceEventAware<CountForecast> {

  private static final Logger LOG = LoggerFactory.getLogger(ShardDepartures.class);

  private final Consumer<CountForecast> forget;

  /** @param forget drops what the reconciler remembers of a CountForecast (idempotent) */
  ShardDepartures(Consumer<CountForecast> forget) {
    super(CountForecast.class, "shard-departures");
    this.forget = forget;
  }

  @Override
  public void onResourceDeleted(CountForecast forecast) {
    if (forecast.getMetadata().getDeletionTimestamp() == null) {
      LOG.info("CountForecast {}/{} left this operator's selector; its new shard takes over",
          forecast.getMetadata().getNamespace(), forecast.getMetadata().getName());
    }
    forget.accept(forecast);
  }

  @Override
  public Set<CountForecast> getSecondaryResources(CountForecast primary) {
    return Set.of();
  }
}
