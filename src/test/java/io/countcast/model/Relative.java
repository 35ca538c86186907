package io.countcast.model;

/** Tracks the largest relative error |got − expected| / |expected| over many comparisons. */
final class Relative {

  private double max;
  private String where = "nothing compared";

  static double error(double got, double expected) {
    if (got == expected) {
      return 0;
    }
    return Math.abs(got - expected) / Math.abs(expected);
  }

  void check(String what, double got, double expected) {
    double e = error(got, expected);
    if (!(e <= max)) {
      max = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
      where = what + ": got " + got + ", R " + expected;
    }
  }

  double max() {
    return max;
  }

  String where() {
    return where;
  }
}
