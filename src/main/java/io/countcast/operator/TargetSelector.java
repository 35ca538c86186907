package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.countcast.api.TargetKind;
import io.countcast.signal.InformerWatch;
import io.countcast.signal.NamespaceCaches;
import io.countcast.signal.NamespaceWatch;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.Function;

/**
 * Finds the pods a CountForecast's restart signal counts: the explicit
 * {@code signal.podRestarts.selector}, or else the target workload's own pod selector. The target
 * must exist either way (for every signal), since it is what a later action scales.
 *
 * <p>The target is read from a cache of the namespace's Deployments (or StatefulSets), one
 * watch per namespace with CountForecasts targeting that kind, holding slim copies (name, uid,
 * pod selector). A deleted target leaves the cache when the watch hears of it, so the next tick
 * reports TargetNotFound; a target recreated under the same name comes back with its new
 * selector. While the cache is not current (still listing, or its watch is down) the tick GETs
 * the target instead.
 */
final class TargetSelector {

  private final KubernetesClient client;
  private final NamespaceCaches<Deployment> deployments;
  private final NamespaceCaches<StatefulSet> statefulSets;

  TargetSelector(KubernetesClient client) {
    this(client, deploymentCaches(client), new NamespaceCaches<>(namespace -> InformerWatch.start(
        client.apps().statefulSets().inNamespace(namespace), namespace, TargetSelector::slim)));
  }

  /** With the caches given, so a test can wait for one to be current. */
  TargetSelector(KubernetesClient client, NamespaceCaches<Deployment> deployments,
      NamespaceCaches<StatefulSet> statefulSets) {
    this.client = client;
    this.deployments = deployments;
    this.statefulSets = statefulSets;
  }

  /** One cache of slim Deployments per namespace. */
  static NamespaceCaches<Deployment> deploymentCaches(KubernetesClient client) {
    return new NamespaceCaches<>(namespace -> InformerWatch.start(
        client.apps().deployments().inNamespace(namespace), namespace, TargetSelector::slim));
  }

  /** Forgets {@code uid}'s use of the target caches (its CountForecast is gone). */
  void release(String uid) {
    deployments.release(uid);
    statefulSets.release(uid);
  }

  /**
   * The pod selector of {@code forecast}'s restart signal. Whether it matches any pod is left to
   * the restart collector, which lists the pods anyway ({@link #noPodsSelected}).
   *
   * @throws ProblemException TargetNotFound, or NoPodsSelected when there is no selector
   */
  LabelSelector resolve(CountForecast forecast, ForecastPlan plan) {
    String namespace = forecast.getMetadata().getNamespace();
    LabelSelector targetSelector = targetSelector(forecast, plan.target());
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
    targetSelector(forecast, plan.target());
  }

  /** The target's pod selector, or null if it has none; TargetNotFound if it is missing. */
  private LabelSelector targetSelector(CountForecast forecast, ForecastPlan.TargetPlan target) {
    return target.kind() == TargetKind.STATEFUL_SET
        ? targetSelector(forecast, target, statefulSets, deployments, client.apps().statefulSets(),
            set -> set.getSpec() == null ? null : set.getSpec().getSelector())
        : targetSelector(forecast, target, deployments, statefulSets, client.apps().deployments(),
            deployment -> deployment.getSpec() == null ? null : deployment.getSpec().getSelector());
  }

  /**
   * The target of one kind: from its namespace's cache while that is current, else by a GET. The
   * CountForecast holds only the cache of its target's kind ({@code otherKind} is released).
   */
  private <T extends HasMetadata> LabelSelector targetSelector(CountForecast forecast,
      ForecastPlan.TargetPlan target, NamespaceCaches<T> caches, NamespaceCaches<?> otherKind,
      MixedOperation<T, ?, ? extends Resource<T>> api, Function<T, LabelSelector> podSelector) {
    String namespace = forecast.getMetadata().getNamespace();
    String uid = forecast.getMetadata().getUid();
    otherKind.release(uid);
    NamespaceWatch<T> cached = caches.use(uid, namespace);
    T workload = cached != null ? cached.get(target.name())
        : api.inNamespace(namespace).withName(target.name()).get();
    if (workload == null) {
      throw new ProblemException(Reasons.TARGET_NOT_FOUND, "spec.targetRef: " + target.kindName()
          + " " + namespace + "/" + target.name() + " does not exist");
    }
    return podSelector.apply(workload);
  }

  /** The copy of a Deployment the cache keeps: its identity and pod selector. */
  static Deployment slim(Deployment deployment) {
    return new DeploymentBuilder().withMetadata(slim(deployment.getMetadata()))
        .withNewSpec().withSelector(deployment.getSpec() == null ? null
            : deployment.getSpec().getSelector()).endSpec().build();
  }

  /** The copy of a StatefulSet the cache keeps: its identity and pod selector. */
  static StatefulSet slim(StatefulSet set) {
    return new StatefulSetBuilder().withMetadata(slim(set.getMetadata()))
        .withNewSpec().withSelector(set.getSpec() == null ? null
            : set.getSpec().getSelector()).endSpec().build();
  }

  private static ObjectMeta slim(ObjectMeta meta) {
    return new ObjectMetaBuilder().withName(meta.getName()).withNamespace(meta.getNamespace())
        .withUid(meta.getUid()).withResourceVersion(meta.getResourceVersion()).build();
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
