package io.countcast.model.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FactorLevelsTest {

  /** The shortcut past the collator gives the collator's order wherever it is taken. */
  @Test
  void codePointOrderIsTheCollatorsForPlainLettersAndDigits() {
    SplittableRandom random = new SplittableRandom(19);
    for (String alphabet : List.of("0123456789abcdefghijklmnopqrstuvwxyz",
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ab01")) {
      for (int round = 0; round < 200; round++) {
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
          StringBuilder label = new StringBuilder();
          for (int c = 1 + random.nextInt(4); c > 0; c--) {
            label.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          labels.add(label.toString());
        }
        assertThat(FactorLevels.sortsByCodePoint(labels)).isTrue();
        List<String> byCollator = new ArrayList<>(labels);
        byCollator.sort(FactorLevels.collatorOrder());
        List<String> byCodePoint = new ArrayList<>(labels);
        byCodePoint.sort(Comparator.naturalOrder());
        assertThat(byCodePoint).isEqualTo(byCollator);
      }
    }
  }

  /** Mixed case, punctuation and non-ASCII letters keep R's collation (a < B, not B < a). */
  @Test
  void otherLabelsSortByTheCollator() {
    for (List<String> labels : List.of(List.of("B", "a"), List.of("a_1", "a1"),
        List.of("é", "f"), List.of("x y", "xy"))) {
      assertThat(FactorLevels.sortsByCodePoint(labels)).as(labels.toString()).isFalse();
    }
    List<String> mixed = new ArrayList<>(List.of("B", "b", "A", "a"));
    mixed.sort(FactorLevels.textOrder(mixed));
    assertThat(mixed).containsExactly("a", "A", "b", "B");
  }
}
