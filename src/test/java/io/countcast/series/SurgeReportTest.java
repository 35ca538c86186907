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
    int[] outcomes = new int[48];
    outcomes[25] = 1;
    outcomes[47] = -1;      // not observed: left out of the Brier score
    SurgeReport r = SurgeReport.score(origins, p, outcomes, h, List.of(label), 0.5, 6 * h,
        Seasonality.WEEK);
    assertThat(r.labels()).singleElement().satisfies(l -> {
      assertThat(l.detected()).isTrue();
      assertThat(l.leadSeconds()).isEqualTo(4 * h);
    });
    assertThat(r.falseAlarms()).isEqualTo(2);
    // zone [18 h, 30 h] holds 13 origins; 35 origins (35 h) lie outside it
    assertThat(r.falseAlarmRate()).isCloseTo(2 / (35.0 / 168), within(1e-9));
    // Brier over the 47 observed origins: p² where nothing happened, (0 − 1)² at 25
    double sum = 0.81 + 0.64 + 0.49 + 0.36 + 1.0 + 0.81;
    assertThat(r.brier()).isCloseTo(sum / 47, within(1e-12));
  }

  @Test
  void aLabelWithoutOriginsIsNotCovered() {
    SurgeReport r = SurgeReport.score(new long[] {0}, new double[] {0.9}, new int[] {0}, 60,
        List.of(new LabelledWindow(10_000, 20_000)), 0.5, 60, Seasonality.WEEK);
    assertThat(r.labels().get(0).covered()).isFalse();
    assertThat(r.labels().get(0).leadSeconds()).isNull();
  }

  @Test
  void rowModeRatesArePerPeriodOfRows() {
    // 104 origins one row apart, period 52 rows: two false-alarm episodes over two periods
    long[] origins = new long[104];
    double[] p = new double[104];
    for (int i = 0; i < origins.length; i++) {
      origins[i] = 104 + i;
    }
    p[10] = 0.9;
    p[60] = 0.9;
    p[61] = 0.9;
    SurgeReport r = SurgeReport.score(origins, p, new int[104], 1, List.of(), 0.5, 52, 52);
    assertThat(r.falseAlarms()).isEqualTo(2);
    assertThat(r.falseAlarmRate()).isCloseTo(1.0, within(1e-12));
  }
}
