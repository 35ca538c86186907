package io.countcast.signal.prometheus.promql;

import io.countcast.signal.prometheus.promql.Expr.Aggregation;
import io.countcast.signal.prometheus.promql.Expr.Binary;
import io.countcast.signal.prometheus.promql.Expr.Call;
import io.countcast.signal.prometheus.promql.Expr.MatrixSelector;
import io.countcast.signal.prometheus.promql.Expr.NumberLiteral;
import io.countcast.signal.prometheus.promql.Expr.Paren;
import io.countcast.signal.prometheus.promql.Expr.StringLiteral;
import io.countcast.signal.prometheus.promql.Expr.Subquery;
import io.countcast.signal.prometheus.promql.Expr.Unary;
import io.countcast.signal.prometheus.promql.Expr.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for PromQL as of Prometheus 2.42, with precedence climbing for binary
 * operators. Precedence from loose to tight: {@code or}; {@code and unless}; comparisons;
 * {@code + -}; {@code * / % atan2}; unary {@code + -}; {@code ^} (right-associative); postfix
 * range, subquery, {@code offset} and {@code @}. Keywords are case-insensitive, function names are
 * not. Type checking is left to Prometheus; this parser only has to recover the structure exactly
 * so that every vector selector is found.
 *
 * <p>Limits, so that no query can overflow the stack or exhaust the heap of the thread that
 * parses it: at most {@value #MAX_QUERY_LENGTH} characters, at most {@value #MAX_DEPTH} levels
 * of nesting (each parenthesis, call, aggregation, unary operator and each binary operator of a
 * chain is a level, so the syntax tree, which is printed and rewritten recursively, is at most
 * that deep), and label regexes within {@link RegexSize}'s limits.
 */
public final class PromqlParser {

  private static final Map<String, Integer> BINARY_PRECEDENCE = Map.ofEntries(
      Map.entry("or", 1), Map.entry("and", 2), Map.entry("unless", 2),
      Map.entry("==", 3), Map.entry("!=", 3), Map.entry("<", 3), Map.entry("<=", 3),
      Map.entry(">", 3), Map.entry(">=", 3),
      Map.entry("+", 4), Map.entry("-", 4),
      Map.entry("*", 5), Map.entry("/", 5), Map.entry("%", 5), Map.entry("atan2", 5),
      Map.entry("^", 7));
  /** Unary minus binds tighter than {@code *} but looser than {@code ^}: -a^b is -(a^b). */
  private static final int UNARY_OPERAND_PRECEDENCE = 7;
  private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");
  private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group",
      "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile");
  private static final Set<String> PARAMETRIC_AGGREGATIONS =
      Set.of("count_values", "bottomk", "topk", "quantile");
  /** Functions of Prometheus 2.42; an unknown name is refused rather than guessed at. */
  private static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time",
      "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time", "ceil", "changes",
      "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "days_in_month",
      "day_of_month", "day_of_week", "day_of_year", "deg", "delta", "deriv", "exp", "floor",
      "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_sum",
      "holt_winters", "hour", "idelta", "increase", "irate", "label_replace", "label_join",
      "last_over_time", "ln", "log10", "log2", "max_over_time", "min_over_time", "minute",
      "month", "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate",
      "resets", "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt",
      "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time",
      "timestamp", "vector", "year");
  /** Words that cannot start an operand (they are operators or modifiers). */
  private static final Set<String> RESERVED = Set.of("and", "or", "unless", "atan2", "by",
      "without", "on", "ignoring", "group_left", "group_right", "bool", "offset");

  /** Longest query parsed, after {@code $window} substitution (the CRD allows 4,096). */
  public static final int MAX_QUERY_LENGTH = 8192;
  /** Deepest nesting of expressions; real queries stay below 15. */
  public static final int MAX_DEPTH = 64;

  private final String query;
  private final List<Token> tokens;
  private int next;
  private int depth;

  private PromqlParser(String query) {
    this.query = query;
    this.tokens = PromqlLexer.tokenize(query);
  }

  /**
   * Parses a complete query.
   *
   * @throws PromqlException with the reason and column when the text is not valid PromQL
   */
  public static Expr parse(String query) {
    if (query.length() > MAX_QUERY_LENGTH) {
      throw new PromqlException("the query is " + query.length() + " characters long (limit "
          + MAX_QUERY_LENGTH + ")", 0, query);
    }
    PromqlParser parser = new PromqlParser(query);
    if (parser.peek().is(TokenType.EOF)) {
      throw new PromqlException("empty query", 0, query);
    }
    Expr expr = parser.expression(1);
    if (!parser.peek().is(TokenType.EOF)) {
      throw parser.unexpected(parser.peek(), "end of query");
    }
    return expr;
  }

  private Expr expression(int minPrecedence) {
    int entered = depth;
    enter(peek());
    try {
      return binaryChain(minPrecedence);
    } finally {
      depth = entered;
    }
  }

  /** Operands and operators at one level; each operator deepens the (left-leaning) tree. */
  private Expr binaryChain(int minPrecedence) {
    Expr lhs = unary();
    while (true) {
      Token opToken = peek();
      String op = binaryOperator(opToken);
      if (op == null || BINARY_PRECEDENCE.get(op) < minPrecedence) {
        return lhs;
      }
      enter(opToken);
      next++;
      boolean returnBool = false;
      if (peek().isKeyword("bool")) {
        if (!COMPARISONS.contains(op)) {
          throw error("bool modifier can only be used on comparison operators", peek());
        }
        next++;
        returnBool = true;
      }
      VectorMatching matching = vectorMatching();
      int precedence = BINARY_PRECEDENCE.get(op);
      // ^ is right-associative, all others left-associative.
      Expr rhs = expression(op.equals("^") ? precedence : precedence + 1);
      lhs = new Binary(lhs, op, returnBool, matching, rhs);
    }
  }

  /** One level deeper, refused beyond {@link #MAX_DEPTH}. */
  private void enter(Token at) {
    if (++depth > MAX_DEPTH) {
      throw error("the expression is nested more than " + MAX_DEPTH
          + " levels deep (parentheses, calls, operators)", at);
    }
  }

  private String binaryOperator(Token token) {
    if (token.is(TokenType.OPERATOR)) {
      return token.text();
    }
    if (token.is(TokenType.IDENTIFIER)) {
      String word = token.text().toLowerCase();
      if (word.equals("and") || word.equals("or") || word.equals("unless")
          || word.equals("atan2")) {
        return word;
      }
    }
    return null;
  }

  private VectorMatching vectorMatching() {
    if (!peek().isKeyword("on") && !peek().isKeyword("ignoring")) {
      if (peek().isKeyword("group_left") || peek().isKeyword("group_right")) {
        throw error("group modifiers need on(...) or ignoring(...) before them", peek());
      }
      return null;
    }
    boolean on = take().isKeyword("on");
    List<String> labels = labelList();
    String side = null;
    List<String> include = List.of();
    if (peek().isKeyword("group_left") || peek().isKeyword("group_right")) {
      side = take().text().toLowerCase().substring("group_".length());
      if (peek().is(TokenType.LEFT_PAREN)) {
        include = labelList();
      }
    }
    return new VectorMatching(on, labels, side, include);
  }

  private Expr unary() {
    Token token = peek();
    if (token.isOperator("-") || token.isOperator("+")) {
      next++;
      return new Unary(token.text(), expression(UNARY_OPERAND_PRECEDENCE));
    }
    return postfix(primary());
  }

  private Expr postfix(Expr expr) {
    Expr current = expr;
    while (true) {
      Token token = peek();
      if (token.is(TokenType.LEFT_BRACKET)) {
        enter(token); // a subquery of a subquery nests the tree
        current = rangeOrSubquery(current);
      } else if (token.isKeyword("offset")) {
        current = withOffset(current);
      } else if (token.is(TokenType.AT)) {
        current = withAt(current);
      } else {
        return current;
      }
    }
  }

  private Expr rangeOrSubquery(Expr expr) {
    Token open = take();
    String range = expect(TokenType.DURATION, "a duration such as 5m").text();
    if (peek().is(TokenType.COLON)) {
      next++;
      String step = peek().is(TokenType.DURATION) ? take().text() : null;
      expect(TokenType.RIGHT_BRACKET, "']'");
      return new Subquery(expr, range, step, Modifiers.NONE);
    }
    expect(TokenType.RIGHT_BRACKET, "']' or ':'");
    if (!(expr instanceof VectorSelector selector)) {
      throw error("a range [" + range + "] needs an instant vector selector before it;"
          + " use a subquery [range:step] for expressions", open);
    }
    if (!selector.modifiers().isEmpty()) {
      throw error("offset and @ modifiers must come after the range, not before it", open);
    }
    return new MatrixSelector(selector, range, Modifiers.NONE);
  }

  private Expr withOffset(Expr expr) {
    Token keyword = take();
    String sign = "";
    if (peek().isOperator("-") || peek().isOperator("+")) {
      sign = take().text().equals("-") ? "-" : "";
    }
    String duration = sign + expect(TokenType.DURATION, "a duration after offset").text();
    Modifiers modifiers = modifiersOf(expr, keyword);
    if (modifiers.offset() != null) {
      throw error("offset may not be set more than once", keyword);
    }
    return withModifiers(expr, modifiers.withOffset(duration));
  }

  private Expr withAt(Expr expr) {
    Token at = take();
    String timestamp;
    Token token = peek();
    if (token.isKeyword("start") || token.isKeyword("end")) {
      next++;
      expect(TokenType.LEFT_PAREN, "'('");
      expect(TokenType.RIGHT_PAREN, "')'");
      timestamp = token.text().toLowerCase() + "()";
    } else {
      String sign = "";
      if (token.isOperator("-") || token.isOperator("+")) {
        sign = take().text().equals("-") ? "-" : "";
      }
      Token number = expect(TokenType.NUMBER, "a Unix timestamp, start() or end() after @");
      timestamp = sign + number.text();
    }
    Modifiers modifiers = modifiersOf(expr, at);
    if (modifiers.at() != null) {
      throw error("@ may not be set more than once", at);
    }
    return withModifiers(expr, modifiers.withAt(timestamp));
  }

  private Modifiers modifiersOf(Expr expr, Token modifier) {
    if (expr instanceof VectorSelector s) {
      return s.modifiers();
    } else if (expr instanceof MatrixSelector m) {
      return m.modifiers();
    } else if (expr instanceof Subquery q) {
      return q.modifiers();
    }
    throw error("'" + modifier.text() + "' must follow a selector, a range selector"
        + " or a subquery", modifier);
  }

  private static Expr withModifiers(Expr expr, Modifiers modifiers) {
    if (expr instanceof VectorSelector s) {
      return new VectorSelector(s.metricName(), s.matchers(), modifiers);
    } else if (expr instanceof MatrixSelector m) {
      return new MatrixSelector(m.selector(), m.range(), modifiers);
    }
    Subquery q = (Subquery) expr;
    return new Subquery(q.expr(), q.range(), q.step(), modifiers);
  }

  private Expr primary() {
    Token token = peek();
    switch (token.type()) {
      case NUMBER -> {
        next++;
        return new NumberLiteral(token.text());
      }
      case STRING -> {
        next++;
        return new StringLiteral(token.text());
      }
      case LEFT_PAREN -> {
        next++;
        Expr inner = expression(1);
        expect(TokenType.RIGHT_PAREN, "')'");
        return new Paren(inner);
      }
      case LEFT_BRACE -> {
        return selector(null);
      }
      case IDENTIFIER -> {
        return identifierExpression(token);
      }
      default -> throw unexpected(token, "an expression");
    }
  }

  private Expr identifierExpression(Token token) {
    String lower = token.text().toLowerCase();
    Token after = peekAt(1);
    if (AGGREGATIONS.contains(lower) && (after.is(TokenType.LEFT_PAREN)
        || after.isKeyword("by") || after.isKeyword("without"))) {
      return aggregation();
    }
    if (after.is(TokenType.LEFT_PAREN)) {
      return call();
    }
    if (RESERVED.contains(lower)) {
      throw unexpected(token, "an expression");
    }
    next++;
    return selector(token.text());
  }

  private Expr aggregation() {
    Token opToken = take();
    String op = opToken.text().toLowerCase();
    Grouping grouping = grouping();
    Token open = expect(TokenType.LEFT_PAREN, "'(' after " + op);
    List<Expr> args = arguments();
    if (grouping == null) {
      grouping = grouping();
    }
    int expected = PARAMETRIC_AGGREGATIONS.contains(op) ? 2 : 1;
    if (args.size() != expected) {
      throw error(op + " takes " + expected + " argument" + (expected == 1 ? "" : "s")
          + ", got " + args.size(), open);
    }
    return expected == 2
        ? new Aggregation(op, grouping, args.get(0), args.get(1))
        : new Aggregation(op, grouping, null, args.get(0));
  }

  private Grouping grouping() {
    if (peek().isKeyword("by") || peek().isKeyword("without")) {
      boolean without = take().isKeyword("without");
      return new Grouping(without, labelList());
    }
    return null;
  }

  private Expr call() {
    Token name = take();
    if (!FUNCTIONS.contains(name.text())) {
      throw error("unknown function '" + name.text() + "'", name);
    }
    next++; // the '(' seen by identifierExpression
    return new Call(name.text(), arguments());
  }

  /** Comma-separated expressions up to and including ')'; the '(' is already consumed. */
  private List<Expr> arguments() {
    List<Expr> args = new ArrayList<>();
    if (peek().is(TokenType.RIGHT_PAREN)) {
      next++;
      return args;
    }
    while (true) {
      args.add(expression(1));
      Token token = take();
      if (token.is(TokenType.RIGHT_PAREN)) {
        return args;
      }
      if (!token.is(TokenType.COMMA)) {
        throw unexpected(token, "',' or ')'");
      }
    }
  }

  /** {@code (label, label, ...)} with an optional trailing comma. */
  private List<String> labelList() {
    expect(TokenType.LEFT_PAREN, "'(' starting a label list");
    List<String> labels = new ArrayList<>();
    while (!peek().is(TokenType.RIGHT_PAREN)) {
      labels.add(labelName());
      if (!peek().is(TokenType.RIGHT_PAREN)) {
        expect(TokenType.COMMA, "',' or ')'");
      }
    }
    next++;
    return labels;
  }

  private String labelName() {
    Token token = expect(TokenType.IDENTIFIER, "a label name");
    if (token.text().indexOf(':') >= 0) {
      throw error("label names cannot contain ':'", token);
    }
    return token.text();
  }

  private VectorSelector selector(String metricName) {
    List<LabelMatcher> matchers = new ArrayList<>();
    Token start = peek();
    if (start.is(TokenType.LEFT_BRACE)) {
      next++;
      while (!peek().is(TokenType.RIGHT_BRACE)) {
        matchers.add(matcher());
        if (!peek().is(TokenType.RIGHT_BRACE)) {
          expect(TokenType.COMMA, "',' or '}'");
        }
      }
      next++;
    }
    if (metricName != null
        && matchers.stream().anyMatch(m -> m.name().equals("__name__"))) {
      throw error("metric name must not be set twice: '" + metricName + "' and __name__",
          start);
    }
    if (metricName == null && matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
      throw error("vector selector must contain at least one matcher that does not match"
          + " the empty string", start);
    }
    return new VectorSelector(metricName, matchers, Modifiers.NONE);
  }

  private LabelMatcher matcher() {
    int offset = peek().offset();
    String name = labelName();
    Token op = peek();
    boolean validOp = op.is(TokenType.MATCH_OPERATOR) || op.isOperator("!=");
    if (!validOp) {
      throw unexpected(op, "a label matcher operator (=, !=, =~, !~)");
    }
    next++;
    Token value = expect(TokenType.STRING, "a quoted label value");
    if (op.text().endsWith("~")) {
      RegexSize size = RegexSize.of(value.text());
      if (!size.withinLimits()) {
        throw error("the regular expression of label " + name + " is too large ("
            + (size.nestedRepeat() > RegexSize.MAX_NESTED_REPEAT
                ? "nested counted repetitions multiply to more than "
                    + RegexSize.MAX_NESTED_REPEAT
                : "more than " + RegexSize.MAX_SIZE + " instructions") + ")", value);
      }
    }
    return new LabelMatcher(name, op.text(), value.text(), offset);
  }

  private Token expect(TokenType type, String what) {
    Token token = peek();
    if (!token.is(type)) {
      throw unexpected(token, what);
    }
    next++;
    return token;
  }

  private Token take() {
    return tokens.get(next++);
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  private PromqlException unexpected(Token token, String expected) {
    return error("unexpected " + token.describe() + ", expected " + expected, token);
  }

  private PromqlException error(String reason, Token at) {
    return new PromqlException(reason, at.offset(), query);
  }
}
