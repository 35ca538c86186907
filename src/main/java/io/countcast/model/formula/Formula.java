package io.countcast.model.formula;

/**
 * A parsed model formula: {@code response ~ rhs}, or {@code ~ rhs} for a zero-inflation part.
 * Parse with {@link FormulaParser#parse}.
 *
 * @param source the text as written
 * @param response the left-hand side, or null
 * @param rhs the right-hand side
 */
public record Formula(String source, Node response, Node rhs) {

  /** The response as R names it (e.g. {@code Days}), or null for a one-sided formula. */
  public String responseName() {
    return response == null ? null : response.deparse();
  }

  /** Whether the left-hand side is a bare column name (a count response must be). */
  public boolean hasColumnResponse() {
    return response instanceof Node.Name;
  }

  /** Parses {@code text}; see {@link FormulaParser}. */
  public static Formula parse(String text) {
    return FormulaParser.parse(text);
  }
}
