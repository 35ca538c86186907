package io.countcast.signal.prometheus.promql;

/** Kinds of PromQL tokens produced by {@link PromqlLexer}. */
enum TokenType {
  IDENTIFIER,
  NUMBER,
  DURATION,
  STRING,
  LEFT_BRACE,
  RIGHT_BRACE,
  LEFT_PAREN,
  RIGHT_PAREN,
  LEFT_BRACKET,
  RIGHT_BRACKET,
  COMMA,
  COLON,
  AT,
  /** Arithmetic or comparison operator ({@code + - * / % ^ == != < <= > >=}). */
  OPERATOR,
  /** Label matcher operator ({@code = =~ !~}; {@code !=} is lexed as OPERATOR). */
  MATCH_OPERATOR,
  EOF
}
