package io.countcast.operator;

import static io.countcast.api.ActionState.COOLDOWN;
import static io.countcast.api.ActionState.DRY_RUN;
import static io.countcast.api.ActionState.EXTERNAL_CHANGE;
import static io.countcast.api.ActionState.IDLE;
import static io.countcast.api.ActionState.RAISED;

import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ForecastWindow;
import io.countcast.operator.FloorDecision.FloorWrite;
import io.countcast.operator.FloorDecision.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what a floor action (ScaleHPA, Headroom) does to one object on one reconcile. Pure:
 * the forecast, the clock, the plan, the previous {@code status.action} and the object's
 * {@link HpaFloor} in, a {@link FloorDecision} out, so every rule is unit-tested. The rules are
 * written for the HPA's minReplicas; they hold alike for any raised field ({@link Subject}).
 *
 * <p>Rules (docs/actions.md explains them for users):
 * <ul>
 *   <li>A <em>surging window</em> is a forecast window whose exceedProbability reaches
 *       spec.surge.probability. A surge is <em>due</em> while some surging window has not ended
 *       and starts within leadTime.</li>
 *   <li>Raise only on a fresh forecast (not stale, not Degraded, at most two trainEvery old),
 *       and only above what the HPA has without us; the floor is min(surgeMinReplicas,
 *       maxReplicas). The original minReplicas is recorded once, in an annotation.</li>
 *   <li>A raised floor is kept while a surge is due, even on stale data (it restores on
 *       schedule). When no surge is due the cooldown starts at the end of the last surging
 *       window (or now, if the forecast dropped the surge), and after it the floor is restored
 *       to max(original, other owners' floors).</li>
 *   <li>If minReplicas is not what our annotations call for, or our annotation vanished, someone
 *       else changed the HPA: their value becomes the original, our claim is dropped and the
 *       HPA is left alone until the surge is over (ExternalChange).</li>
 *   <li>Dry run: the same decisions on a virtual HPA remembered in status.action, never
 *       written; a floor raised before dryRun was set is restored for real.</li>
 * </ul>
 */
public final class SurgeFloorPolicy {

  /** Prefix of the reasons of dry-run decisions; how a dry-run Cooldown is told apart. */
  public static final String DRY_RUN_PREFIX = "dry run: ";

  /**
   * What the decisions' messages call the raised field.
   *
   * @param object the kind of object, e.g. "HPA"
   * @param field the raised field, e.g. "minReplicas"
   */
  public record Subject(String object, String field) {

    /** An HPA's minReplicas. */
    public static final Subject HPA = new Subject("HPA", "minReplicas");
  }

  /**
   * Everything one decision depends on.
   *
   * @param now the reconcile time
   * @param surgeMinReplicas spec.action.surgeMinReplicas
   * @param leadTime spec.action.leadTime
   * @param cooldown spec.action.cooldown
   * @param level spec.surge.probability
   * @param windows the published forecast windows (status.forecast), oldest first
   * @param fresh whether the forecast may raise a floor ({@link #isFresh})
   * @param dryRun spec.action.dryRun
   * @param previous the previous status.action, or null
   * @param hpa the HPA's current floor
   * @param subject what the messages call the raised field
   */
  public record Inputs(Instant now, int surgeMinReplicas, Duration leadTime, Duration cooldown,
      double level, List<ForecastWindow> windows, boolean fresh, boolean dryRun,
      ActionStatus previous, HpaFloor hpa, Subject subject) {

    public Inputs {
      Objects.requireNonNull(now, "now");
      windows = windows == null ? List.of() : List.copyOf(windows);
      Objects.requireNonNull(hpa, "hpa");
      Objects.requireNonNull(subject, "subject");
    }

    /** The inputs of an HPA floor decision. */
    public Inputs(Instant now, int surgeMinReplicas, Duration leadTime, Duration cooldown,
        double level, List<ForecastWindow> windows, boolean fresh, boolean dryRun,
        ActionStatus previous, HpaFloor hpa) {
      this(now, surgeMinReplicas, leadTime, cooldown, level, windows, fresh, dryRun, previous,
          hpa, Subject.HPA);
    }
  }

  /** The decision for {@code in}. */
  public FloorDecision decide(Inputs in) {
    ActionStatus prev = in.previous();
    ActionState prevState = prev == null || prev.getState() == null ? IDLE : prev.getState();
    HpaFloor hpa = in.hpa();
    if (in.dryRun()) {
      if (hpa.mine() != null) {
        return releaseNow(hpa, in.subject(), in.now(),
            "dryRun was set while the floor was raised: ");
      }
      hpa = virtual(hpa, prev, prevState);
    } else if (hpa.mine() != null && hpa.minReplicas() != hpa.expectedMinReplicas()) {
      return externalChange(hpa, in.subject(), in.now());
    } else if (hpa.mine() == null && (prevState == RAISED
        || prevState == COOLDOWN && !isDryRun(prev))) {
      String object = in.subject().object();
      return new FloorDecision(EXTERNAL_CHANGE, "the " + HpaFloor.FLOOR_PREFIX + "* annotation "
          + "of this CountForecast was removed from the " + object + " (" + in.subject().field()
          + " " + hpa.minReplicas() + "); the " + object + " is left alone until the next surge",
          in.now(), hpa.minReplicas(), null,
          null, Kind.EXTERNAL_CHANGE);
    }
    boolean due = surgeDue(in.windows(), in.now(), in.leadTime(), in.level());
    if (prevState == EXTERNAL_CHANGE && hpa.mine() == null) {
      return due ? same(prev, in.now())
          : idle(in, "the surge is over; the next surge may raise the floor again");
    }
    HpaFloor.Direction way = hpa.direction();
    int wanted = way.capped(in.surgeMinReplicas(), hpa.maxReplicas());
    if (hpa.mine() != null) {
      return due ? keep(in, hpa, wanted) : coolOrRestore(in, hpa, prev, prevState);
    }
    if (in.windows().isEmpty()) {
      return idle(in, "no forecast yet");
    }
    if (!due) {
      return idle(in, "no surge forecast within leadTime " + in.leadTime().toString().substring(2)
          .toLowerCase());
    }
    if (!in.fresh()) {
      return idle(in, "a surge is forecast, but the forecast is stale or degraded; no floor is "
          + "raised on it");
    }
    int base = hpa.original() != null ? hpa.original() : hpa.minReplicas();
    if (way.reaches(base, wanted)) {
      return idle(in, in.subject().object() + " " + in.subject().field() + " " + base
          + " is already at or " + (way == HpaFloor.Direction.RAISE ? "above the surge floor "
              : "below the surge target ") + wanted);
    }
    return raise(in, hpa, wanted);
  }

  /**
   * Releases this CountForecast's floor on {@code hpa} (action switched off, CountForecast
   * deleted, HPA no longer the target): minReplicas back to max(original, other owners'
   * floors). Empty when it holds no floor there.
   */
  public Optional<FloorDecision> release(HpaFloor hpa, Instant now, String why) {
    return release(hpa, Subject.HPA, now, why);
  }

  /** {@link #release(HpaFloor, Instant, String)} of any raised field. */
  public Optional<FloorDecision> release(HpaFloor floor, Subject subject, Instant now,
      String why) {
    return floor.mine() == null ? Optional.empty()
        : Optional.of(releaseNow(floor, subject, now, why));
  }

  private static FloorDecision releaseNow(HpaFloor hpa, Subject subject, Instant now,
      String why) {
    return new FloorDecision(IDLE, why + subject.field() + " restored to " + hpa.withoutMine(),
        now, null, null, restoreWrite(hpa), Kind.RESTORED);
  }

  private static FloorDecision raise(Inputs in, HpaFloor hpa, int wanted) {
    int original = hpa.original() != null ? hpa.original() : hpa.minReplicas();
    HpaFloor.Direction way = hpa.direction();
    int applied = way.capped(way.beyond(hpa.minReplicas(), wanted), hpa.maxReplicas());
    String what = " " + in.subject().field() + " " + hpa.minReplicas() + " to " + applied
        + " for a surge forecast within leadTime";
    String raised = way == HpaFloor.Direction.RAISE ? "raised" : "lowered";
    if (in.dryRun()) {
      return new FloorDecision(DRY_RUN, DRY_RUN_PREFIX + "would have " + raised + what,
          in.now(), original, wanted, null, Kind.WOULD_RAISE);
    }
    return new FloorDecision(RAISED, raised + what, in.now(), original, applied,
        new FloorWrite(applied, original, wanted), Kind.RAISED);
  }

  /** Owned and a surge is due: keep the floor (updated if surgeMinReplicas changed). */
  private static FloorDecision keep(Inputs in, HpaFloor hpa, int wanted) {
    ActionState state = in.dryRun() ? DRY_RUN : RAISED;
    HpaFloor.Direction way = hpa.direction();
    int applied = way.capped(way.beyond(hpa.withoutMine(), wanted), hpa.maxReplicas());
    FloorWrite write = in.dryRun() || hpa.mine() == wanted ? null
        : new FloorWrite(applied, hpa.original(), wanted);
    Instant since = sameState(in.previous(), state) ? since(in.previous(), in.now()) : in.now();
    String reason = (in.dryRun() ? DRY_RUN_PREFIX + "would keep" : "keeping") + " "
        + in.subject().field() + " at " + applied + " while a surge is forecast within leadTime";
    return new FloorDecision(state, reason, since, hpa.original(),
        in.dryRun() ? wanted : applied, write, Kind.NONE);
  }

  private static FloorDecision coolOrRestore(Inputs in, HpaFloor hpa, ActionStatus prev,
      ActionState prevState) {
    Instant start = prevState == COOLDOWN && prev.getLastTransitionTime() != null
        ? since(prev, in.now())
        : lastEndedSurgeEnd(in.windows(), in.now(), in.level()).orElse(in.now());
    Instant until = start.plus(in.cooldown());
    if (in.now().isBefore(until)) {
      String reason = (in.dryRun() ? DRY_RUN_PREFIX + "would keep" : "surge over; keeping")
          + " " + in.subject().field() + " at " + hpa.expectedMinReplicas() + " until "
          + StatusAggregator.rfc3339(until) + " (cooldown)";
      return new FloorDecision(COOLDOWN, reason, start, hpa.original(),
          in.dryRun() ? hpa.mine() : hpa.expectedMinReplicas(), null, Kind.NONE);
    }
    if (in.dryRun()) {
      return new FloorDecision(IDLE, DRY_RUN_PREFIX + "would have restored "
          + in.subject().field() + " to " + hpa.withoutMine() + " after the cooldown", in.now(),
          null, null, null, Kind.WOULD_RESTORE);
    }
    return releaseNow(hpa, in.subject(), in.now(), "cooldown over: ");
  }

  private static FloorDecision externalChange(HpaFloor hpa, Subject subject, Instant now) {
    int theirs = hpa.minReplicas();
    // Other owners keep their claims, now measured against the new original.
    FloorWrite write = new FloorWrite(null, hpa.others().isEmpty() ? null : theirs, null);
    return new FloorDecision(EXTERNAL_CHANGE, subject.object() + " " + subject.field()
        + " was changed to " + theirs + " by someone else (Countcast had set "
        + hpa.expectedMinReplicas() + "); " + theirs + " is the new original and the "
        + subject.object() + " is left alone until the next surge", now, theirs,
        null, write, Kind.EXTERNAL_CHANGE);
  }

  private static FloorWrite restoreWrite(HpaFloor hpa) {
    return new FloorWrite(hpa.withoutMine(), hpa.others().isEmpty() ? null : hpa.original(), null);
  }

  /** The HPA as it would be had the dry run acted: its floor remembered in status.action. */
  private static HpaFloor virtual(HpaFloor real, ActionStatus prev, ActionState prevState) {
    boolean held = prev != null && prev.getAppliedMinReplicas() != null
        && (prevState == DRY_RUN || prevState == COOLDOWN && isDryRun(prev));
    if (!held) {
      return real;
    }
    int original = prev.getOriginalMinReplicas() != null ? prev.getOriginalMinReplicas()
        : real.minReplicas();
    int mine = prev.getAppliedMinReplicas();
    HpaFloor.Direction way = real.direction();
    return new HpaFloor(way.capped(way.beyond(original, mine), real.maxReplicas()),
        real.maxReplicas(), original, mine, Map.of(), way);
  }

  private static FloorDecision idle(Inputs in, String reason) {
    Instant since = sameState(in.previous(), IDLE) ? since(in.previous(), in.now()) : in.now();
    return new FloorDecision(IDLE, (in.dryRun() ? DRY_RUN_PREFIX : "") + reason, since, null,
        null, null, Kind.NONE);
  }

  private static FloorDecision same(ActionStatus prev, Instant now) {
    return new FloorDecision(prev.getState(), prev.getReason() == null ? "" : prev.getReason(),
        since(prev, now), prev.getOriginalMinReplicas(), prev.getAppliedMinReplicas(), null,
        Kind.NONE);
  }

  private static boolean sameState(ActionStatus prev, ActionState state) {
    return prev != null && prev.getState() == state;
  }

  private static boolean isDryRun(ActionStatus prev) {
    return prev != null && prev.getReason() != null && prev.getReason().startsWith(DRY_RUN_PREFIX);
  }

  /** prev's lastTransitionTime, or {@code now} when it has none or it cannot be read. */
  private static Instant since(ActionStatus prev, Instant now) {
    try {
      return prev.getLastTransitionTime() == null ? now : Instant.parse(prev.getLastTransitionTime());
    } catch (DateTimeParseException e) {
      return now;
    }
  }

  /** True while some surging window has not ended and starts within {@code leadTime}. */
  public static boolean surgeDue(List<ForecastWindow> windows, Instant now, Duration leadTime,
      double level) {
    Instant horizon = now.plus(leadTime);
    return windows.stream().filter(w -> surging(w, level))
        .anyMatch(w -> end(w).isAfter(now) && !start(w).isAfter(horizon));
  }

  /** Start of the first surging window that has not ended. */
  public static Optional<Instant> nextSurgeStart(List<ForecastWindow> windows, Instant now,
      double level) {
    return windows.stream().filter(w -> surging(w, level) && end(w).isAfter(now))
        .map(SurgeFloorPolicy::start).min(Instant::compareTo);
  }

  /** End of the last surging window that has ended. */
  static Optional<Instant> lastEndedSurgeEnd(List<ForecastWindow> windows, Instant now,
      double level) {
    return windows.stream().filter(w -> surging(w, level)).map(SurgeFloorPolicy::end)
        .filter(end -> !end.isAfter(now)).max(Instant::compareTo);
  }

  /**
   * Whether {@code status}'s forecast may raise a floor: a model exists, the forecast is not
   * stale, Degraded is not True, and the forecast is at most two {@code trainEvery} old.
   */
  public static boolean isFresh(CountForecastStatus status, Duration trainEvery, Instant now) {
    if (status == null || status.getModel() == null || ForecastMetrics.isDegraded(status)
        || status.getLastForecastTime() == null) {
      return false;
    }
    try {
      Instant forecastAt = Instant.parse(status.getLastForecastTime());
      return !now.isAfter(forecastAt.plus(trainEvery.multipliedBy(2)));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean surging(ForecastWindow w, double level) {
    return w.getExceedProbability() != null && w.getExceedProbability() >= level
        && w.getStart() != null && w.getEnd() != null;
  }

  private static Instant start(ForecastWindow w) {
    return Instant.parse(w.getStart());
  }

  private static Instant end(ForecastWindow w) {
    return Instant.parse(w.getEnd());
  }
}
