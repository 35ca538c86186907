package io.countcast.model.data;

/**
 * Bad input data, with a one-line message that names the file and, where there is one, the line
 * and column. Unchecked, because every caller up to the CLI just reports it and stops.
 */
public final class DataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message, null, false, false);
  }

  /** "{source}: {problem}". */
  public static DataException in(String source, String problem) {
    return new DataException(source + ": " + problem);
  }

  /** "{source}: line {line}, column '{column}': {problem}". */
  public static DataException at(String source, int line, String column, String problem) {
    return new DataException(source + ": line " + line + ", column '" + column + "': " + problem);
  }
}
