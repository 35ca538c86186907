package io.countcast.model.formula;

/** An unparseable or invalid model formula; the one-line message names the position. */
public final class FormulaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FormulaException(String message) {
    super(message, null, false, false);
  }

  /** "formula 'TEXT' at position P: PROBLEM" (P is 1-based). */
  static FormulaException at(String formula, int position, String problem) {
    return new FormulaException(
        "formula '" + formula + "' at position " + (position + 1) + ": " + problem);
  }

  /** "formula 'TEXT': PROBLEM". */
  static FormulaException in(String formula, String problem) {
    return new FormulaException("formula '" + formula + "': " + problem);
  }
}
