package io.countcast.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus-style durations as written in a {@link CountForecastSpec}: whole numbers with the
 * units {@code w d h m s}, largest unit first, each unit at most once ({@code 5m}, {@code 1h30m},
 * {@code 7d}, {@code 2w}). The smallest step is one second; milliseconds are not accepted because
 * no count window shorter than a scrape interval makes sense.
 *
 * <p>The CRD schema checks the same grammar with {@link #PATTERN} and {@link #MIN_LENGTH} so that
 * a malformed value is rejected by the API server before the operator ever sees it.
 */
public final class PromDuration {

  /**
   * OpenAPI pattern of a duration. Every group is optional, so the empty string matches; the
   * schema adds {@link #MIN_LENGTH} (a group is at least two characters) to require one group.
   * The pattern is plain RE2, valid both for Kubernetes and for {@link java.util.regex}.
   */
  public static final String PATTERN = "^([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$";

  /** Shortest valid duration text, e.g. {@code 1s}. */
  public static final int MIN_LENGTH = 2;

  /** Longest accepted duration text; bounds the cost of the CEL rules on durations. */
  public static final int MAX_LENGTH = 32;

  /** CEL rule rejecting zero durations such as {@code 0s} or {@code 0h0m}: some digit is 1-9. */
  public static final String NON_ZERO_RULE = "self.matches('[1-9]')";

  /** Message of {@link #NON_ZERO_RULE}. */
  public static final String NON_ZERO_MESSAGE = "duration must be greater than zero";

  /**
   * CEL suffix turning a duration string into seconds: split it into number+unit tokens, convert
   * each, add them up. The schema pattern guarantees the tokens are well formed; a value whose
   * seconds overflow a CEL int fails the rule (CEL refuses overflow), so it is rejected too.
   */
  public static final String CEL_SECONDS = ".findAll('[0-9]+[wdhms]').map(t, "
      + "int(t.substring(0, t.size() - 1)) * {'w': 604800, 'd': 86400, 'h': 3600, 'm': 60, 's': 1}"
      + "[t.substring(t.size() - 1)]).sum()";

  /** CEL rule: at most one day ({@link SpecLimits#MAX_WINDOW_SECONDS}). */
  public static final String AT_MOST_DAY_RULE =
      "self" + CEL_SECONDS + " <= " + SpecLimits.MAX_WINDOW_SECONDS;

  /** Message of {@link #AT_MOST_DAY_RULE}. */
  public static final String AT_MOST_DAY_MESSAGE = "duration must be at most 1d";

  /** CEL rule: at most seven days ({@link SpecLimits#MAX_SCHEDULE_SECONDS}). */
  public static final String AT_MOST_WEEK_RULE =
      "self" + CEL_SECONDS + " <= " + SpecLimits.MAX_SCHEDULE_SECONDS;

  /** Message of {@link #AT_MOST_WEEK_RULE}. */
  public static final String AT_MOST_WEEK_MESSAGE = "duration must be at most 7d";

  /** CEL rule: at most five minutes ({@link SpecLimits#MAX_TIMEOUT_SECONDS}). */
  public static final String AT_MOST_5M_RULE =
      "self" + CEL_SECONDS + " <= " + SpecLimits.MAX_TIMEOUT_SECONDS;

  /** Message of {@link #AT_MOST_5M_RULE}. */
  public static final String AT_MOST_5M_MESSAGE = "duration must be at most 5m";

  private static final Pattern COMPILED = Pattern.compile(PATTERN);
  private static final long[] UNIT_SECONDS = {7 * 86_400L, 86_400L, 3_600L, 60L, 1L};

  private PromDuration() {}

  /**
   * Parses a duration such as {@code 1h30m}.
   *
   * @throws IllegalArgumentException with a one-line message if the text is malformed or zero
   */
  public static Duration parse(String text) {
    Matcher m = text == null ? null : COMPILED.matcher(text);
    if (m == null || text.length() < MIN_LENGTH || !m.matches()) {
      throw new IllegalArgumentException("invalid duration '" + text
          + "': expected whole numbers with units w, d, h, m, s, largest first (e.g. 5m, 1h30m, 7d)");
    }
    long seconds = 0;
    try {
      for (int group = 1; group <= UNIT_SECONDS.length; group++) {
        String part = m.group(group);
        if (part != null) {
          long amount = Long.parseLong(part.substring(0, part.length() - 1));
          seconds = Math.addExact(seconds, Math.multiplyExact(amount, UNIT_SECONDS[group - 1]));
        }
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("invalid duration '" + text + "': too large");
    }
    if (seconds == 0) {
      throw new IllegalArgumentException("invalid duration '" + text + "': " + NON_ZERO_MESSAGE);
    }
    return Duration.ofSeconds(seconds);
  }
}
