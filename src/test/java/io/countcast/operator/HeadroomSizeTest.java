package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.ActionSpec;
import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecastSpec;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ForecastWindow;
import io.countcast.api.HeadroomSpec;
import io.countcast.api.SurgeSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadroomSizeTest {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void fixedReplicasAreTakenAsWritten() {
    assertThat(HeadroomSize.replicas(plan(5, null), status(), NOW)).isEqualTo(5);
  }

  @Test
  void forecastSizedReplicasAreTheCeilingOfPodsPerUnitTimesTheLargestUpperWithinLeadTime() {
    // leadTime 10m: the windows at 10:00 (upper 7) and 10:05 (upper 13) count; the one that
    // ended (upper 50) and the one starting after 10:10 (upper 90) do not.
    CountForecastStatus status = status(window("09:55", "10:00", 50), window("10:00", "10:05", 7),
        window("10:05", "10:10", 13), window("10:15", "10:20", 90));
    assertThat(HeadroomSize.replicas(plan(null, 0.25), status, NOW)).isEqualTo(4); // ceil(3.25)
    assertThat(HeadroomSize.replicas(plan(null, 1.0), status, NOW)).isEqualTo(13);
  }

  @Test
  void forecastSizedReplicasStayWithinOneAndTheLimit() {
    assertThat(HeadroomSize.replicas(plan(null, 0.01), status(window("10:00", "10:05", 0)), NOW))
        .isEqualTo(1);
    assertThat(HeadroomSize.replicas(plan(null, 1000.0), status(), NOW)).isEqualTo(1);
    assertThat(HeadroomSize.replicas(plan(null, 1000.0),
        status(window("10:00", "10:05", 1_000_000)), NOW)).isEqualTo(10_000);
  }

  @Test
  void theObjectsToCheckAreThePlannedOneAndTheReportedOneOfTheSameKind() {
    ActionStatus reported = new ActionStatus();
    reported.setObject("Deployment/old");
    assertThat(HeadroomObjects.names("Deployment", "new", reported))
        .containsExactly("new", "old");
    assertThat(HeadroomObjects.names("CapacityBuffer", null, reported)).isEmpty();
    reported.setObject("Deployment/new");
    assertThat(HeadroomObjects.names("Deployment", "new", reported)).containsExactly("new");
    reported.setObject("Deployment/");
    assertThat(HeadroomObjects.names("Deployment", null, reported)).isEmpty();
  }

  @Test
  void aPlaceholderMayBeScaledToZeroSoItsOriginalMayBeZero() {
    HpaFloor.Read read = HpaFloor.read(Map.of(HpaFloor.ORIGINAL_REPLICAS, "0",
        HpaFloor.ownerKey("ns", "a"), "5"), new HpaFloor.Field(HpaFloor.ORIGINAL_REPLICAS, 0), 5,
        10_000, HpaFloor.ownerKey("ns", "a"), null);
    assertThat(read.invalid()).isEmpty();
    assertThat(read.floor().original()).isZero();
    assertThat(read.floor().withoutMine()).isZero();
  }

  private static ForecastPlan plan(Integer replicas, Double podsPerUnit) {
    CountForecastSpec spec = TestSpecs.minimal();
    SurgeSpec surge = new SurgeSpec();
    surge.setThreshold(5);
    spec.setSurge(surge);
    ActionSpec action = new ActionSpec();
    action.setType(ActionType.HEADROOM);
    HeadroomSpec headroom = new HeadroomSpec();
    headroom.setDeploymentName("countcast-headroom");
    headroom.setReplicas(replicas);
    if (podsPerUnit != null) {
      HeadroomSpec.ReplicasFromForecast derived = new HeadroomSpec.ReplicasFromForecast();
      derived.setPodsPerUnit(podsPerUnit);
      headroom.setReplicasFromForecast(derived);
    }
    action.setHeadroom(headroom);
    spec.setAction(action);
    return ForecastPlan.of(spec);
  }

  private static CountForecastStatus status(ForecastWindow... windows) {
    CountForecastStatus status = new CountForecastStatus();
    status.setForecast(List.of(windows));
    return status;
  }

  private static ForecastWindow window(String start, String end, int upper) {
    ForecastWindow w = new ForecastWindow();
    w.setStart("2026-12-07T" + start + ":00Z");
    w.setEnd("2026-12-07T" + end + ":00Z");
    w.setUpper(upper);
    return w;
  }
}
