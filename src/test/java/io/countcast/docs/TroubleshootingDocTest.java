package io.countcast.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.countcast.api.ConditionType;
import io.countcast.api.CountForecastStatus;
import io.countcast.operator.Reasons;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/reference.md stays true to the code: its troubleshooting table lists exactly the reasons
 * of {@link Reasons}, and its sample status uses only real status fields and reasons.
 */
class TroubleshootingDocTest {

  private static final Path REFERENCE = Path.of("docs", "reference.md");
  private static final String TROUBLESHOOTING = "## Troubleshooting by reason";
  /** A table row whose first cell is one back-quoted word: the reason. */
  private static final Pattern REASON_ROW = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\|");
  private static final Pattern STATUS_SAMPLE =
      Pattern.compile("<!-- status-sample -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL);

  @Test
  void troubleshootingTableListsExactlyTheReasonsOfTheCode() throws IOException {
    String doc = Files.readString(REFERENCE);
    int start = doc.indexOf(TROUBLESHOOTING);
    assertThat(start).as("section '%s' in %s", TROUBLESHOOTING, REFERENCE).isNotNegative();
    Set<String> documented = new TreeSet<>();
    Matcher row = REASON_ROW.matcher(doc.substring(start));
    while (row.find()) {
      documented.add(row.group(1));
    }

    assertThat(documented).as("reasons in the troubleshooting table of %s", REFERENCE)
        .containsExactlyInAnyOrderElementsOf(constants(Reasons.class));
  }

  @Test
  void statusSampleUsesOnlyRealFieldsAndReasons() throws IOException {
    Matcher sample = STATUS_SAMPLE.matcher(Files.readString(REFERENCE));
    assertThat(sample.find()).as("a yaml block after <!-- status-sample --> in %s", REFERENCE)
        .isTrue();
    JsonNode status = new KubernetesSerialization().unmarshal(sample.group(1), JsonNode.class)
        .get("status");

    // A plain mapper fails on a property the API classes do not have (fabric8's would not).
    CountForecastStatus parsed = new ObjectMapper().treeToValue(status, CountForecastStatus.class);

    assertThat(parsed.getConditions()).extracting(Condition::getType)
        .containsExactly(ConditionType.READY, ConditionType.TRAINED,
            ConditionType.SURGE_FORECAST, ConditionType.DEGRADED, ConditionType.CALIBRATED);
    assertThat(parsed.getConditions()).extracting(Condition::getReason)
        .allSatisfy(reason -> assertThat(constants(Reasons.class)).contains(reason));
    assertThat(parsed.getForecast()).isNotEmpty();
    assertThat(parsed.getExpectedNext()).isEqualTo(parsed.getForecast().get(0).getExpected());
    assertThat(parsed.getUpperNext()).isEqualTo(parsed.getForecast().get(0).getUpper());
  }

  /** The values of the public static String constants of {@code type}. */
  private static Set<String> constants(Class<?> type) {
    Set<String> values = new TreeSet<>();
    for (Field field : type.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)
          && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return values;
  }
}
