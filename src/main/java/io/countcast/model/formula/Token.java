package io.countcast.model.formula;

/**
 * One lexical token of a formula.
 *
 * @param kind what it is
 * @param text the source text (unquoted for back-quoted names)
 * @param position 0-based offset in the formula
 */
record Token(Kind kind, String text, int position) {

  /** Token kinds; operators carry their text. */
  enum Kind { NAME, NUMBER, OPERATOR, LPAREN, RPAREN, COMMA, END }

  boolean isOperator(String op) {
    return kind == Kind.OPERATOR && text.equals(op);
  }

  /** How to show the token in "expected X but found Y". */
  String describe() {
    return kind == Kind.END ? "end of formula" : "'" + text + "'";
  }
}
