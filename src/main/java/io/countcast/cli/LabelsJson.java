package io.countcast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.countcast.model.data.DataException;
import io.countcast.series.LabelledWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads labelled surge windows: either an array of [start, end] pairs, or (the NAB
 * {@code anomaly_windows.json} layout) an object mapping series file names to such arrays, of
 * which the entry for the series' file name is used. Times as {@link SeriesCsv#parseTime}.
 */
final class LabelsJson {

  private LabelsJson() {
  }

  static List<LabelledWindow> read(Path file, String seriesFileName) {
    String source = file.toString();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw DataException.in(source, "cannot read labels JSON: " + e.getMessage());
    }
    JsonNode pairs = root;
    if (root != null && root.isObject()) {
      pairs = root.get(seriesFileName);
      if (pairs == null) {
        return List.of();
      }
    }
    if (pairs == null || !pairs.isArray()) {
      throw DataException.in(source, "expected an array of [start, end] pairs, or an object of"
          + " such arrays keyed by series file name");
    }
    List<LabelledWindow> out = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      JsonNode pair = pairs.get(i);
      if (!pair.isArray() || pair.size() != 2) {
        throw DataException.in(source, "label " + (i + 1) + " is not a [start, end] pair");
      }
      try {
        out.add(new LabelledWindow(SeriesCsv.parseTime(pair.get(0).asText()),
            SeriesCsv.parseTime(pair.get(1).asText())));
      } catch (IllegalArgumentException e) {
        throw DataException.in(source, "label " + (i + 1) + ": " + e.getMessage());
      }
    }
    return out;
  }
}
