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

    // At threshold 0.06 against farringtonFlexible on all 48 series: the same share of outbreak
    // weeks (144 of 427; R's number is rounded to 6 digits) at a lower false-alarm rate (0.050
    // vs 0.056) and more outbreaks detected, but a mean delay of 0.22 vs 0.21 weeks.
    OutbreakEvaluation.Metrics at06 = OutbreakEvaluation.score(series,
        OutbreakEvaluation.alarms(scores, 0.06));
    assertThat(at06.sensitivity()).isGreaterThanOrEqualTo(farrington.sensitivity() - 1e-5);
    assertThat(at06.falseAlarmRate()).isLessThan(farrington.falseAlarmRate() - 0.005);
    assertThat(at06.detectedShare()).isGreaterThan(farrington.detectedShare());
    assertThat(at06.meanDelay()).isBetween(farrington.meanDelay(), farrington.meanDelay() + 0.05);

    // R's per-week alarms reproduce its reference numbers, so subsets can be scored too.
    List<boolean[]> farringtonAlarms =
        OutbreakEvaluation.referenceAlarms("farringtonFlexible", series);
    assertThat(OutbreakEvaluation.score(series, farringtonAlarms).sensitivity())
        .isCloseTo(farrington.sensitivity(), org.assertj.core.data.Offset.offset(1e-6));

    // The held-out half (replicates 5-8 of each scenario). Honestly: 0.06 was picked in an
    // earlier session on all 48 series (the threshold comparable with alpha = 0.05); the
    // detector variants tried since (docs/backtest.md) were judged on replicates 1-4 only, and
    // none was kept, so the detector here is the one those numbers describe.
    List<OutbreakEvaluation.Series> heldOut = OutbreakEvaluation.half(series, series, false);
    List<boolean[]> ours06 = OutbreakEvaluation.alarms(scores, 0.06);
    OutbreakEvaluation.Metrics oursHeld =
        OutbreakEvaluation.score(heldOut, OutbreakEvaluation.half(series, ours06, false));
    OutbreakEvaluation.Metrics farHeld = OutbreakEvaluation.score(heldOut,
        OutbreakEvaluation.half(series, farringtonAlarms, false));
    System.out.println(oursHeld.row("held-out half: countcast detect (threshold 0.06)"));
    System.out.println(farHeld.row("held-out half: farringtonFlexible"));
    OutbreakEvaluation.Paired pairedAll =
        OutbreakEvaluation.paired(series, ours06, farringtonAlarms);
    OutbreakEvaluation.Paired pairedHeld = OutbreakEvaluation.paired(heldOut,
        OutbreakEvaluation.half(series, ours06, false),
        OutbreakEvaluation.half(series, farringtonAlarms, false));
    System.out.println("paired delays (ours at 0.06 vs farringtonFlexible), all: " + pairedAll
        + "; held-out half: " + pairedHeld);
    // more outbreak weeks and outbreaks at a lower false-alarm rate...
    assertThat(oursHeld.sensitivity()).isGreaterThan(farHeld.sensitivity());
    assertThat(oursHeld.falseAlarmRate()).isLessThanOrEqualTo(farHeld.falseAlarmRate());
    assertThat(oursHeld.detectedShare()).isGreaterThan(farHeld.detectedShare());
    // ...and on the outbreaks both detect, no later (fewer weeks to the first alarm in all);
    // the mean delay over each one's own detections is higher (0.27 vs 0.23) only because the
    // outbreaks that only countcast detects are found in their second week more often.
    assertThat(pairedHeld.delayA()).isLessThanOrEqualTo(pairedHeld.delayB());
    assertThat(pairedAll.delayA()).isLessThan(pairedAll.delayB());
    assertThat(pairedAll.onlyA()).isGreaterThan(pairedAll.onlyB());
  }
}
