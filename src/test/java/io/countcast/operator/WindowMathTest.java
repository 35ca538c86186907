package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.PromDuration;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests of the duration arithmetic at the extremes, against BigInteger as the oracle:
 * seeded, so a failure reproduces.
 */
class WindowMathTest {

  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** Spans and windows near 1, near Long.MAX_VALUE, powers of two, and seeded random ones. */
  static Stream<Arguments> pairs() {
    Random random = new Random(20261207L);
    long[] edges = {1, 2, 59, 60, 61, 604_800, 86_400, Integer.MAX_VALUE, 1L << 32,
        Long.MAX_VALUE / 604_800, Long.MAX_VALUE / 2, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    Stream<Arguments> fixed = LongStream.of(edges).boxed()
        .flatMap(span -> LongStream.of(edges).mapToObj(window -> Arguments.of(span, window)));
    Stream<Arguments> randomPairs = Stream.generate(() -> Arguments.of(
        positive(random), positive(random))).limit(200);
    return Stream.concat(fixed, randomPairs);
  }

  /** A positive long of a random magnitude, 1 to Long.MAX_VALUE. */
  private static long positive(Random random) {
    return Math.max(1, (random.nextLong() >>> 1) >>> random.nextInt(63));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void windowCountsAreExactAndNeverWrap(long span, long window) {
    BigInteger s = BigInteger.valueOf(span);
    BigInteger w = BigInteger.valueOf(window);
    BigInteger[] qr = s.divideAndRemainder(w);
    BigInteger ceil = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);

    assertThat(WindowMath.windowsIn(Duration.ofSeconds(span), Duration.ofSeconds(window)))
        .isEqualTo(qr[0].longValueExact());
    assertThat(WindowMath.windowsCovering(Duration.ofSeconds(span), Duration.ofSeconds(window)))
        .isEqualTo(ceil.longValueExact()).isPositive();
  }

  /** Every seconds value formats to a duration that parses back to it. */
  static LongStream seconds() {
    Random random = new Random(7102L);
    return LongStream.concat(LongStream.of(1, 59, 60, 3_599, 3_600, 86_399, 604_799, 604_800,
        Long.MAX_VALUE / 2, Long.MAX_VALUE - 1, Long.MAX_VALUE),
        LongStream.generate(() -> positive(random)).limit(200));
  }

  @ParameterizedTest
  @MethodSource("seconds")
  void formatAndParseRoundTrip(long seconds) {
    String text = WindowMath.format(Duration.ofSeconds(seconds));
    assertThat(PromDuration.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  /** Durations whose seconds exceed a long are refused as too large, never wrapped. */
  static Stream<String> beyondLong() {
    Random random = new Random(3000L);
    Stream<String> random20Digit = Stream.generate(() -> (1 + random.nextInt(9))
        + String.format("%019d", random.nextLong() >>> 1) + "wdhms".charAt(random.nextInt(5)))
        .limit(100);
    return Stream.concat(Stream.of("15250284452472w", "106751991167301d", "9223372036854775808s",
        "15250284452471w1d", "15250284452471w6d23h59m59s"), random20Digit);
  }

  @ParameterizedTest
  @MethodSource("beyondLong")
  void durationsBeyondALongAreTooLarge(String text) {
    BigInteger exact = exactSeconds(text);
    if (exact.compareTo(LONG_MAX) <= 0) {
      assertThat(PromDuration.parse(text).getSeconds()).isEqualTo(exact.longValueExact());
    } else {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> PromDuration.parse(text))
          .hasMessageEndingWith("too large");
    }
  }

  private static BigInteger exactSeconds(String text) {
    BigInteger total = BigInteger.ZERO;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+)([wdhms])").matcher(text);
    while (m.find()) {
      long unit = switch (m.group(2)) {
        case "w" -> 604_800;
        case "d" -> 86_400;
        case "h" -> 3_600;
        case "m" -> 60;
        default -> 1;
      };
      total = total.add(new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit)));
    }
    return total;
  }
}
