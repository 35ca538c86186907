package io.countcast.model.formula;

import io.countcast.model.data.Column;
import io.countcast.model.data.CsvTable;
import io.countcast.model.data.DataException;
import io.countcast.model.data.NumericColumn;
import io.countcast.model.data.TextColumn;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cells of a factor column as codes into distinct level labels, and R's default level order.
 * R's {@code factor()} sorts text with the locale's collation (ICU in R builds that have it), which
 * puts {@code a < A < b < B}; a root-locale {@link Collator} gives the same order for
 * letters and digits. Numeric columns wrapped in {@code factor(x)} sort numerically, as R does.
 */
final class FactorLevels {

  /**
   * R's text order, built on first use: building a collator costs tens of milliseconds of a
   * short CLI run, and factors whose labels are plain letters and digits sort without one
   * ({@link #sortsByCodePoint}).
   */
  private static final class RTextOrder {
    static final Comparator<String> ORDER;

    static {
      Collator collator = Collator.getInstance(Locale.ROOT);
      collator.setStrength(Collator.TERTIARY);
      Comparator<String> byCollator = collator::compare;
      ORDER = byCollator.thenComparing(Comparator.naturalOrder());
    }
  }

  private FactorLevels() {
  }

  /**
   * A factor column's cells: each row's index into the distinct labels.
   *
   * @param codes the label index of each row
   * @param labels the distinct labels, each once
   */
  record Cells(int[] codes, List<String> labels) {

    /** The first row whose label's {@code wanted} flag is false, or -1 if there is none. */
    int firstRowWithout(boolean[] wanted) {
      for (int i = 0; i < codes.length; i++) {
        if (!wanted[codes[i]]) {
          return i;
        }
      }
      return -1;
    }

    String label(int row) {
      return labels.get(codes[row]);
    }
  }

  /**
   * The column's cells as labels, with missing cells rejected: a text column's own codes, or the
   * numbers of {@code factor(x)} spelled as R spells them.
   */
  static Cells cells(CsvTable data, String column) {
    Column c = data.column(column);
    for (int i = 0; i < c.size(); i++) {
      if (c.isMissing(i)) {
        throw data.errorAt(i, column, "missing value");
      }
    }
    if (c instanceof TextColumn text) {
      return new Cells(text.codes(), text.distinctValues());
    }
    double[] v = ((NumericColumn) c).finiteValues();
    Map<String, Integer> index = new HashMap<>();
    List<String> labels = new ArrayList<>();
    int[] codes = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      String label = new Node.Number(v[i], 0).deparse();
      Integer code = index.putIfAbsent(label, labels.size());
      if (code == null) {
        code = labels.size();
        labels.add(label);
      }
      codes[i] = code;
    }
    return new Cells(codes, labels);
  }

  /** R's default levels: the distinct labels sorted (numerically for a numeric column). */
  static List<String> sorted(CsvTable data, String column, Cells cells) {
    boolean numeric = data.column(column) instanceof NumericColumn;
    List<String> distinct = new ArrayList<>(cells.labels());
    distinct.sort(numeric ? Comparator.comparingDouble(Double::parseDouble) : textOrder(distinct));
    return distinct;
  }

  /** R's order for these labels: by code point when that is the same, else by the collator. */
  static Comparator<String> textOrder(List<String> labels) {
    return sortsByCodePoint(labels) ? Comparator.naturalOrder() : RTextOrder.ORDER;
  }

  /** R's text order by the collator (for tests of {@link #sortsByCodePoint}). */
  static Comparator<String> collatorOrder() {
    return RTextOrder.ORDER;
  }

  /**
   * Whether the collator orders these labels as {@link String#compareTo} does: when all of them
   * are made of digits and lower-case ASCII letters only, or all of digits and upper-case ones,
   * both orders put digits before letters, letters alphabetically and a prefix first.
   */
  static boolean sortsByCodePoint(List<String> labels) {
    return all(labels, 'a', 'z') || all(labels, 'A', 'Z');
  }

  private static boolean all(List<String> labels, char firstLetter, char lastLetter) {
    for (String label : labels) {
      for (int k = 0; k < label.length(); k++) {
        char c = label.charAt(k);
        if (!(c >= '0' && c <= '9') && !(c >= firstLetter && c <= lastLetter)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Checks that explicitly given levels cover every label and have no repeats. */
  static List<String> checkGiven(CsvTable data, String column, Cells cells, List<String> given) {
    Set<String> set = new LinkedHashSet<>(given);
    if (set.size() != given.size()) {
      throw DataException.in(data.source(), "the levels given for '" + column + "' repeat a level");
    }
    boolean[] known = new boolean[cells.labels().size()];
    for (int k = 0; k < known.length; k++) {
      known[k] = set.contains(cells.labels().get(k));
    }
    int row = cells.firstRowWithout(known);
    if (row >= 0) {
      throw data.errorAt(row, column, "level '" + cells.label(row)
          + "' is not among the levels given (" + String.join(", ", given) + ")");
    }
    return List.copyOf(given);
  }
}
