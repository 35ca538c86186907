package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.api.CountForecastSpec;
import io.countcast.api.SurgeSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ForecastSettingsTest {

  @Test
  void defaultsGiveSevenDaysOfFiveMinuteWindowsAndAnHourOfHorizon() {
    ForecastSettings settings = ForecastSettings.of(new CountForecastSpec());

    assertThat(settings.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.historyWindows()).isEqualTo(2016);
    assertThat(settings.horizonWindows()).isEqualTo(12);
    assertThat(settings.trainEvery()).isEqualTo(Duration.ofMinutes(15));
    assertThat(settings.minSamples()).isEqualTo(48);
    assertThat(settings.surgeThreshold()).isNull();
  }

  @Test
  void aHorizonThatIsNotAWholeNumberOfWindowsIsRoundedUp() {
    CountForecastSpec spec = new CountForecastSpec();
    spec.setHorizon("7m");
    SurgeSpec surge = new SurgeSpec();
    surge.setThreshold(10);
    spec.setSurge(surge);

    ForecastSettings settings = ForecastSettings.of(spec);
    assertThat(settings.horizonWindows()).isEqualTo(2);
    assertThat(settings.surgeThreshold()).isEqualTo(10);
    assertThat(settings.surgeProbability()).isEqualTo(0.8);
  }

  @Test
  void minSamplesAboveWhatTheHistoryKeepsIsInvalidSpec() {
    CountForecastSpec spec = new CountForecastSpec();
    spec.setHistory("1h");
    spec.setMinSamples(48);

    assertThatThrownBy(() -> ForecastSettings.of(spec))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().reason()).isEqualTo("InvalidSpec");
          assertThat(e.problem().message()).isEqualTo("spec.minSamples 48 is more than the 12 "
              + "windows spec.history 1h keeps; lower minSamples or lengthen history");
        });
  }

  @Test
  void aMalformedDurationNamesTheField() {
    CountForecastSpec spec = new CountForecastSpec();
    spec.setWindow("5x");

    assertThatThrownBy(() -> ForecastSettings.of(spec))
        .isInstanceOf(ProblemException.class)
        .hasMessageStartingWith("spec.window: invalid duration '5x'");
  }
}
