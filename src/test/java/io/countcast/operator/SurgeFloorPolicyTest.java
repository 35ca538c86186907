package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import io.countcast.api.ConditionType;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ForecastWindow;
import io.countcast.api.ModelStatus;
import io.countcast.operator.FloorDecision.FloorWrite;
import io.countcast.operator.FloorDecision.Kind;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of {@link SurgeFloorPolicy}, on hand-made forecasts and HPA floors. */
class SurgeFloorPolicyTest {

  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
  private static final Duration LEAD = Duration.ofMinutes(10);
  private static final Duration COOLDOWN = Duration.ofMinutes(30);
  private static final double LEVEL = 0.8;
  private static final String ME = HpaFloor.ownerKey("ns", "a");
  private static final String OTHER = HpaFloor.ownerKey("ns", "b");

  private final SurgeFloorPolicy policy = new SurgeFloorPolicy();

  /** Windows of 5 minutes from {@code first}, with these exceed probabilities. */
  private static List<ForecastWindow> windows(Instant first, double... exceed) {
    List<ForecastWindow> out = new ArrayList<>();
    for (int i = 0; i < exceed.length; i++) {
      ForecastWindow w = new ForecastWindow();
      w.setStart(first.plus(Duration.ofMinutes(5L * i)).toString());
      w.setEnd(first.plus(Duration.ofMinutes(5L * (i + 1))).toString());
      w.setExpected(1.0 + i);
      w.setExceedProbability(exceed[i]);
      out.add(w);
    }
    return out;
  }

  private static HpaFloor unowned(int min, int max) {
    return new HpaFloor(min, max, null, null, Map.of());
  }

  private static HpaFloor owned(int min, int max, int original, int mine) {
    return new HpaFloor(min, max, original, mine, Map.of());
  }

  private static ActionStatus status(ActionState state, Instant since, Integer original,
      Integer applied, String reason) {
    ActionStatus s = new ActionStatus();
    s.setState(state);
    s.setLastTransitionTime(StatusAggregator.rfc3339(since));
    s.setOriginalMinReplicas(original);
    s.setAppliedMinReplicas(applied);
    s.setReason(reason);
    return s;
  }

  private FloorDecision decide(Instant now, int surgeMin, List<ForecastWindow> windows,
      boolean fresh, boolean dryRun, ActionStatus previous, HpaFloor hpa) {
    return policy.decide(new SurgeFloorPolicy.Inputs(now, surgeMin, LEAD, COOLDOWN, LEVEL,
        windows, fresh, dryRun, previous, hpa));
  }

  private FloorDecision decide(Instant now, List<ForecastWindow> windows, ActionStatus previous,
      HpaFloor hpa) {
    return decide(now, 3, windows, true, false, previous, hpa);
  }

  @Nested
  class Raising {

    @Test
    void aSurgingWindowWithinLeadTimeRaisesTheFloorAndRecordsTheOriginal() {
      FloorDecision d = decide(T0, windows(T0.plus(Duration.ofMinutes(5)), 0.1, 0.9), null,
          unowned(1, 6));

      assertThat(d.state()).isEqualTo(ActionState.RAISED);
      assertThat(d.event()).isEqualTo(Kind.RAISED);
      assertThat(d.write()).isEqualTo(new FloorWrite(3, 1, 3));
      assertThat(d.original()).isEqualTo(1);
      assertThat(d.applied()).isEqualTo(3);
      assertThat(d.since()).isEqualTo(T0);
      assertThat(d.reason()).isEqualTo("raised minReplicas 1 to 3 for a surge forecast within leadTime");
    }

    @Test
    void aSurgeBeyondLeadTimeDoesNotRaiseYet() {
      // First surging window starts 15 min ahead; leadTime is 10 min.
      FloorDecision d = decide(T0, windows(T0, 0.1, 0.1, 0.1, 0.95), null, unowned(1, 6));

      assertThat(d.state()).isEqualTo(ActionState.IDLE);
      assertThat(d.write()).isNull();
      assertThat(d.reason()).isEqualTo("no surge forecast within leadTime 10m");
      // Exactly leadTime ahead is within it.
      assertThat(decide(T0.plus(Duration.ofMinutes(5)), windows(T0, 0.1, 0.1, 0.1, 0.95), null,
          unowned(1, 6)).state()).isEqualTo(ActionState.RAISED);
    }

    @Test
    void surgingIsPerWindowNotTheCumulativeProbability() {
      // Four windows at 0.5: P(any exceeds) = 0.94 >= 0.8, but no single window reaches 0.8.
      FloorDecision d = decide(T0, windows(T0, 0.5, 0.5, 0.5, 0.5), null, unowned(1, 6));

      assertThat(d.state()).isEqualTo(ActionState.IDLE);
      assertThat(d.write()).isNull();
    }

    @Test
    void aWindowAtExactlyTheLevelSurges() {
      assertThat(decide(T0, windows(T0, LEVEL), null, unowned(1, 6)).state())
          .isEqualTo(ActionState.RAISED);
    }

    @Test
    void withoutAForecastNothingHappens() {
      FloorDecision d = decide(T0, List.of(), null, unowned(1, 6));

      assertThat(d.state()).isEqualTo(ActionState.IDLE);
      assertThat(d.write()).isNull();
      assertThat(d.reason()).isEqualTo("no forecast yet");
    }

    @Test
    void aStaleOrDegradedForecastNeverRaises() {
      FloorDecision d = decide(T0, 3, windows(T0, 0.99), false, false, null, unowned(1, 6));

      assertThat(d.state()).isEqualTo(ActionState.IDLE);
      assertThat(d.write()).isNull();
      assertThat(d.reason()).contains("stale or degraded");
    }

    @Test
    void theFloorIsCappedAtMaxReplicas() {
      FloorDecision d = decide(T0, 10, windows(T0, 0.9), true, false, null, unowned(2, 4));

      assertThat(d.write()).isEqualTo(new FloorWrite(4, 2, 4));
    }

    @Test
    void aFloorSomeoneSetAtOrAboveOursIsNeverLowered() {
      FloorDecision higher = decide(T0, windows(T0, 0.9), null, unowned(5, 6));
      FloorDecision equal = decide(T0, windows(T0, 0.9), null, unowned(3, 6));

      assertThat(higher.state()).isEqualTo(ActionState.IDLE);
      assertThat(higher.write()).isNull();
      assertThat(higher.reason()).isEqualTo("HPA minReplicas 5 is already at or above the surge floor 3");
      assertThat(equal.write()).isNull();
    }

    @Test
    void aWindowThatHasEndedIsNoLongerDue() {
      FloorDecision d = decide(T0.plus(Duration.ofMinutes(5)), windows(T0, 0.9, 0.1), null,
          unowned(1, 6));

      assertThat(d.state()).isEqualTo(ActionState.IDLE);
    }
  }

  @Nested
  class Holding {

    @Test
    void anOwnedFloorIsKeptWithoutWritingWhileTheSurgeIsDue() {
      ActionStatus raised = status(ActionState.RAISED, T0, 1, 3, "raised");
      FloorDecision d = decide(T0.plusSeconds(60), windows(T0, 0.9, 0.9), raised, owned(3, 6, 1, 3));

      assertThat(d.state()).isEqualTo(ActionState.RAISED);
      assertThat(d.write()).isNull();
      assertThat(d.event()).isEqualTo(Kind.NONE);
      assertThat(d.since()).isEqualTo(T0);
      assertThat(d.original()).isEqualTo(1);
      assertThat(d.applied()).isEqualTo(3);
    }

    @Test
    void aNewSurgeMinReplicasUpdatesTheFloorWeHold() {
      ActionStatus raised = status(ActionState.RAISED, T0, 1, 3, "raised");
      FloorDecision d = decide(T0, 5, windows(T0, 0.9), true, false, raised, owned(3, 6, 1, 3));

      assertThat(d.write()).isEqualTo(new FloorWrite(5, 1, 5));
      assertThat(d.applied()).isEqualTo(5);
    }

    @Test
    void aStaleForecastKeepsARaisedFloorUntilItsSurgeEnds() {
      ActionStatus raised = status(ActionState.RAISED, T0, 1, 3, "raised");
      FloorDecision d = decide(T0.plusSeconds(60), 3, windows(T0, 0.9), false, false, raised,
          owned(3, 6, 1, 3));

      assertThat(d.state()).isEqualTo(ActionState.RAISED);
      assertThat(d.write()).isNull();
    }
  }

  @Nested
  class Restoring {

    private final ActionStatus raised = status(ActionState.RAISED, T0, 1, 3, "raised");

    @Test
    void theCooldownStartsAtTheEndOfTheLastSurgingWindow() {
      // The surging window ended at T0+5m; now is T0+7m.
      FloorDecision d = decide(T0.plus(Duration.ofMinutes(7)), windows(T0, 0.9, 0.1), raised,
          owned(3, 6, 1, 3));

      assertThat(d.state()).isEqualTo(ActionState.COOLDOWN);
      assertThat(d.since()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
      assertThat(d.write()).isNull();
      assertThat(d.reason()).isEqualTo(
          "surge over; keeping minReplicas at 3 until 2026-01-01T12:35:00Z (cooldown)");
    }

    @Test
    void theFloorIsRestoredOnceTheCooldownHasPassed() {
      ActionStatus cooling = status(ActionState.COOLDOWN, T0.plus(Duration.ofMinutes(5)), 1, 3, "c");
      Instant justBefore = T0.plus(Duration.ofMinutes(35)).minusSeconds(1);

      assertThat(decide(justBefore, windows(T0, 0.9, 0.1), cooling, owned(3, 6, 1, 3)).write())
          .isNull();
      FloorDecision d = decide(T0.plus(Duration.ofMinutes(35)), windows(T0, 0.9, 0.1), cooling,
          owned(3, 6, 1, 3));
      assertThat(d.state()).isEqualTo(ActionState.IDLE);
      assertThat(d.event()).isEqualTo(Kind.RESTORED);
      assertThat(d.write()).isEqualTo(new FloorWrite(1, null, null));
      assertThat(d.reason()).isEqualTo("cooldown over: minReplicas restored to 1");
    }

    @Test
    void aStaleForecastStillRestoresOnSchedule() {
      ActionStatus cooling = status(ActionState.COOLDOWN, T0.plus(Duration.ofMinutes(5)), 1, 3, "c");
      FloorDecision d = decide(T0.plus(Duration.ofMinutes(40)), 3, windows(T0, 0.9, 0.1), false,
          false, cooling, owned(3, 6, 1, 3));

      assertThat(d.event()).isEqualTo(Kind.RESTORED);
    }

    @Test
    void aForecastThatDropsTheSurgeStartsTheCooldownNow() {
      Instant now = T0.plusSeconds(90);
      FloorDecision d = decide(now, windows(T0, 0.1, 0.1), raised, owned(3, 6, 1, 3));

      assertThat(d.state()).isEqualTo(ActionState.COOLDOWN);
      assertThat(d.since()).isEqualTo(now);
    }

    @Test
    void aNewSurgeDuringTheCooldownKeepsTheFloorRaised() {
      ActionStatus cooling = status(ActionState.COOLDOWN, T0, 1, 3, "c");
      FloorDecision d = decide(T0.plus(Duration.ofMinutes(10)),
          windows(T0.plus(Duration.ofMinutes(10)), 0.9), cooling, owned(3, 6, 1, 3));

      assertThat(d.state()).isEqualTo(ActionState.RAISED);
      assertThat(d.write()).isNull();
      assertThat(d.event()).isEqualTo(Kind.NONE);
      assertThat(d.since()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void releaseRestoresAndIsEmptyWithoutAFloor() {
      assertThat(policy.release(unowned(1, 6), T0, "deleted: ")).isEmpty();
      FloorDecision d = policy.release(owned(3, 6, 1, 3), T0, "deleted: ").orElseThrow();

      assertThat(d.write()).isEqualTo(new FloorWrite(1, null, null));
      assertThat(d.event()).isEqualTo(Kind.RESTORED);
      assertThat(d.reason()).isEqualTo("deleted: minReplicas restored to 1");
    }
  }

  @Nested
  class NeverFighting {

    private final ActionStatus raised = status(ActionState.RAISED, T0, 1, 3, "raised");

    @Test
    void aChangedMinReplicasBecomesTheNewOriginalAndOurClaimIsDropped() {
      FloorDecision d = decide(T0.plusSeconds(30), windows(T0, 0.9), raised, owned(4, 6, 1, 3));

      assertThat(d.state()).isEqualTo(ActionState.EXTERNAL_CHANGE);
      assertThat(d.event()).isEqualTo(Kind.EXTERNAL_CHANGE);
      assertThat(d.write()).isEqualTo(new FloorWrite(null, null, null));
      assertThat(d.original()).isEqualTo(4);
      assertThat(d.reason()).isEqualTo("HPA minReplicas was changed to 4 by someone else "
          + "(Countcast had set 3); 4 is the new original and the HPA is left alone until the next surge");
    }

    @Test
    void aLowerExternalValueIsAlsoTakenAsIs() {
      FloorDecision d = decide(T0.plusSeconds(30), windows(T0, 0.9), raised, owned(2, 6, 1, 3));

      assertThat(d.write().minReplicas()).isNull();
      assertThat(d.original()).isEqualTo(2);
    }

    @Test
    void withOtherOwnersTheExternalValueIsRecordedAsTheirOriginal() {
      HpaFloor shared = new HpaFloor(7, 10, 1, 3, Map.of(OTHER, 5));
      FloorDecision d = decide(T0.plusSeconds(30), windows(T0, 0.9), raised, shared);

      assertThat(d.write()).isEqualTo(new FloorWrite(null, 7, null));
    }

    @Test
    void afterAnExternalChangeTheHpaIsLeftAloneUntilTheSurgeIsOver() {
      ActionStatus external = status(ActionState.EXTERNAL_CHANGE, T0, 4, null, "changed");
      FloorDecision during = decide(T0.plusSeconds(60), windows(T0, 0.9), external, unowned(4, 6));

      assertThat(during.state()).isEqualTo(ActionState.EXTERNAL_CHANGE);
      assertThat(during.write()).isNull();
      assertThat(during.since()).isEqualTo(T0);

      FloorDecision after = decide(T0.plus(Duration.ofMinutes(6)), windows(T0, 0.9, 0.1), external,
          unowned(4, 6));
      assertThat(after.state()).isEqualTo(ActionState.IDLE);
      assertThat(after.write()).isNull();

      // The next surge raises again, on top of the value someone else set.
      FloorDecision next = decide(T0.plus(Duration.ofMinutes(20)), 6,
          windows(T0.plus(Duration.ofMinutes(20)), 0.9), true, false,
          after.toStatus(), unowned(4, 6));
      assertThat(next.write()).isEqualTo(new FloorWrite(6, 4, 6));
    }

    @Test
    void ourAnnotationRemovedWhileRaisedIsAnExternalChange() {
      FloorDecision d = decide(T0.plusSeconds(30), windows(T0, 0.9), raised, unowned(3, 6));

      assertThat(d.state()).isEqualTo(ActionState.EXTERNAL_CHANGE);
      assertThat(d.write()).isNull();
    }
  }

  @Nested
  class SharedHpa {

    @Test
    void theHigherFloorWinsAndEachRestoresOnlyWhatItRaised() {
      // a raised 1 -> 3; b asks for 5.
      FloorDecision b = decide(T0, 5, windows(T0, 0.9), true, false, null,
          new HpaFloor(3, 10, 1, null, Map.of(ME, 3)));
      assertThat(b.write()).isEqualTo(new FloorWrite(5, 1, 5));

      // b restores first: back to a's 3, the original stays recorded for a.
      FloorDecision bRestores = policy.release(new HpaFloor(5, 10, 1, 5, Map.of(ME, 3)), T0, "")
          .orElseThrow();
      assertThat(bRestores.write()).isEqualTo(new FloorWrite(3, 1, null));

      // a restores last: the original, and the record of it goes.
      FloorDecision aRestores = policy.release(owned(3, 10, 1, 3), T0, "").orElseThrow();
      assertThat(aRestores.write()).isEqualTo(new FloorWrite(1, null, null));
    }

    @Test
    void aLowerFloorUnderAHigherOneIsRecordedSoItHoldsWhenTheHigherGoes() {
      // b holds 5 over an original 1; a asks for 3.
      FloorDecision a = decide(T0, 3, windows(T0, 0.9), true, false, null,
          new HpaFloor(5, 10, 1, null, Map.of(OTHER, 5)));
      assertThat(a.state()).isEqualTo(ActionState.RAISED);
      assertThat(a.write()).isEqualTo(new FloorWrite(5, 1, 3));

      FloorDecision bRestores = policy.release(new HpaFloor(5, 10, 1, 5, Map.of(ME, 3)), T0, "")
          .orElseThrow();
      assertThat(bRestores.write()).isEqualTo(new FloorWrite(3, 1, null));
    }

    @Test
    void anOwnerSeesNoExternalChangeWhileAHigherOwnerHoldsTheFloor() {
      ActionStatus raised = status(ActionState.RAISED, T0, 1, 3, "raised");
      FloorDecision d = decide(T0.plusSeconds(30), windows(T0, 0.9), raised,
          new HpaFloor(5, 10, 1, 3, Map.of(OTHER, 5)));

      assertThat(d.state()).isEqualTo(ActionState.RAISED);
      assertThat(d.write()).isNull();
    }
  }

  @Nested
  class DryRun {

    @Test
    void aDryRunDecidesTheSameButNeverWrites() {
      FloorDecision raise = decide(T0, 3, windows(T0, 0.9, 0.1), true, true, null, unowned(1, 6));
      assertThat(raise.state()).isEqualTo(ActionState.DRY_RUN);
      assertThat(raise.event()).isEqualTo(Kind.WOULD_RAISE);
      assertThat(raise.write()).isNull();
      assertThat(raise.reason()).isEqualTo(SurgeFloorPolicy.DRY_RUN_PREFIX
          + "would have raised minReplicas 1 to 3 for a surge forecast within leadTime");

      FloorDecision hold = decide(T0.plusSeconds(60), 3, windows(T0, 0.9, 0.1), true, true,
          raise.toStatus(), unowned(1, 6));
      assertThat(hold.state()).isEqualTo(ActionState.DRY_RUN);
      assertThat(hold.event()).isEqualTo(Kind.NONE);
      assertThat(hold.write()).isNull();

      FloorDecision cool = decide(T0.plus(Duration.ofMinutes(6)), 3, windows(T0, 0.9, 0.1), true,
          true, hold.toStatus(), unowned(1, 6));
      assertThat(cool.state()).isEqualTo(ActionState.COOLDOWN);
      assertThat(cool.reason()).startsWith(SurgeFloorPolicy.DRY_RUN_PREFIX);
      assertThat(cool.write()).isNull();

      FloorDecision restore = decide(T0.plus(Duration.ofMinutes(36)), 3, windows(T0, 0.9, 0.1),
          true, true, cool.toStatus(), unowned(1, 6));
      assertThat(restore.state()).isEqualTo(ActionState.IDLE);
      assertThat(restore.event()).isEqualTo(Kind.WOULD_RESTORE);
      assertThat(restore.write()).isNull();
    }

    @Test
    void settingDryRunOnARaisedFloorRestoresItForReal() {
      ActionStatus raised = status(ActionState.RAISED, T0, 1, 3, "raised");
      FloorDecision d = decide(T0, 3, windows(T0, 0.9), true, true, raised, owned(3, 6, 1, 3));

      assertThat(d.write()).isEqualTo(new FloorWrite(1, null, null));
      assertThat(d.event()).isEqualTo(Kind.RESTORED);
    }

    @Test
    void turningDryRunOffRaisesForReal() {
      ActionStatus dry = status(ActionState.DRY_RUN, T0, 1, 3, SurgeFloorPolicy.DRY_RUN_PREFIX + "x");
      FloorDecision d = decide(T0.plusSeconds(10), windows(T0, 0.9), dry, unowned(1, 6));

      assertThat(d.write()).isEqualTo(new FloorWrite(3, 1, 3));
    }
  }

  @Nested
  class Freshness {

    private final Duration trainEvery = Duration.ofMinutes(15);

    private CountForecastStatus status(Instant forecastAt, String degraded, Boolean stale) {
      CountForecastStatus s = new CountForecastStatus();
      s.setModel(new ModelStatus());
      s.setLastForecastTime(forecastAt.toString());
      s.setStale(stale);
      s.setConditions(List.of(new ConditionBuilder().withType(ConditionType.DEGRADED)
          .withStatus(degraded).build()));
      return s;
    }

    @Test
    void aForecastUpToTwoTrainEveryOldIsFresh() {
      assertThat(SurgeFloorPolicy.isFresh(status(T0, "False", false), trainEvery,
          T0.plus(Duration.ofMinutes(30)))).isTrue();
      assertThat(SurgeFloorPolicy.isFresh(status(T0, "False", false), trainEvery,
          T0.plus(Duration.ofMinutes(30)).plusSeconds(1))).isFalse();
    }

    @Test
    void degradedStaleOrModellessIsNotFresh() {
      assertThat(SurgeFloorPolicy.isFresh(status(T0, "True", false), trainEvery, T0)).isFalse();
      assertThat(SurgeFloorPolicy.isFresh(status(T0, "False", true), trainEvery, T0)).isFalse();
      CountForecastStatus noModel = status(T0, "False", false);
      noModel.setModel(null);
      assertThat(SurgeFloorPolicy.isFresh(noModel, trainEvery, T0)).isFalse();
      assertThat(SurgeFloorPolicy.isFresh(null, trainEvery, T0)).isFalse();
    }
  }

  @Nested
  class Annotations {

    @Test
    void theFloorIsReadFromTheHpaAnnotations() {
      HorizontalPodAutoscaler hpa = hpa(5, 10, Map.of(HpaFloor.ORIGINAL, "2", ME, "3", OTHER, "5",
          "unrelated", "x"));

      HpaFloor floor = HpaFloor.of(hpa, ME);

      assertThat(floor).isEqualTo(new HpaFloor(5, 10, 2, 3, Map.of(OTHER, 5)));
      assertThat(floor.expectedMinReplicas()).isEqualTo(5);
      assertThat(floor.withoutMine()).isEqualTo(5);
    }

    @Test
    void aLeftoverOriginalWithoutOwnersIsIgnored() {
      HpaFloor floor = HpaFloor.of(hpa(4, 10, Map.of(HpaFloor.ORIGINAL, "2")), ME);

      assertThat(floor.original()).isNull();
      assertThat(floor.anyOwner()).isFalse();
      assertThat(floor.withoutMine()).isEqualTo(4);
    }

    @Test
    void ownerKeysAreValidAnnotationNamesEvenForLongNames() {
      assertThat(HpaFloor.ownerKey("shop", "web")).isEqualTo("countcast.io/floor.shop.web");
      String longKey = HpaFloor.ownerKey("n".repeat(63), "w".repeat(200));
      assertThat(longKey).startsWith(HpaFloor.FLOOR_PREFIX);
      assertThat(longKey.substring(HpaFloor.PREFIX.length())).hasSizeLessThanOrEqualTo(63)
          .matches("[a-z0-9.]+");
      assertThat(HpaFloor.ownerKey("n".repeat(63), "x".repeat(200))).isNotEqualTo(longKey);
    }

    private static HorizontalPodAutoscaler hpa(int min, int max, Map<String, String> annotations) {
      return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web")
          .withAnnotations(annotations).endMetadata().withNewSpec().withMinReplicas(min)
          .withMaxReplicas(max).endSpec().build();
    }
  }

  /** A ceiling (an HPA's CPU target): the same rules mirrored, the lowest owner wins. */
  @Nested
  class LoweredTarget {

    private final SurgeFloorPolicy.Subject cpu = new SurgeFloorPolicy.Subject("HPA",
        "CPU target utilization");

    private FloorDecision decideTarget(HpaFloor target, int wanted, boolean surging,
        ActionStatus previous) {
      return policy.decide(new SurgeFloorPolicy.Inputs(T0, wanted, LEAD, COOLDOWN, LEVEL,
          surging ? windows(T0, 0.9) : List.of(), true, false, previous, target, cpu));
    }

    @Test
    void aSurgeLowersTheTargetAndNeverRaisesIt() {
      HpaFloor at70 = new HpaFloor(70, 1, null, null, Map.of(), HpaFloor.Direction.LOWER);
      FloorDecision d = decideTarget(at70, 50, true, null);
      assertThat(d.state()).isEqualTo(ActionState.RAISED);
      assertThat(d.write()).isEqualTo(new FloorDecision.FloorWrite(50, 70, 50));
      assertThat(d.reason()).isEqualTo(
          "lowered CPU target utilization 70 to 50 for a surge forecast within leadTime");

      HpaFloor at40 = new HpaFloor(40, 1, null, null, Map.of(), HpaFloor.Direction.LOWER);
      FloorDecision none = decideTarget(at40, 50, true, null);
      assertThat(none.write()).isNull();
      assertThat(none.reason()).isEqualTo(
          "HPA CPU target utilization 40 is already at or below the surge target 50");
    }

    @Test
    void theLowestOwnerWinsAndEachRestoresOnlyItsOwn() {
      HpaFloor shared = new HpaFloor(30, 1, 70, 50, Map.of("other", 30),
          HpaFloor.Direction.LOWER);
      assertThat(shared.expectedMinReplicas()).isEqualTo(30);
      FloorDecision release = policy.release(shared, cpu, T0, "").orElseThrow();
      assertThat(release.write()).isEqualTo(new FloorDecision.FloorWrite(30, 70, null));
    }
  }
}
