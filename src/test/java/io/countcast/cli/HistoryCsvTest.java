package io.countcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.model.NegBinomialCount;
import io.countcast.signal.PredictionArchive;
import io.countcast.signal.SeriesArrays;
import io.countcast.signal.SignalState;
import io.countcast.signal.WindowPrediction;
import io.countcast.signal.WindowSample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCsvTest {

  @Test
  void eachStoredWindowIsARowWithTheForecastMadeForItWhereThereWasOne() {
    SignalState history = new SignalState(300, List.of(new WindowSample(600, 900, 3, 120),
        new WindowSample(900, 1200, 40, 150.5)), "", null, "prometheus");
    PredictionArchive archive = PredictionArchive.empty(10);
    archive.retrained(0, 900, 910);
    NegBinomialCount p = new NegBinomialCount(4, 2);
    archive.forecast(List.of(WindowPrediction.of(900, 4, 0, 10, 1, p)));
    archive.close(new SeriesArrays(new long[] {600, 900}, new double[] {3, 40},
        new double[] {120, 150.5}), 300);
    StringWriter out = new StringWriter();
    HistoryCsv.write(history, archive, new PrintWriter(out));
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).isEqualTo(HistoryCsv.HEADER);
    assertThat(lines[1]).isEqualTo("1970-01-01T00:10:00Z,1970-01-01T00:15:00Z,3,120,,,,,,,,");
    String[] row = lines[2].split(",", -1);
    assertThat(row).hasSize(12);
    assertThat(List.of(row).subList(0, 8)).containsExactly("1970-01-01T00:15:00Z",
        "1970-01-01T00:20:00Z", "40", "150.5", "4", "0", "10", "1");
    // 40 errors where 4 were expected: an anomaly score near 0, the log score very low
    assertThat(Double.parseDouble(row[8])).isGreaterThan(0.9999);
    assertThat(Double.parseDouble(row[9])).isLessThan(1e-4).isCloseTo(p.exceedance(39),
        org.assertj.core.api.Assertions.within(p.exceedance(39) * 1e-5));
    assertThat(Double.parseDouble(row[11])).isLessThan(-8);
  }

  @Test
  void aNameTooLongForAConfigMapIsBadInputNamingTheOption() {
    java.io.StringWriter err = new java.io.StringWriter();
    int code = CountcastCli.run(new String[] {"history", "export", "-n", "ns", "--name",
        "x".repeat(250)}, new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(code).isEqualTo(CountcastCli.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: --name: CountForecast name 'xxx")
        .contains("exceed 253 characters").doesNotContain("\tat ");
  }
}
