package io.countcast.model.formula;

import java.util.BitSet;
import java.util.List;

/**
 * What R's {@code terms()} computes from a formula: the variables in order of appearance (the
 * response first), the terms as sets of variable indices sorted by interaction order, the
 * intercept, the offsets, and for each variable in each term whether R codes it by contrasts.
 *
 * @param formula the formula
 * @param variables each distinct variable expression, response first when there is one
 * @param terms the model terms, sorted by order (stable), each a set of indices into variables
 * @param intercept whether the model has an intercept
 * @param offsets the arguments of {@code offset(...)} terms
 */
record Terms(Formula formula, List<Node> variables, List<BitSet> terms, boolean intercept,
             List<Node> offsets) {

  /** R's label of term k, e.g. {@code Sex:Age}. */
  String label(int k) {
    StringBuilder sb = new StringBuilder();
    BitSet t = terms.get(k);
    for (int v = t.nextSetBit(0); v >= 0; v = t.nextSetBit(v + 1)) {
      if (sb.length() > 0) {
        sb.append(':');
      }
      sb.append(variables.get(v).deparse());
    }
    return sb.toString();
  }

  /**
   * R's TermCode rule (Chambers and Hastie, Statistical Models in S, p. 38): variable v of term k
   * is coded by contrasts when the term without v is empty or is contained in a preceding term;
   * otherwise it needs full indicator coding, because no lower-order term absorbs the reference
   * level. This is what turns {@code Sex/(Age)} into {@code SexF:AgeF1, SexM:AgeF1, ...}.
   */
  boolean codedByContrasts(int k, int v) {
    BitSet rest = (BitSet) terms.get(k).clone();
    rest.clear(v);
    if (rest.isEmpty()) {
      return true;
    }
    for (int j = 0; j < k; j++) {
      BitSet outside = (BitSet) rest.clone();
      outside.andNot(terms.get(j));
      if (outside.isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
