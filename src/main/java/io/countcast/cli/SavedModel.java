package io.countcast.cli;

import com.fasterxml.jackson.core.JacksonException;
import io.countcast.model.Family;
import io.countcast.model.FitResult;
import io.countcast.model.formula.DesignSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file {@code fit --save-model} writes and {@code predict --model} reads: the design specs
 * (so the same columns are rebuilt from new data) and the complete fit (family, estimates, θ/α,
 * covariance), so prediction needs nothing else.
 *
 * @param format always {@value #FORMAT}; guards against feeding predict some other JSON
 * @param design the count-part design
 * @param zeroDesign the zero-part design, or null (intercept only)
 * @param fit the fit
 */
record SavedModel(String format, DesignSpec design, DesignSpec zeroDesign, FitResult fit) {

  static final String FORMAT = "countcast-model/1";

  void write(Path path) {
    try {
      Files.writeString(path, Json.write(this));
    } catch (IOException e) {
      throw new CliException(path + ": cannot write model file (" + e.getMessage() + ")");
    }
  }

  /**
   * Reads and checks a model file.
   *
   * @throws CliException (one line) for a missing, unreadable, corrupt or inconsistent file
   */
  static SavedModel read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new CliException(path + ": model file not found");
    }
    SavedModel model;
    try {
      model = Json.MAPPER.readValue(path.toFile(), SavedModel.class);
    } catch (JacksonException e) {
      throw new CliException(path + ": not a valid countcast model file ("
          + CountcastCli.oneLine(e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw new CliException(path + ": cannot read model file (" + e.getMessage() + ")");
    }
    model.check(path);
    return model;
  }

  private void check(Path path) {
    if (!FORMAT.equals(format) || design == null || fit == null) {
      throw new CliException(path + ": not a countcast model file (expected \"format\": \""
          + FORMAT + "\" with a design and a fit)");
    }
    try {
      design.checkConsistent();
      if (zeroDesign != null) {
        zeroDesign.checkConsistent();
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(path + ": corrupt model file (" + e.getMessage() + ")");
    }
    int p = fit.coefficients().size();
    int q = fit.zeroCoefficients().size();
    if (design.columns().size() != p
        || (zeroDesign != null && zeroDesign.columns().size() != q)
        || fit.covariance().length != (p + q) * (p + q)
        || (fit.family() == Family.ZINB2 && q == 0)) {
      throw new CliException(path + ": corrupt model file (coefficients, design columns and"
          + " covariance do not match)");
    }
  }
}
