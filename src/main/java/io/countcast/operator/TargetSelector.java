package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.countcast.api.TargetKind;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Finds the pods a CountForecast's restart signal counts: the explicit
 * {@code signal.podRestarts.selector}, or else the target workload's own pod selector. The target
 * must exist either way (for every signal), since it is what a later action scales.
 */
final class TargetSelector {

  private final KubernetesClient client;

  TargetSelector(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The pod selector of {@code forecast}'s restart signal. Whether it matches any pod is left to
   * the restart collector, which lists the pods anyway ({@link #noPodsSelected}).
   *
   * @throws ProblemException TargetNotFound, or NoPodsSelected when there is no selector
   */
  LabelSelector resolve(CountForecast forecast, ForecastPlan plan) {
    String namespace = forecast.getMetadata().getNamespace();
    LabelSelector targetSelector = targetSelector(namespace, plan.target());
    LabelSelector own = plan.signal().podRestarts().selector();
    LabelSelector selector = own != null ? own : targetSelector;
    if (selector == null) {
      throw new ProblemException(Reasons.NO_PODS_SELECTED,
          plan.target() + " has no spec.selector; set signal.podRestarts.selector");
    }
    return selector;
  }

  /** The problem of a selector that matches no pod in {@code namespace}. */
  static ProblemException noPodsSelected(String namespace, LabelSelector selector) {
    return new ProblemException(Reasons.NO_PODS_SELECTED,
        "no pod in namespace " + namespace + " matches the selector " + describe(selector));
  }

  /**
   * Checks that the target workload exists (signals that read no pods need only that).
   *
   * @throws ProblemException TargetNotFound
   */
  void requireTarget(CountForecast forecast, ForecastPlan plan) {
    targetSelector(forecast.getMetadata().getNamespace(), plan.target());
  }

  /** The target's pod selector, or null if it has none; TargetNotFound if it is missing. */
  private LabelSelector targetSelector(String namespace, ForecastPlan.TargetPlan target) {
    LabelSelector selector = null;
    boolean found;
    if (target.kind() == TargetKind.STATEFUL_SET) {
      StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(target.name()).get();
      found = set != null;
      selector = found && set.getSpec() != null ? set.getSpec().getSelector() : null;
    } else {
      Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(target.name()).get();
      found = deployment != null;
      selector = found && deployment.getSpec() != null ? deployment.getSpec().getSelector() : null;
    }
    if (!found) {
      throw new ProblemException(Reasons.TARGET_NOT_FOUND, "spec.targetRef: " + target.kindName()
          + " " + namespace + "/" + target.name() + " does not exist");
    }
    return selector;
  }

  private static String describe(LabelSelector selector) {
    StringBuilder out = new StringBuilder();
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((k, v) -> out.append(out.isEmpty() ? "" : ",").append(k).append('=').append(v));
    }
    if (selector.getMatchExpressions() != null) {
      selector.getMatchExpressions().forEach(e -> out.append(out.isEmpty() ? "" : ",")
          .append(e.getKey()).append(' ').append(e.getOperator()).append(' ').append(e.getValues()));
    }
    return out.isEmpty() ? "(everything)" : out.toString();
  }
}
