package io.countcast.model.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Recursive-descent parser for R model formulas, with R's operator precedence (loosest first):
 * {@code ~}, binary {@code + -}, {@code * /}, {@code %in%}, {@code :}, unary {@code - +},
 * {@code ^} (right-associative). Function calls take comma-separated arguments parsed with the
 * same grammar; inside a call the operators are later read as arithmetic.
 */
public final class FormulaParser {

  private final String source;
  private final List<Token> tokens;
  private int index;

  private FormulaParser(String source) {
    this.source = source;
    this.tokens = FormulaLexer.tokenize(source);
  }

  /**
   * Parses {@code [response] ~ rhs}.
   *
   * @throws FormulaException with the position and what was expected
   */
  public static Formula parse(String text) {
    if (text == null || text.isBlank()) {
      throw new FormulaException("formula is empty (expected e.g. 'y ~ x1 + x2')");
    }
    return new FormulaParser(text).formula();
  }

  /** Parses a lone expression such as {@code log(x + 1)} (used to rebuild saved variables). */
  static Node parseExpression(String text) {
    FormulaParser p = new FormulaParser(text);
    Node node = p.sum();
    p.expectEnd();
    return node;
  }

  private Formula formula() {
    Node response = null;
    if (!peek().isOperator("~")) {
      response = sum();
    }
    if (!peek().isOperator("~")) {
      throw expected("'~'");
    }
    index++;
    Node rhs = sum();
    expectEnd();
    return new Formula(source, response, rhs);
  }

  private void expectEnd() {
    if (peek().kind() != Token.Kind.END) {
      throw expected("an operator or end of formula");
    }
  }

  private Node sum() {
    return leftAssociative(this::product, "+", "-");
  }

  private Node product() {
    return leftAssociative(this::within, "*", "/");
  }

  private Node within() {
    return leftAssociative(this::interaction, "%in%");
  }

  private Node interaction() {
    return leftAssociative(this::unary, ":");
  }

  /** One precedence level of left-associative binary operators. */
  private Node leftAssociative(Supplier<Node> operand, String... operators) {
    Node left = operand.get();
    while (peek().kind() == Token.Kind.OPERATOR && List.of(operators).contains(peek().text())) {
      Token op = tokens.get(index++);
      left = new Node.Binary(op.text(), left, operand.get(), op.position());
    }
    return left;
  }

  private Node unary() {
    if (peek().isOperator("-") || peek().isOperator("+")) {
      Token op = tokens.get(index++);
      return new Node.Unary(op.text(), unary(), op.position());
    }
    return power();
  }

  private Node power() {
    Node base = primary();
    if (peek().isOperator("^")) {
      Token op = tokens.get(index++);
      return new Node.Binary("^", base, unary(), op.position());
    }
    return base;
  }

  private Node primary() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER -> {
        index++;
        return new Node.Number(Double.parseDouble(t.text()), t.position());
      }
      case NAME -> {
        index++;
        if (peek().kind() == Token.Kind.LPAREN) {
          return call(t);
        }
        return new Node.Name(t.text(), t.position());
      }
      case LPAREN -> {
        index++;
        Node inner = sum();
        expect(Token.Kind.RPAREN, "')'");
        return new Node.Paren(inner, t.position());
      }
      default -> throw expected("a variable, number or '('");
    }
  }

  private Node call(Token name) {
    index++;
    List<Node> args = new ArrayList<>();
    if (peek().kind() != Token.Kind.RPAREN) {
      args.add(sum());
      while (peek().kind() == Token.Kind.COMMA) {
        index++;
        args.add(sum());
      }
    }
    expect(Token.Kind.RPAREN, "',' or ')'");
    return new Node.Call(name.text(), args, name.position());
  }

  private void expect(Token.Kind kind, String what) {
    if (peek().kind() != kind) {
      throw expected(what);
    }
    index++;
  }

  private Token peek() {
    return tokens.get(index);
  }

  private FormulaException expected(String what) {
    Token t = peek();
    return FormulaException.at(source, t.position(), "expected " + what + " but found " + t.describe());
  }
}
