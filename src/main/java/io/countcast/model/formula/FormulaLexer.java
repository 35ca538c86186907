package io.countcast.model.formula;

import java.util.ArrayList;
import java.util.List;

/** Splits a formula into tokens: names (R syntax or back-quoted), numbers and operators. */
final class FormulaLexer {

  private final String src;
  private int pos;

  private FormulaLexer(String src) {
    this.src = src;
  }

  static List<Token> tokenize(String formula) {
    return new FormulaLexer(formula).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
        pos++;
      }
      if (pos >= src.length()) {
        tokens.add(new Token(Token.Kind.END, "", pos));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    int start = pos;
    char c = src.charAt(pos);
    if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length()
        && Character.isDigit(src.charAt(pos + 1)))) {
      return number(start);
    }
    if (Character.isLetter(c) || c == '.') {
      while (pos < src.length() && isNameChar(src.charAt(pos))) {
        pos++;
      }
      return new Token(Token.Kind.NAME, src.substring(start, pos), start);
    }
    if (c == '`') {
      int close = src.indexOf('`', pos + 1);
      if (close < 0) {
        throw FormulaException.at(src, start, "unterminated back-quoted name");
      }
      pos = close + 1;
      return new Token(Token.Kind.NAME, src.substring(start + 1, close), start);
    }
    if (c == '%') {
      int close = src.indexOf('%', pos + 1);
      if (close < 0 || !src.substring(start, close + 1).equals("%in%")) {
        throw FormulaException.at(src, start, "unknown operator (only %in% is supported)");
      }
      pos = close + 1;
      return new Token(Token.Kind.OPERATOR, "%in%", start);
    }
    pos++;
    return switch (c) {
      case '~', '+', '-', '*', '/', '^', ':' -> new Token(Token.Kind.OPERATOR, String.valueOf(c), start);
      case '(' -> new Token(Token.Kind.LPAREN, "(", start);
      case ')' -> new Token(Token.Kind.RPAREN, ")", start);
      case ',' -> new Token(Token.Kind.COMMA, ",", start);
      default -> throw FormulaException.at(src, start, "unexpected character '" + c + "'");
    };
  }

  private Token number(int start) {
    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
      pos++;
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      int save = pos++;
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    String text = src.substring(start, pos);
    try {
      Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw FormulaException.at(src, start, "malformed number '" + text + "'");
    }
    return new Token(Token.Kind.NUMBER, text, start);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_';
  }
}
