package io.countcast.operator;

import java.util.Objects;

/**
 * Something that keeps a CountForecast from working, reported as {@code Ready=False} with this
 * reason and message and as a Warning Event.
 *
 * @param reason CamelCase reason, one of {@link Reasons}
 * @param message one plain-language sentence for the user
 */
public record Problem(String reason, String message) {

  public Problem {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
