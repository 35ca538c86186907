package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SurgeReportTest {

  @Test
  void leadTimesAndFalseAlarmEpisodes() {
    long h = 3600;
    long[] origins = new long[48];
    double[] p = new double[48];
    for (int i = 0; i < 48; i++) {
      origins[i] = i * h;
    }
    p[5] = 0.9;           // false alarm episode (one origin)
    p[6] = 0.8;           // same episode
    p[20] = 0.7;          // 4 h before the label at 24 h: early warning
    p[21] = 0.6;
    p[40] = 0.9;          // second false alarm
    LabelledWindow label = new LabelledWindow(24 * h, 30 * h);
    SurgeReport r = SurgeReport.score(origins, p, h, List.of(label), 0.5, 6 * h);
    assertThat(r.labels()).singleElement().satisfies(l -> {
      assertThat(l.detected()).isTrue();
      assertThat(l.leadSeconds()).isEqualTo(4 * h);
    });
    assertThat(r.falseAlarms()).isEqualTo(2);
    // zone [18 h, 30 h] holds 13 origins; 35 origins (35 h) lie outside it
    assertThat(r.falseAlarmsPerWeek()).isCloseTo(2 / (35.0 / 168), within(1e-9));
  }

  @Test
  void aLabelWithoutOriginsIsNotCovered() {
    SurgeReport r = SurgeReport.score(new long[] {0}, new double[] {0.9}, 60,
        List.of(new LabelledWindow(10_000, 20_000)), 0.5, 60);
    assertThat(r.labels().get(0).covered()).isFalse();
    assertThat(r.labels().get(0).leadSeconds()).isNull();
  }
}
