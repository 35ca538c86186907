package io.countcast.model;

/**
 * Data or a design the engine refuses to fit, with a one-line, plain-language message that names
 * the row or column at fault (e.g. "count at row 17 is negative (-2)"). Unchecked so callers that
 * cannot recover just let it surface as a user-facing error.
 */
public class ModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }
}
