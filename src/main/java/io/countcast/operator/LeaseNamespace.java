package io.countcast.operator;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;

/**
 * The namespace of the leader-election Lease and where it came from, so the log can say why
 * the Lease is where it is.
 *
 * <p>In order: the namespace given ({@code --lease-namespace}, or {@code POD_NAMESPACE} in the
 * Deployment); else the client's namespace (the kubeconfig context's namespace, or in a pod the
 * service account's namespace); else {@code default}. JOSDK on its own stops with "Lease
 * namespace is not set and cannot be inferred" when a plain admin kubeconfig names no namespace,
 * which is the common case out of the cluster.
 *
 * @param namespace the Lease's namespace
 * @param source where it came from, for the log
 */
record LeaseNamespace(String namespace, String source) {

  /** The namespace used when nothing names one, as kubectl does. */
  static final String FALLBACK = "default";

  /**
   * @param given the namespace the options or environment name, or null
   * @param client the Kubernetes client's configuration
   */
  static LeaseNamespace resolve(String given, Config client) {
    if (given != null && !given.isBlank()) {
      return new LeaseNamespace(given, "--lease-namespace / POD_NAMESPACE");
    }
    String inferred = client.getNamespace();
    if (inferred != null && !inferred.isBlank()) {
      NamedContext context = client.getCurrentContext();
      boolean fromContext = context != null && context.getContext() != null
          && inferred.equals(context.getContext().getNamespace());
      return new LeaseNamespace(inferred, fromContext
          ? "the namespace of kubeconfig context " + context.getName()
          : "the client's namespace (service account or KUBERNETES_NAMESPACE)");
    }
    return new LeaseNamespace(FALLBACK, "no --lease-namespace, POD_NAMESPACE or kubeconfig "
        + "context namespace; using " + FALLBACK);
  }
}
