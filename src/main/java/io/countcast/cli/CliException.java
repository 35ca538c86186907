package io.countcast.cli;

/** A user error the CLI itself detects (e.g. a corrupt model file); reported in one line. */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message, null, false, false);
  }
}
