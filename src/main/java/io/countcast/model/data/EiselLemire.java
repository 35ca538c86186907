package io.countcast.model.data;

import java.math.BigInteger;

/**
 * Correctly rounded conversion of w·10^q (w up to 19 decimal digits) to a double by the
 * Eisel–Lemire algorithm (D. Lemire, "Number Parsing at a Gigabyte per Second", 2021, as in the
 * fast_float library): one or two 64×64→128-bit multiplications by a truncated power of five.
 * Needed because full-precision doubles (16–17 digits, as most tools write them) miss Clinger's
 * 15-digit fast path and {@link Double#parseDouble} costs ~10× more per cell. Returns NaN for the
 * rare inputs it does not decide (subnormals, overflow), and the caller then uses the JDK.
 */
final class EiselLemire {

  private static final int SMALLEST_POWER = -342;
  private static final int LARGEST_POWER = 308;
  private static final long[] HIGH = new long[LARGEST_POWER - SMALLEST_POWER + 1];
  private static final long[] LOW = new long[HIGH.length];

  static {
    // fast_float's table: 5^q normalised to 128 bits (truncated) for q >= 0, and a rounded-up
    // reciprocal 2^b / 5^-q for q < 0.
    BigInteger two128 = BigInteger.ONE.shiftLeft(128);
    BigInteger two127 = BigInteger.ONE.shiftLeft(127);
    for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
      BigInteger c;
      if (q < 0) {
        BigInteger power5 = BigInteger.valueOf(5).pow(-q);
        int z = power5.subtract(BigInteger.ONE).bitLength();
        int b = q >= -27 ? z + 127 : 2 * z + 128;
        c = BigInteger.ONE.shiftLeft(b).divide(power5).add(BigInteger.ONE);
        while (c.compareTo(two128) >= 0) {
          c = c.shiftRight(1);
        }
      } else {
        c = BigInteger.valueOf(5).pow(q);
        while (c.compareTo(two127) < 0) {
          c = c.shiftLeft(1);
        }
        while (c.compareTo(two128) >= 0) {
          c = c.shiftRight(1);
        }
      }
      HIGH[q - SMALLEST_POWER] = c.shiftRight(64).longValue();
      LOW[q - SMALLEST_POWER] = c.longValue();
    }
  }

  private EiselLemire() {
  }

  /**
   * The double nearest to w·10^q, or NaN when this method does not decide it.
   *
   * @param w the decimal significand, read as unsigned, non-zero
   * @param q the decimal exponent
   */
  static double toDouble(long w, int q, boolean negative) {
    if (q < SMALLEST_POWER || q > LARGEST_POWER) {
      return Double.NaN;
    }
    int lz = Long.numberOfLeadingZeros(w);
    w <<= lz;
    int index = q - SMALLEST_POWER;
    long high = unsignedMultiplyHigh(w, HIGH[index]);
    long low = w * HIGH[index];
    final long precisionMask = 0x1FFL; // 64 - (52 + 3) low bits of the high word
    if ((high & precisionMask) == precisionMask) {
      long secondHigh = unsignedMultiplyHigh(w, LOW[index]);
      low += secondHigh;
      if (Long.compareUnsigned(secondHigh, low) > 0) {
        high++;
      }
    }
    int upperBit = (int) (high >>> 63);
    int shift = upperBit + 64 - 52 - 3;
    long mantissa = high >>> shift;
    int power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - lz + 1023;
    if (power2 <= 0) {
      return Double.NaN;
    }
    // Round half to even: only exact halfway cases (low ≤ 1, small |q|) round down.
    if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1
        && (mantissa << shift) == high) {
      mantissa &= ~1L;
    }
    mantissa += mantissa & 1;
    mantissa >>>= 1;
    if (mantissa >= (2L << 52)) {
      mantissa = 1L << 52;
      power2++;
    }
    mantissa &= ~(1L << 52);
    if (power2 >= 0x7FF) {
      return Double.NaN;
    }
    long bits = mantissa | ((long) power2 << 52) | (negative ? 1L << 63 : 0);
    return Double.longBitsToDouble(bits);
  }

  /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18+). */
  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }
}
