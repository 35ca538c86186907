package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The detector on the 48 simulated weekly series of scripts/fixtures/make-outbreaks.R
 * (Noufaily et al. 2013 design; 104 training weeks, 104 monitored weeks), against the
 * reference numbers R's farringtonFlexible (Noufaily's improved settings) and glrnb reached on
 * the same series. Prints the table docs/backtest.md quotes ("Outbreak detection").
 */
class OutbreakDetectionTest {

  @Test
  void detectorAgainstFarringtonFlexibleAndGlrnb() {
    List<OutbreakEvaluation.Series> series = OutbreakEvaluation.load();
    assertThat(series).hasSize(48);
    List<double[]> scores = OutbreakEvaluation.scores(series, OutbreakEvaluation.weeklySpec());
    Map<String, Map<String, OutbreakEvaluation.Metrics>> reference =
        OutbreakEvaluation.reference();
    OutbreakEvaluation.Metrics farrington = reference.get("farringtonFlexible").get("all");
    OutbreakEvaluation.Metrics glrnb = reference.get("glrnb").get("all");
    OutbreakEvaluation.Metrics ours = OutbreakEvaluation.score(series,
        OutbreakEvaluation.alarms(scores, AnomalyScore.DEFAULT_ALARM_THRESHOLD));
    StringBuilder table = new StringBuilder("| method | sensitivity | false-alarm rate |"
        + " outbreaks detected | mean delay (weeks) | outbreak weeks | other weeks |"
        + " outbreaks |\n|---|---|---|---|---|---|---|---|\n");
    table.append(ours.row("countcast detect (threshold "
        + AnomalyScore.DEFAULT_ALARM_THRESHOLD + ")")).append('\n');
    for (double t : new double[] {0.02, 0.05, 0.06, 0.07}) {
      table.append(OutbreakEvaluation.score(series, OutbreakEvaluation.alarms(scores, t))
          .row("countcast detect (threshold " + t + ")")).append('\n');
    }
    table.append(farrington.row("farringtonFlexible (b=1, w=3, Noufaily)")).append('\n');
    table.append(glrnb.row("glrnb (glm.nb in-control, c.ARL=5)")).append('\n');
    System.out.println(table);

    // the same weeks and outbreaks as R scored
    assertThat(ours.outbreakWeeks()).isEqualTo(farrington.outbreakWeeks());
    assertThat(ours.otherWeeks()).isEqualTo(farrington.otherWeeks());
    assertThat(ours.outbreaks()).isEqualTo(farrington.outbreaks());

    // Default threshold (0.01) against glrnb, at about its false-alarm rate (0.0114 vs 0.0110:
    // two more false weeks in 4565): more outbreak weeks, more outbreaks, much earlier.
    assertThat(ours.falseAlarmRate()).isLessThanOrEqualTo(glrnb.falseAlarmRate() + 0.001);
    assertThat(ours.sensitivity()).isGreaterThan(glrnb.sensitivity() + 0.03);
    assertThat(ours.detectedShare()).isGreaterThan(glrnb.detectedShare());
    assertThat(ours.meanDelay()).isLessThan(glrnb.meanDelay() - 0.3);

    // At threshold 0.06 against farringtonFlexible: the same share of outbreak weeks (144 of
    // 427; R's number is rounded to 6 digits) at a lower false-alarm rate (0.050 vs 0.056) and
    // more outbreaks detected, but not earlier (mean delay 0.22 vs 0.21 weeks): the issue's
    // target of more weeks and earlier at the same rate is not reached.
    OutbreakEvaluation.Metrics at06 = OutbreakEvaluation.score(series,
        OutbreakEvaluation.alarms(scores, 0.06));
    assertThat(at06.sensitivity()).isGreaterThanOrEqualTo(farrington.sensitivity() - 1e-5);
    assertThat(at06.falseAlarmRate()).isLessThan(farrington.falseAlarmRate() - 0.005);
    assertThat(at06.detectedShare()).isGreaterThan(farrington.detectedShare());
    assertThat(at06.meanDelay()).isBetween(farrington.meanDelay(), farrington.meanDelay() + 0.05);
  }
}
