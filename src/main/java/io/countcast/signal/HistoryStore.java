package io.countcast.signal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a CountForecast's {@link SignalState} in a ConfigMap {@code <name>-countcast-history} in
 * the CountForecast's namespace, controlled by the CountForecast so it is garbage-collected with
 * it. Writes use optimistic concurrency: an update carries the resourceVersion that was read and
 * fails with {@link HistoryConflictException} if the ConfigMap changed in between.
 */
public final class HistoryStore {

  static final String NAME_SUFFIX = "-countcast-history";
  static final String PREDICTIONS_SUFFIX = "-countcast-predictions";
  static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  private final KubernetesClient client;

  public HistoryStore(KubernetesClient client) {
    this.client = client;
  }

  /** The ConfigMap name for the CountForecast named {@code ownerName}. */
  public static String configMapName(String ownerName) {
    return checkedName(ownerName, NAME_SUFFIX);
  }

  private static String checkedName(String ownerName, String suffix) {
    String name = ownerName + suffix;
    if (name.length() > 253) {
      throw new IllegalArgumentException("CountForecast name '" + ownerName
          + "' is too long: the history ConfigMap name would exceed 253 characters");
    }
    return name;
  }

  /**
   * Reads the state of the CountForecast {@code ownerName}, or empty if it was never saved. A
   * ConfigMap that cannot be decoded (the tenant can edit it) is returned as
   * {@link StoredSignalState#corrupt}, for the collector to start afresh and report.
   */
  public Optional<StoredSignalState> load(String namespace, String ownerName) {
    String name = configMapName(ownerName);
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
    if (map == null) {
      return Optional.empty();
    }
    String resourceVersion = map.getMetadata().getResourceVersion();
    try {
      SignalState state = SignalStateCodec.decode(map.getData(), "ConfigMap " + namespace + "/" + name);
      return Optional.of(new StoredSignalState(state, resourceVersion));
    } catch (IllegalArgumentException e) {
      return Optional.of(StoredSignalState.corrupt(resourceVersion, e.getMessage()));
    }
  }

  /**
   * Writes {@code state}: creates the ConfigMap when {@code expectedResourceVersion} is null,
   * otherwise replaces it only if it still has that resourceVersion.
   *
   * @return the new resourceVersion
   * @throws HistoryConflictException if the ConfigMap was created or changed by someone else
   */
  public String save(String namespace, OwnerInfo owner, SignalState state, String expectedResourceVersion) {
    return write(namespace, owner, configMapName(owner.name()), SignalStateCodec.encode(state),
        expectedResourceVersion);
  }

  private String write(String namespace, OwnerInfo owner, String name, Map<String, String> data,
      String expectedResourceVersion) {
    ConfigMap map = new ConfigMapBuilder()
        .withNewMetadata()
          .withName(name).withNamespace(namespace)
          .withResourceVersion(expectedResourceVersion)
          .addToLabels(MANAGED_BY_LABEL, "countcast")
          .addToOwnerReferences(owner.toControllerReference())
        .endMetadata()
        .withData(data)
        .build();
    try {
      ConfigMap written = expectedResourceVersion == null
          ? client.configMaps().inNamespace(namespace).resource(map).create()
          : client.configMaps().inNamespace(namespace).resource(map).update();
      return written.getMetadata().getResourceVersion();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        String what = expectedResourceVersion == null
            ? "was created by someone else since it was found missing"
            : "was changed by someone else since it was read at resourceVersion " + expectedResourceVersion;
        throw new HistoryConflictException(
            "ConfigMap " + namespace + "/" + name + " " + what + "; reload it and retry", e);
      }
      throw e;
    }
  }

  /**
   * The ConfigMap name of the prediction archive of the CountForecast named {@code ownerName}:
   * a sibling of the history's, written only by the reconciler (the history's is written by the
   * signal collector, and one writer per ConfigMap keeps optimistic concurrency free of
   * conflicts between the two).
   */
  public static String predictionsConfigMapName(String ownerName) {
    return checkedName(ownerName, PREDICTIONS_SUFFIX);
  }

  /**
   * Reads the prediction archive of the CountForecast {@code ownerName}, or empty if it was
   * never saved (as for every CountForecast created before the archive existed). A ConfigMap
   * that cannot be decoded is returned as corrupt, for the caller to start afresh and report.
   */
  public Optional<StoredPredictions> loadPredictions(String namespace, String ownerName,
      int capacity) {
    String name = predictionsConfigMapName(ownerName);
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
    if (map == null) {
      return Optional.empty();
    }
    String resourceVersion = map.getMetadata().getResourceVersion();
    try {
      return Optional.of(new StoredPredictions(PredictionArchiveCodec.decode(map.getData(),
          capacity, "ConfigMap " + namespace + "/" + name), resourceVersion, null));
    } catch (IllegalArgumentException e) {
      return Optional.of(new StoredPredictions(null, resourceVersion, e.getMessage()));
    }
  }

  /**
   * Writes the prediction archive, as {@link #save} writes the history.
   *
   * @return the new resourceVersion
   * @throws HistoryConflictException if the ConfigMap was created or changed by someone else
   */
  public String savePredictions(String namespace, OwnerInfo owner, PredictionArchive archive,
      String expectedResourceVersion) {
    return write(namespace, owner, predictionsConfigMapName(owner.name()),
        PredictionArchiveCodec.encode(archive), expectedResourceVersion);
  }
}
