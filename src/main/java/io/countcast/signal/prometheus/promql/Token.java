package io.countcast.signal.prometheus.promql;

/**
 * One lexed token.
 *
 * @param type kind of token
 * @param text source text (for strings: the decoded value)
 * @param offset 0-based offset of the token's first character in the query
 */
record Token(TokenType type, String text, int offset) {

  boolean is(TokenType expected) {
    return type == expected;
  }

  /** True for an identifier equal to the keyword, compared case-insensitively as PromQL does. */
  boolean isKeyword(String keyword) {
    return type == TokenType.IDENTIFIER && text.equalsIgnoreCase(keyword);
  }

  boolean isOperator(String op) {
    return (type == TokenType.OPERATOR || type == TokenType.MATCH_OPERATOR) && text.equals(op);
  }

  String describe() {
    return type == TokenType.EOF ? "end of query" : "'" + text + "'";
  }
}
