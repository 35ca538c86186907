package io.countcast.testing;

/**
 * API server flags for {@code @EnableKubeAPIServer(apiServerFlags = ...)}. Annotation attributes
 * must be compile-time constants, hence plain strings rather than an array constant.
 */
public final class KubeApiTestFlags {

  /** kube-api-test does not set {@code --bind-address}, so the API server would listen on all
   * interfaces; tests keep it on loopback. Use as {@code {BIND_ADDRESS, LOOPBACK}}. */
  public static final String BIND_ADDRESS = "--bind-address";

  /** The loopback address, value for {@link #BIND_ADDRESS}. */
  public static final String LOOPBACK = "127.0.0.1";

  private KubeApiTestFlags() {
  }
}
