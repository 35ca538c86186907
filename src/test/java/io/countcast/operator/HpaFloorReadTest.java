package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Countcast's HPA annotations are tenant-editable: unusable values never leave 1..maxReplicas. */
class HpaFloorReadTest {

  private static final String ME = HpaFloor.ownerKey("shop", "web");
  private static final String OTHER = HpaFloor.ownerKey("shop", "api");
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"-5", "0", "100001", "99999999999999999999", "NaN", "seven", "",
      "1e3", "0x10"})
  void anUnusableOriginalFallsBackToTheKnownOneAndIsReported(String value) {
    HpaFloor.Read read = HpaFloor.read(hpa(6, 10, Map.of(HpaFloor.ORIGINAL, value, ME, "6")), ME,
        2);

    assertThat(read.floor().original()).isEqualTo(2);
    assertThat(read.floor().mine()).isEqualTo(6);
    assertThat(read.invalid()).singleElement().asString()
        .startsWith(HpaFloor.ORIGINAL + "=").endsWith("is not a whole number from 1 to 100000");
    FloorDecision restore = new SurgeFloorPolicy().release(read.floor(), T0, "").orElseThrow();
    assertThat(restore.write().minReplicas()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5", "100001", "abc"})
  void anUnusableOriginalWithoutAKnownOneKeepsTheCurrentFloor(String value) {
    HpaFloor.Read read = HpaFloor.read(hpa(6, 10, Map.of(HpaFloor.ORIGINAL, value, ME, "6")), ME,
        null);
    assertThat(read.floor().original()).isEqualTo(6);
    assertThat(read.floor().withoutMine()).isEqualTo(6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "2147483648", "lots"})
  void anUnusableFloorOfAnotherOwnerIsIgnored(String value) {
    HpaFloor.Read read = HpaFloor.read(hpa(3, 10, Map.of(HpaFloor.ORIGINAL, "3", OTHER, value,
        ME, "4")), ME, null);
    assertThat(read.floor().others()).isEmpty();
    assertThat(read.invalid()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-7", "abc", "100001"})
  void anUnusableOwnFloorIsRestoredToTheRecordedOriginal(String value) {
    HpaFloor.Read read = HpaFloor.read(hpa(3, 5, Map.of(HpaFloor.ORIGINAL, "1", ME, value)), ME,
        null);
    assertThat(read.floor().mine()).isNull();
    assertThat(read.floor().original()).isEqualTo(1);
    assertThat(read.floor().withoutMine()).isEqualTo(1);

    HpaFloor.Read noOriginal = HpaFloor.read(hpa(3, 5, Map.of(ME, value)), ME, 2);
    assertThat(noOriginal.floor().original()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 10})
  void everyWriteStaysWithinOneToMaxReplicasWhateverTheAnnotationsSay(int max) {
    String[] values = {"-2147483648", "0", "1", "7", "100000", "100001", "x"};
    for (String original : values) {
      for (String mine : values) {
        for (String other : values) {
          HpaFloor floor = HpaFloor.read(hpa(1, max, Map.of(HpaFloor.ORIGINAL, original,
              ME, mine, OTHER, other)), ME, null).floor();
          assertThat(floor.withoutMine()).isBetween(1, max);
          assertThat(floor.expectedMinReplicas()).isBetween(1, max);
        }
      }
    }
  }

  private static HorizontalPodAutoscaler hpa(int min, int max, Map<String, String> annotations) {
    return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web")
        .withAnnotations(annotations).endMetadata().withNewSpec().withMinReplicas(min)
        .withMaxReplicas(max).endSpec().build();
  }
}
