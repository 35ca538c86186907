package io.countcast.model.formula;

import io.countcast.model.DesignMatrix;

/**
 * A built design: the matrix, the summed offsets, and the spec to rebuild it for new data.
 *
 * @param matrix the n×p design
 * @param offset the sum of all {@code offset(...)} terms per row, or null if there are none
 * @param spec how the columns were made
 */
public record Design(DesignMatrix matrix, double[] offset, DesignSpec spec) {
}
