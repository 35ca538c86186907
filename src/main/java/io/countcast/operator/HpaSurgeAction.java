package io.countcast.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.TargetKind;
import io.countcast.operator.FloorDecision.FloorWrite;
import io.countcast.operator.FloorDecision.Kind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's act step: annotates the target and its HPA with the surge forecast (Annotate,
 * ScaleHPA) and raises and restores the HPA floor as {@link SurgeFloorPolicy} decides
 * (ScaleHPA). Writes are JSON merge patches of only the fields Countcast owns
 * (spec.minReplicas and {@code countcast.io/*} annotations), with field manager
 * {@value #FIELD_MANAGER}; floor writes carry the HPA's resourceVersion, so a concurrent edit
 * makes them fail (and be decided again on the next tick) instead of overwriting it.
 *
 * <p>A floor this CountForecast holds on an HPA that is no longer its target, or when the action
 * is switched to None or Annotate, or when the CountForecast is deleted, is restored.
 */
public final class HpaSurgeAction implements SurgeAction {

  /** Field manager of every write, as managedFields and Argo CD show it. */
  public static final String FIELD_MANAGER = "countcast";
  private static final Logger LOG = LoggerFactory.getLogger(HpaSurgeAction.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PatchContext MERGE = new PatchContext.Builder()
      .withPatchType(PatchType.JSON_MERGE).withFieldManager(FIELD_MANAGER).build();

  private final KubernetesClient client;
  private final ForecastEvents events;
  private final ForecastMetrics metrics;
  private final Clock clock;
  private final SurgeFloorPolicy policy = new SurgeFloorPolicy();
  /**
   * By CountForecast uid: false once this process has checked that it holds no floor since its
   * action stopped being ScaleHPA. Unknown (a new process) or ScaleHPA means it may hold one:
   * status.action can lag the HPA (it is written after it, and its patch can fail), so the HPAs
   * themselves are checked, once, instead of trusting the status.
   */
  private final Map<String, Boolean> mayHoldFloor = new ConcurrentHashMap<>();
  /** By CountForecast uid: the last AnnotationInvalid message reported, so it is sent once. */
  private final Map<String, String> lastInvalid = new ConcurrentHashMap<>();

  public HpaSurgeAction(KubernetesClient client, ForecastMetrics metrics, Clock clock) {
    this.client = client;
    this.events = new ForecastEvents(client);
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * {@inheritDoc}
   *
   * <p>An API error (HPAs cannot be listed, a write is forbidden, …) never fails the reconcile:
   * it keeps the previous state with the error as reason and a Warning Event {@code
   * ActionFailed} (once per message); the next reconcile tries again.
   */
  @Override
  public ActionStatus act(CountForecast forecast, ForecastPlan plan, CountForecastStatus next) {
    Instant now = clock.instant();
    try {
      return actOrThrow(forecast, plan, next, now);
    } catch (KubernetesClientException e) {
      return failed(forecast, next.getAction(), Reasons.ACTION_FAILED,
          "surge action failed: " + CountForecastReconciler.oneLine(e), now);
    }
  }

  private ActionStatus actOrThrow(CountForecast forecast, ForecastPlan plan,
      CountForecastStatus next, Instant now) {
    ActionStatus previous = next.getAction();
    // Without a valid plan nothing is known about the action: hold no floor, as for None.
    ActionType type = plan == null ? ActionType.NONE : plan.action().type();
    if (type == ActionType.SCALE_HPA) {
      return scale(forecast, plan, next, previous, now);
    }
    ActionStatus status = previous;
    List<HorizontalPodAutoscaler> hpas = null;
    String uid = forecast.getMetadata().getUid();
    boolean reportedHeld = previous != null && (previous.getState() == ActionState.RAISED
        || previous.getState() == ActionState.COOLDOWN);
    if (reportedHeld || mayHoldFloor.getOrDefault(uid, true)) {
      hpas = hpas(forecast);
      String why = plan == null ? "the spec is invalid"
          : "action.type is " + ForecastPlan.typeName(type);
      Optional<ActionStatus> released = releaseAll(forecast, hpas, null, now, why + ": ");
      mayHoldFloor.put(uid, false);
      status = released.orElse(reportedHeld ? idle(why, now) : previous);
    }
    if (type == ActionType.ANNOTATE) {
      HorizontalPodAutoscaler hpa = find(hpas == null ? hpas(forecast) : hpas, plan);
      annotate(forecast, plan, next, hpa, now);
    }
    return status;
  }

  @Override
  public void release(CountForecast forecast) {
    releaseAll(forecast, hpas(forecast), null, clock.instant(), "CountForecast deleted: ");
    forget(forecast.getMetadata().getUid());
  }

  @Override
  public void forget(String uid) {
    mayHoldFloor.remove(uid);
    lastInvalid.remove(uid);
  }

  private ActionStatus scale(CountForecast forecast, ForecastPlan plan, CountForecastStatus next,
      ActionStatus previous, Instant now) {
    mayHoldFloor.put(forecast.getMetadata().getUid(), true);
    List<HorizontalPodAutoscaler> hpas = hpas(forecast);
    HorizontalPodAutoscaler target = find(hpas, plan);
    releaseAll(forecast, hpas, target, now, "the HPA is no longer this CountForecast's target: ");
    ActionStatus status = target == null ? hpaNotFound(forecast, plan, previous, now)
        : decideAndWrite(forecast, plan, next, previous, target, now);
    // After the floor write: that one carries the resourceVersion we read.
    annotate(forecast, plan, next, target, now);
    return status;
  }

  private ActionStatus decideAndWrite(CountForecast forecast, ForecastPlan plan,
      CountForecastStatus next, ActionStatus previous, HorizontalPodAutoscaler target,
      Instant now) {
    ForecastPlan.ActionPlan action = plan.action();
    String key = ownerKey(forecast);
    HpaFloor.Read read = HpaFloor.read(target, key,
        previous == null ? null : previous.getOriginalMinReplicas());
    reportInvalid(forecast, target, read.invalid(), now);
    HpaFloor floor = read.floor();
    FloorDecision decision;
    if (floor.mine() == null && read.invalid().stream().anyMatch(i -> i.startsWith(key + "="))) {
      // Our own floor annotation was overwritten with garbage: restore the floor safely.
      decision = policy.release(new HpaFloor(floor.minReplicas(), floor.maxReplicas(),
          floor.original(), floor.minReplicas(), floor.others()), now,
          "annotation " + key + " was not a valid floor: ").orElseThrow();
    } else {
      decision = policy.decide(new SurgeFloorPolicy.Inputs(now,
          action.surgeMinReplicas(), action.leadTime(), action.cooldown(),
          plan.surge().probability(), next.getForecast(),
          SurgeFloorPolicy.isFresh(next, plan.model().trainEvery(), now),
          action.dryRun(), previous, floor));
    }
    if (decision.write() != null) {
      try {
        writeFloor(target, ownerKey(forecast), decision.write());
      } catch (KubernetesClientException e) {
        return writeFailed(forecast, previous, target, e, now);
      }
    }
    report(forecast, decision, now);
    return decision.toStatus();
  }

  private ActionStatus hpaNotFound(CountForecast forecast, ForecastPlan plan,
      ActionStatus previous, Instant now) {
    String namespace = forecast.getMetadata().getNamespace();
    String hpaName = plan.action().hpaName();
    String reason = hpaName != null
        ? "HPA " + namespace + "/" + hpaName + " does not exist"
        : "no HPA in namespace " + namespace + " scales " + plan.target();
    if (previous != null && previous.getState() == ActionState.IDLE
        && reason.equals(previous.getReason())) {
      return previous; // reported already; an unchanged status is not patched again
    }
    events.warn(forecast, new Problem(Reasons.HPA_NOT_FOUND, reason), now);
    return idle(reason, now);
  }

  /** A Warning Event AnnotationInvalid when the HPA's unusable annotations changed. */
  private void reportInvalid(CountForecast forecast, HorizontalPodAutoscaler hpa,
      List<String> invalid, Instant now) {
    String uid = forecast.getMetadata().getUid();
    if (invalid.isEmpty()) {
      lastInvalid.remove(uid);
      return;
    }
    String message = "HPA " + hpa.getMetadata().getName() + ": " + String.join("; ", invalid)
        + "; ignored, and the floor kept within minReplicas..maxReplicas";
    if (!message.equals(lastInvalid.put(uid, message))) {
      LOG.info("CountForecast {}/{}: {}", forecast.getMetadata().getNamespace(),
          forecast.getMetadata().getName(), message);
      events.warn(forecast, new Problem(Reasons.ANNOTATION_INVALID, message), now);
    }
  }

  /** The HPAs in the CountForecast's namespace. */
  private List<HorizontalPodAutoscaler> hpas(CountForecast forecast) {
    return client.autoscaling().v2().horizontalPodAutoscalers()
        .inNamespace(forecast.getMetadata().getNamespace()).list().getItems();
  }

  /** Restores this CountForecast's floor on each of {@code hpas} except {@code keep}. */
  private Optional<ActionStatus> releaseAll(CountForecast forecast,
      List<HorizontalPodAutoscaler> hpas, HorizontalPodAutoscaler keep, Instant now, String why) {
    String key = ownerKey(forecast);
    ActionStatus last = null;
    for (HorizontalPodAutoscaler hpa : hpas) {
      if (keep != null && keep.getMetadata().getName().equals(hpa.getMetadata().getName())) {
        continue;
      }
      var decision = policy.release(HpaFloor.of(hpa, key), now,
          why + "HPA " + hpa.getMetadata().getName() + " ");
      if (decision.isPresent()) {
        writeFloor(hpa, key, decision.get().write());
        report(forecast, decision.get(), now);
        last = decision.get().toStatus();
      }
    }
    return Optional.ofNullable(last);
  }

  private void writeFloor(HorizontalPodAutoscaler hpa, String key, FloorWrite write) {
    Map<String, Object> annotations = new HashMap<>();
    annotations.put(HpaFloor.ORIGINAL, write.original() == null ? null : write.original().toString());
    annotations.put(key, write.mine() == null ? null : write.mine().toString());
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("resourceVersion", hpa.getMetadata().getResourceVersion());
    metadata.put("annotations", annotations);
    Map<String, Object> patch = new HashMap<>();
    patch.put("metadata", metadata);
    if (write.minReplicas() != null) {
      patch.put("spec", Map.of("minReplicas", write.minReplicas()));
    }
    client.autoscaling().v2().horizontalPodAutoscalers()
        .inNamespace(hpa.getMetadata().getNamespace()).withName(hpa.getMetadata().getName())
        .patch(MERGE, json(patch));
  }

  /** Records the decision's Normal Event and counts it. */
  private void report(CountForecast forecast, FloorDecision decision, Instant now) {
    String reason = switch (decision.event()) {
      case RAISED -> Reasons.SURGE_FLOOR_RAISED;
      case RESTORED -> Reasons.SURGE_FLOOR_RESTORED;
      case EXTERNAL_CHANGE -> Reasons.EXTERNAL_CHANGE;
      case WOULD_RAISE -> Reasons.DRY_RUN_SURGE_FLOOR_RAISED;
      case WOULD_RESTORE -> Reasons.DRY_RUN_SURGE_FLOOR_RESTORED;
      case NONE -> null;
    };
    if (reason != null) {
      events.normal(forecast, reason, decision.reason(), now);
      metrics.countAction(metricType(decision.event()));
    }
  }

  static String metricType(Kind kind) {
    return switch (kind) {
      case RAISED -> "raise";
      case RESTORED -> "restore";
      case EXTERNAL_CHANGE -> "externalChange";
      case WOULD_RAISE -> "dryRunRaise";
      case WOULD_RESTORE -> "dryRunRestore";
      case NONE -> "none";
    };
  }

  /**
   * A failed floor write: a conflict (someone wrote the HPA since we read it) is decided again
   * on the next tick; anything else is a Warning Event, once per message.
   */
  private ActionStatus writeFailed(CountForecast forecast, ActionStatus previous,
      HorizontalPodAutoscaler hpa, KubernetesClientException e, Instant now) {
    if (e.getCode() == 409) {
      LOG.info("HPA {}/{} changed while CountForecast {} decided; deciding again next tick",
          hpa.getMetadata().getNamespace(), hpa.getMetadata().getName(),
          forecast.getMetadata().getName());
      return previous;
    }
    return failed(forecast, previous, Reasons.HPA_WRITE_FAILED, "cannot write HPA "
        + hpa.getMetadata().getName() + ": " + CountForecastReconciler.oneLine(e), now);
  }

  /** The previous state with {@code message} as reason; a Warning Event when the reason is new. */
  private ActionStatus failed(CountForecast forecast, ActionStatus previous, String eventReason,
      String message, Instant now) {
    ActionStatus status = previous == null ? idle(message, now) : copy(previous);
    if (previous == null || !message.equals(previous.getReason())) {
      events.warn(forecast, new Problem(eventReason, message), now);
    }
    status.setReason(message);
    return status;
  }

  /** Writes the surge annotations on the target workload and {@code hpa} where they changed. */
  private void annotate(CountForecast forecast, ForecastPlan plan, CountForecastStatus next,
      HorizontalPodAutoscaler hpa, Instant now) {
    if (plan.action().dryRun()) {
      return;
    }
    Map<String, String> wanted = ForecastAnnotations.of(next, plan.surge().probability(), now);
    if (wanted.isEmpty()) {
      return;
    }
    try {
      ForecastPlan.TargetPlan ref = plan.target();
      String namespace = forecast.getMetadata().getNamespace();
      var workload = ref.kind() == TargetKind.STATEFUL_SET
          ? client.apps().statefulSets().inNamespace(namespace).withName(ref.name())
          : client.apps().deployments().inNamespace(namespace).withName(ref.name());
      HasMetadata current = workload.get();
      if (current != null) {
        patchAnnotations(current, wanted, changes -> workload.patch(MERGE, changes));
      }
      if (hpa != null) {
        patchAnnotations(hpa, wanted, changes -> client.autoscaling().v2()
            .horizontalPodAutoscalers().inNamespace(namespace)
            .withName(hpa.getMetadata().getName()).patch(MERGE, changes));
      }
    } catch (KubernetesClientException e) {
      events.warn(forecast, new Problem(Reasons.ANNOTATE_FAILED,
          "cannot annotate the surge forecast: " + CountForecastReconciler.oneLine(e)), now);
    }
  }

  private void patchAnnotations(HasMetadata object, Map<String, String> wanted,
      Consumer<String> patch) {
    Map<String, String> changes = ForecastAnnotations.changes(
        object.getMetadata().getAnnotations(), wanted);
    if (!changes.isEmpty()) {
      patch.accept(json(Map.of("metadata", Map.of("annotations", changes))));
      metrics.countAction("annotate");
    }
  }

  /** The HPA the plan names, or else the one whose scaleTargetRef is the target. */
  static HorizontalPodAutoscaler find(List<HorizontalPodAutoscaler> hpas, ForecastPlan plan) {
    String hpaName = plan.action().hpaName();
    ForecastPlan.TargetPlan target = plan.target();
    return hpas.stream().filter(h -> hpaName != null
        ? hpaName.equals(h.getMetadata().getName())
        : h.getSpec().getScaleTargetRef() != null
            && target.kindName().equals(h.getSpec().getScaleTargetRef().getKind())
            && target.name().equals(h.getSpec().getScaleTargetRef().getName()))
        .findFirst().orElse(null);
  }

  static String ownerKey(CountForecast forecast) {
    return HpaFloor.ownerKey(forecast.getMetadata().getNamespace(),
        forecast.getMetadata().getName());
  }

  private static ActionStatus idle(String reason, Instant now) {
    ActionStatus status = new ActionStatus();
    status.setState(ActionState.IDLE);
    status.setReason(reason);
    status.setLastTransitionTime(StatusAggregator.rfc3339(now));
    return status;
  }

  private static ActionStatus copy(ActionStatus status) {
    return JSON.convertValue(status, ActionStatus.class);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a patch", e);
    }
  }
}
