package io.countcast.model.formula;

import io.countcast.model.data.Column;
import io.countcast.model.data.CsvTable;
import io.countcast.model.data.DataException;
import io.countcast.model.data.NumericColumn;
import io.countcast.model.data.TextColumn;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The cells of a factor column as level labels, and R's default level order. R's
 * {@code factor()} sorts text with the locale's collation (ICU in R builds that have it), which
 * puts {@code a < A < b < B}; a root-locale {@link Collator} gives the same order for
 * letters and digits. Numeric columns wrapped in {@code factor(x)} sort numerically, as R does.
 */
final class FactorLevels {

  private static final Comparator<String> R_TEXT_ORDER;

  static {
    Collator collator = Collator.getInstance(Locale.ROOT);
    collator.setStrength(Collator.TERTIARY);
    R_TEXT_ORDER = collator::compare;
  }

  private FactorLevels() {
  }

  /** Each row's label, with missing cells rejected. */
  static String[] labels(CsvTable data, String column) {
    Column c = data.column(column);
    String[] out = new String[c.size()];
    for (int i = 0; i < out.length; i++) {
      if (c.isMissing(i)) {
        throw data.errorAt(i, column, "missing value");
      }
    }
    if (c instanceof TextColumn text) {
      return text.values();
    }
    double[] v = ((NumericColumn) c).finiteValues();
    for (int i = 0; i < out.length; i++) {
      out[i] = new Node.Number(v[i], 0).deparse();
    }
    return out;
  }

  /** R's default levels: the distinct labels sorted (numerically for a numeric column). */
  static List<String> sorted(CsvTable data, String column, String[] labels) {
    boolean numeric = data.column(column) instanceof NumericColumn;
    Comparator<String> order = numeric
        ? Comparator.comparingDouble(Double::parseDouble)
        : R_TEXT_ORDER.thenComparing(Comparator.naturalOrder());
    // De-duplicate with hashing first: collation compares are slow, and there are few levels.
    List<String> distinct = new ArrayList<>(new HashSet<>(Arrays.asList(labels)));
    distinct.sort(order);
    return distinct;
  }

  /** Checks that explicitly given levels cover every label and have no repeats. */
  static List<String> checkGiven(CsvTable data, String column, String[] labels,
                                 List<String> given) {
    Set<String> set = new LinkedHashSet<>(given);
    if (set.size() != given.size()) {
      throw DataException.in(data.source(), "the levels given for '" + column + "' repeat a level");
    }
    for (int i = 0; i < labels.length; i++) {
      if (!set.contains(labels[i])) {
        throw data.errorAt(i, column, "level '" + labels[i] + "' is not among the levels given ("
            + String.join(", ", given) + ")");
      }
    }
    return List.copyOf(given);
  }
}
