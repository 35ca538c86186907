package io.countcast.operator;

import io.countcast.api.SpecLimits;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor of one object a surge action raises, as Countcast sees it: the raised field (an
 * HPA's {@code spec.minReplicas}, or the {@code spec.replicas} of a headroom placeholder or
 * CapacityBuffer, see {@link FloorTarget}), its upper limit and the annotations through which
 * every CountForecast that raised the floor records it, so the state survives operator restarts
 * and several CountForecasts can share one object:
 * <ul>
 *   <li>the original (for an HPA {@value #ORIGINAL}, else {@value #ORIGINAL_REPLICAS}): the
 *       value before the first owner raised it, written once;</li>
 *   <li>{@code countcast.io/floor.<namespace>.<name>}: the floor one CountForecast asked for.</li>
 * </ul>
 * While any owner is present the HPA's minReplicas is expected to be
 * {@link #expectedMinReplicas()} = max(original, every owner's floor); anything else means
 * someone outside Countcast changed it.
 *
 * @param minReplicas the raised field's value: the HPA's spec.minReplicas (1 when unset, the
 *     API default), or a placeholder's replicas
 * @param maxReplicas its upper limit: the HPA's spec.maxReplicas, or a headroom limit
 * @param original the recorded original minReplicas, or null when no owner is present
 * @param mine the floor of the CountForecast at hand, or null when it owns none
 * @param others the floors of the other owners, by annotation key
 * @param direction RAISE for a floor (the highest owner wins, capped at maxReplicas from
 *     above); LOWER for a ceiling such as an HPA's target utilization (the lowest owner wins,
 *     and {@code maxReplicas} is the limit from below)
 */
public record HpaFloor(int minReplicas, int maxReplicas, Integer original, Integer mine,
    Map<String, Integer> others, Direction direction) {

  /** Which way a surge moves the field. */
  public enum Direction {
    /** Raised for a surge: minReplicas, replicas. */
    RAISE,
    /** Lowered for a surge: a target utilization. */
    LOWER;

    /** The value further in this direction. */
    public int beyond(int a, int b) {
      return this == RAISE ? Math.max(a, b) : Math.min(a, b);
    }

    /** {@code value} kept within {@code limit}. */
    public int capped(int value, int limit) {
      return this == RAISE ? Math.min(value, limit) : Math.max(value, limit);
    }

    /** True when {@code value} is already at or beyond {@code wanted}. */
    public boolean reaches(int value, int wanted) {
      return this == RAISE ? value >= wanted : value <= wanted;
    }
  }

  /** A floor that is raised. */
  public HpaFloor(int minReplicas, int maxReplicas, Integer original, Integer mine,
      Map<String, Integer> others) {
    this(minReplicas, maxReplicas, original, mine, others, Direction.RAISE);
  }

  /** Annotation prefix of every Countcast annotation. */
  public static final String PREFIX = "countcast.io/";
  /** Annotation holding an HPA's minReplicas before the first owner raised it. */
  public static final String ORIGINAL = PREFIX + "original-min-replicas";
  /** Annotation holding a headroom object's replicas before the first owner raised them. */
  public static final String ORIGINAL_REPLICAS = PREFIX + "original-replicas";
  /** Prefix of the per-owner floor annotations. */
  public static final String FLOOR_PREFIX = PREFIX + "floor.";
  /** Longest name part of an annotation key (after the prefix). */
  private static final int MAX_NAME_LENGTH = 63;

  public HpaFloor {
    others = Map.copyOf(others);
    java.util.Objects.requireNonNull(direction, "direction");
  }

  /**
   * An HPA's floor as read, with the annotations that were not usable.
   *
   * @param floor the floor, every unusable annotation treated as absent (an unusable original
   *     replaced by the known one, see {@link #read})
   * @param invalid one line per unusable annotation: key, value and why
   */
  public record Read(HpaFloor floor, List<String> invalid) {

    public Read {
      invalid = List.copyOf(invalid);
    }
  }

  /** The floor of {@code hpa} seen by the owner with annotation key {@code ownerKey}. */
  public static HpaFloor of(HorizontalPodAutoscaler hpa, String ownerKey) {
    return read(hpa, ownerKey, null).floor();
  }

  /**
   * Reads the floor of {@code hpa} as the owner {@code ownerKey} sees it. The annotations live in
   * the tenant's namespace and may have been edited: a value that is not a whole number from 1
   * to {@value SpecLimits#MAX_SURGE_MIN_REPLICAS} is unusable. An unusable floor counts as
   * absent; an unusable original is replaced by {@code knownOriginal} (the one this owner
   * recorded in its status) when that is within 1..maxReplicas, else by the current
   * minReplicas. Every value the floor computes from is then within 1..maxReplicas, so no write
   * leaves the HPA's limits.
   */
  public static Read read(HorizontalPodAutoscaler hpa, String ownerKey, Integer knownOriginal) {
    Integer min = hpa.getSpec().getMinReplicas();
    int current = min == null ? 1 : min;
    Integer maxSpec = hpa.getSpec().getMaxReplicas();
    int max = maxSpec == null ? Math.max(current, 1) : maxSpec;
    return read(hpa.getMetadata().getAnnotations(), new Field(ORIGINAL, 1), current, max,
        ownerKey, knownOriginal);
  }

  /**
   * How the raised field is recorded: the key of its original annotation and the lowest value
   * it may have (an HPA's minReplicas is at least 1, a placeholder's replicas may be 0).
   */
  public record Field(String originalKey, int lowest, String ownerPrefix,
      Direction direction) {

    /** A raised field whose owners are recorded under {@value HpaFloor#FLOOR_PREFIX}. */
    public Field(String originalKey, int lowest) {
      this(originalKey, lowest, FLOOR_PREFIX, Direction.RAISE);
    }
  }

  /**
   * Reads the floor of an object with {@code annotations} whose raised field is {@code current}
   * and may be at most {@code max}, as {@link #read(HorizontalPodAutoscaler, String, Integer)}.
   */
  public static Read read(Map<String, String> objectAnnotations, Field field, int current,
      int max, String ownerKey, Integer knownOriginal) {
    Map<String, String> annotations = objectAnnotations == null ? Map.of() : objectAnnotations;
    List<String> invalid = new ArrayList<>();
    Map<String, Integer> others = new LinkedHashMap<>();
    Integer mine = null;
    boolean owned = false;
    for (Map.Entry<String, String> a : annotations.entrySet()) {
      if (a.getKey().startsWith(field.ownerPrefix())) {
        owned = true;
        Integer floor = parse(a.getKey(), a.getValue(), 1, invalid);
        if (a.getKey().equals(ownerKey)) {
          mine = floor;
        } else if (floor != null) {
          others.put(a.getKey(), floor);
        }
      }
    }
    // A recorded original without any floor annotation is a leftover; the current value is the
    // original. With one (even an unusable one, which is restored) the original is needed.
    Integer original = null;
    if (owned) {
      String key = field.originalKey();
      original = parse(key, annotations.get(key), field.lowest(), invalid);
      boolean mineUnusable = annotations.containsKey(ownerKey) && mine == null;
      if (original == null && (annotations.containsKey(key) || mineUnusable)) {
        boolean withinLimit = field.direction() == Direction.RAISE ? knownOriginal != null
            && knownOriginal <= max : knownOriginal != null && knownOriginal >= max;
        original = withinLimit && knownOriginal >= field.lowest() ? knownOriginal : current;
      }
    }
    return new Read(new HpaFloor(current, max, original, mine, others, field.direction()),
        invalid);
  }

  /**
   * The annotation key of the CountForecast {@code namespace/name}:
   * {@code countcast.io/floor.<namespace>.<name>}, or a hash of both when that is longer than
   * an annotation name may be (63 characters).
   */
  public static String ownerKey(String namespace, String name) {
    return ownerKey(FLOOR_PREFIX, namespace, name);
  }

  /** {@link #ownerKey(String, String)} under another owner prefix (PREFIX + "something."). */
  public static String ownerKey(String ownerPrefix, String namespace, String name) {
    String plain = ownerPrefix.substring(PREFIX.length()) + namespace + "." + name;
    if (plain.length() <= MAX_NAME_LENGTH) {
      return PREFIX + plain;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
      String kind = ownerPrefix.substring(PREFIX.length());
      return ownerPrefix + HexFormat.of().formatHex(hash)
          .substring(0, MAX_NAME_LENGTH - kind.length());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** True when some CountForecast (this one or another) has raised the floor. */
  public boolean anyOwner() {
    return mine != null || !others.isEmpty();
  }

  /** The value minReplicas would have without this CountForecast's floor. */
  public int withoutMine() {
    int floor = original == null ? minReplicas : original;
    for (int other : others.values()) {
      floor = direction.beyond(floor, other);
    }
    return direction.capped(floor, maxReplicas);
  }

  /** The minReplicas Countcast's annotations call for: max(original, all owners' floors). */
  public int expectedMinReplicas() {
    return mine == null ? withoutMine()
        : direction.capped(direction.beyond(withoutMine(), mine), maxReplicas);
  }

  /**
   * The annotation's whole number from {@code lowest} to the surge floor limit, or null (noted
   * as invalid).
   */
  private static Integer parse(String key, String value, int lowest, List<String> invalid) {
    if (value == null) {
      return null;
    }
    String text = value.strip();
    try {
      // A length check first: a huge value is not worth parsing.
      if (text.length() <= 7) {
        int parsed = Integer.parseInt(text);
        if (parsed >= lowest && parsed <= SpecLimits.MAX_SURGE_MIN_REPLICAS) {
          return parsed;
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    invalid.add(key + "='" + (text.length() > 20 ? text.substring(0, 20) + "…" : text)
        + "' is not a whole number from " + lowest + " to " + SpecLimits.MAX_SURGE_MIN_REPLICAS);
    return null;
  }
}
