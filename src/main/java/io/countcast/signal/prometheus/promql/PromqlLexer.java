package io.countcast.signal.prometheus.promql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PromQL text into tokens, following the Prometheus 2.x lexer: identifiers may contain
 * colons outside brackets (recording-rule names such as {@code job:http_errors:rate5m}), inside
 * brackets a colon separates a subquery's range and step; numbers are decimal, hexadecimal,
 * scientific, {@code Inf} or {@code NaN}; a number directly followed by a unit is a duration
 * ({@code 5m}, {@code 1h30m}); strings use double, single or back quotes; {@code #} starts a
 * comment.
 */
final class PromqlLexer {

  private static final String DURATION_UNITS = "smhdwy";

  private final String query;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int bracketDepth;

  private PromqlLexer(String query) {
    this.query = query;
  }

  /** Tokenizes the query; the last token is always {@link TokenType#EOF}. */
  static List<Token> tokenize(String query) {
    PromqlLexer lexer = new PromqlLexer(query);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (true) {
      skipSpaceAndComments();
      if (pos >= query.length()) {
        tokens.add(new Token(TokenType.EOF, "", pos));
        return;
      }
      lexOne();
    }
  }

  private void skipSpaceAndComments() {
    while (pos < query.length()) {
      char c = query.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < query.length() && query.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void lexOne() {
    int start = pos;
    char c = query.charAt(pos);
    switch (c) {
      case '{' -> single(TokenType.LEFT_BRACE);
      case '}' -> single(TokenType.RIGHT_BRACE);
      case '(' -> single(TokenType.LEFT_PAREN);
      case ')' -> single(TokenType.RIGHT_PAREN);
      case '[' -> {
        bracketDepth++;
        single(TokenType.LEFT_BRACKET);
      }
      case ']' -> {
        bracketDepth = Math.max(0, bracketDepth - 1);
        single(TokenType.RIGHT_BRACKET);
      }
      case ',' -> single(TokenType.COMMA);
      case '@' -> single(TokenType.AT);
      case '+', '-', '*', '/', '%', '^' -> single(TokenType.OPERATOR);
      case '"', '\'', '`' -> lexString(c);
      case '=' -> {
        if (peek(1) == '=') {
          emit(TokenType.OPERATOR, start, 2);
        } else if (peek(1) == '~') {
          emit(TokenType.MATCH_OPERATOR, start, 2);
        } else {
          emit(TokenType.MATCH_OPERATOR, start, 1);
        }
      }
      case '!' -> {
        if (peek(1) == '=') {
          emit(TokenType.OPERATOR, start, 2);
        } else if (peek(1) == '~') {
          emit(TokenType.MATCH_OPERATOR, start, 2);
        } else {
          throw error("unexpected character '!'", start);
        }
      }
      case '<', '>' -> emit(TokenType.OPERATOR, start, peek(1) == '=' ? 2 : 1);
      default -> lexWordOrNumber(c, start);
    }
  }

  private void lexWordOrNumber(char c, int start) {
    if (c == ':' && bracketDepth > 0) {
      single(TokenType.COLON);
    } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
      lexNumberOrDuration(start);
    } else if (isIdentifierStart(c)) {
      lexIdentifier(start);
    } else if (c == '$') {
      throw error("unknown placeholder; only $window is substituted", start);
    } else {
      throw error("unexpected character '" + c + "'", start);
    }
  }

  private void lexIdentifier(int start) {
    while (pos < query.length() && isIdentifierPart(query.charAt(pos))) {
      pos++;
    }
    String word = query.substring(start, pos);
    boolean infOrNan = word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan");
    tokens.add(new Token(infOrNan ? TokenType.NUMBER : TokenType.IDENTIFIER, word, start));
  }

  private void lexNumberOrDuration(int start) {
    if (isDurationAhead()) {
      lexDuration(start);
      return;
    }
    if (query.startsWith("0x", pos) || query.startsWith("0X", pos)) {
      pos += 2;
      int digits = pos;
      while (pos < query.length() && Character.digit(query.charAt(pos), 16) >= 0) {
        pos++;
      }
      if (pos == digits) {
        throw error("bad hexadecimal number", start);
      }
    } else {
      digits();
      if (peek(0) == '.') {
        pos++;
        digits();
      }
      if (peek(0) == 'e' || peek(0) == 'E') {
        pos++;
        if (peek(0) == '+' || peek(0) == '-') {
          pos++;
        }
        if (!isDigit(peek(0))) {
          throw error("bad number: exponent without digits", start);
        }
        digits();
      }
    }
    if (isIdentifierPart(peek(0)) && peek(0) != ':') {
      throw error("bad number or duration syntax", start);
    }
    tokens.add(new Token(TokenType.NUMBER, query.substring(start, pos), start));
  }

  /** A duration is one or more (digits, unit) pairs with units ms, s, m, h, d, w, y. */
  private boolean isDurationAhead() {
    int p = pos;
    while (p < query.length() && isDigit(query.charAt(p))) {
      p++;
    }
    return p > pos && p < query.length() && DURATION_UNITS.indexOf(query.charAt(p)) >= 0;
  }

  private void lexDuration(int start) {
    while (isDigit(peek(0))) {
      digits();
      if (query.startsWith("ms", pos)) {
        pos += 2;
      } else if (pos < query.length() && DURATION_UNITS.indexOf(query.charAt(pos)) >= 0) {
        pos++;
      } else {
        throw error("bad duration: digits without a unit (ms, s, m, h, d, w, y)", start);
      }
    }
    if (isIdentifierPart(peek(0)) && peek(0) != ':') {
      throw error("bad duration syntax", start);
    }
    tokens.add(new Token(TokenType.DURATION, query.substring(start, pos), start));
  }

  private void lexString(char quote) {
    int start = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= query.length()) {
        throw error("unterminated quoted string", start);
      }
      char c = query.charAt(pos);
      if (c == quote) {
        pos++;
        tokens.add(new Token(TokenType.STRING, value.toString(), start));
        return;
      }
      if (quote != '`' && c == '\n') {
        throw error("unterminated quoted string (newline inside quotes)", start);
      }
      if (quote != '`' && c == '\\') {
        pos++;
        readEscape(quote, value);
      } else {
        value.append(c);
        pos++;
      }
    }
  }

  /** Go string escapes, as PromQL accepts them; {@code pos} is just after the backslash. */
  private void readEscape(char quote, StringBuilder value) {
    int escapeStart = pos - 1;
    if (pos >= query.length()) {
      throw error("unterminated quoted string", escapeStart);
    }
    char c = query.charAt(pos++);
    switch (c) {
      case 'a' -> value.append('\u0007');
      case 'b' -> value.append('\b');
      case 'f' -> value.append('\f');
      case 'n' -> value.append('\n');
      case 'r' -> value.append('\r');
      case 't' -> value.append('\t');
      case 'v' -> value.append('\u000b');
      case '\\' -> value.append('\\');
      case 'x' -> value.append(byteEscape(readHex(2, escapeStart), escapeStart));
      case 'u' -> value.appendCodePoint(codePoint(readHex(4, escapeStart), escapeStart));
      case 'U' -> value.appendCodePoint(codePoint(readHex(8, escapeStart), escapeStart));
      default -> {
        if (c == quote) {
          value.append(c);
        } else if (c >= '0' && c <= '7') {
          pos--;
          value.append(byteEscape(readOctal(escapeStart), escapeStart));
        } else {
          throw error("unknown escape sequence '\\" + c + "'", escapeStart);
        }
      }
    }
  }

  private int readHex(int count, int escapeStart) {
    if (pos + count > query.length()) {
      throw error("truncated escape sequence", escapeStart);
    }
    try {
      int v = Integer.parseUnsignedInt(query.substring(pos, pos + count), 16);
      pos += count;
      return v;
    } catch (NumberFormatException e) {
      throw error("bad hexadecimal escape sequence", escapeStart);
    }
  }

  private int readOctal(int escapeStart) {
    if (pos + 3 > query.length()) {
      throw error("truncated octal escape sequence", escapeStart);
    }
    int v = 0;
    for (int i = 0; i < 3; i++) {
      char d = query.charAt(pos++);
      if (d < '0' || d > '7') {
        throw error("bad octal escape sequence", escapeStart);
      }
      v = v * 8 + (d - '0');
    }
    return v;
  }

  /**
   * Go's \x and octal escapes denote raw bytes; bytes above 0x7f would form UTF-8 sequences that
   * we would have to reassemble, so they are refused rather than guessed.
   */
  private char byteEscape(int v, int escapeStart) {
    if (v > 0x7f) {
      throw error("byte escapes above \\x7f are not supported; write the character itself",
          escapeStart);
    }
    return (char) v;
  }

  private int codePoint(int v, int escapeStart) {
    if (!Character.isValidCodePoint(v) || (v >= 0xd800 && v <= 0xdfff)) {
      throw error("escape sequence is not a valid Unicode code point", escapeStart);
    }
    return v;
  }

  private void digits() {
    while (isDigit(peek(0))) {
      pos++;
    }
  }

  private void single(TokenType type) {
    emit(type, pos, 1);
  }

  private void emit(TokenType type, int start, int length) {
    tokens.add(new Token(type, query.substring(start, start + length), start));
    pos = start + length;
  }

  private char peek(int ahead) {
    int p = pos + ahead;
    return p < query.length() ? query.charAt(p) : '\0';
  }

  private boolean isIdentifierStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c == ':' && bracketDepth == 0);
  }

  private boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private PromqlException error(String reason, int offset) {
    return new PromqlException(reason, offset, query);
  }
}
