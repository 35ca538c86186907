package io.countcast.model.data;

/** One column of a {@link CsvTable}: either numeric or text (a factor when used in a formula). */
public sealed interface Column permits NumericColumn, TextColumn {

  /** The header name. */
  String name();

  /** Number of data rows. */
  int size();

  /** Whether the cell at 0-based row {@code row} was empty or {@code NA}. */
  boolean isMissing(int row);
}
