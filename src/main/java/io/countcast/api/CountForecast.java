package io.countcast.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A CountForecast watches one count signal of a workload (pod restarts, or any count a Prometheus
 * query returns), fits a count regression model to its history, forecasts the next windows and,
 * if asked, raises the workload's HPA {@code minReplicas} ahead of a forecast surge.
 *
 * <p>The CRD {@code countforecasts.countcast.io} is generated from this class at build time;
 * the {@code status} subresource is enabled because {@link CountForecastStatus} is the second
 * type argument.
 */
@Group(CountForecast.GROUP)
@Version(CountForecast.VERSION)
@ShortNames("cf")
@AdditionalPrinterColumn(name = "Signal", jsonPath = ".status.signalKind",
    getDescription = "Which signal is forecast: podRestarts or prometheus.")
@AdditionalPrinterColumn(name = "Family", jsonPath = ".status.model.family",
    getDescription = "Count family of the fitted model.")
@AdditionalPrinterColumn(name = "Expected", jsonPath = ".status.expectedNext", type = Type.NUMBER,
    getDescription = "Expected count in the next window.")
@AdditionalPrinterColumn(name = "Upper", jsonPath = ".status.upperNext", type = Type.INTEGER,
    getDescription = "Upper end of the 90% prediction interval for the next window.")
@AdditionalPrinterColumn(name = "SurgeP", jsonPath = ".status.surgeProbability",
    type = Type.NUMBER,
    getDescription = "Probability that some window within the horizon exceeds surge.threshold.")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    getDescription = "Status of the Ready condition.")
@AdditionalPrinterColumn(name = "Action",
    jsonPath = ".status.conditions[?(@.type==\"ActionReady\")].reason",
    getDescription = "Reason of the ActionReady condition: ActionApplied, or why the action is "
        + "not in effect (Forbidden, HpaNotFound, ...).")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class CountForecast extends CustomResource<CountForecastSpec, CountForecastStatus>
    implements Namespaced {

  /** API group of the resource. */
  public static final String GROUP = "countcast.io";

  /** API version of the resource within {@link #GROUP}. */
  public static final String VERSION = "v1alpha1";

  /** Overridden only to mark {@code spec} as required in the generated schema. */
  @Override
  @Required
  public CountForecastSpec getSpec() {
    return super.getSpec();
  }

  /**
   * Overridden to read {@code spec} leniently ({@link LenientSpecDeserializer}): one stored
   * object the operator's types cannot hold must not stop the informer for everyone.
   */
  @Override
  @JsonDeserialize(using = LenientSpecDeserializer.class)
  public void setSpec(CountForecastSpec spec) {
    super.setSpec(spec);
  }

  /** Overridden to read {@code status} leniently ({@link LenientStatusDeserializer}). */
  @Override
  @JsonDeserialize(using = LenientStatusDeserializer.class)
  public void setStatus(CountForecastStatus status) {
    super.setStatus(status);
  }
}
