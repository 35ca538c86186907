package io.countcast.operator;

import io.countcast.signal.ArchivedWindow;
import io.countcast.signal.PredictionArchive;

/**
 * What the prediction archive says after one reconcile, for the status.
 *
 * @param lastWindow the newest closed window with the forecast made for it, or null
 */
public record ArchiveView(ArchivedWindow lastWindow) {

  /** The view of {@code archive}. */
  static ArchiveView of(PredictionArchive archive) {
    return new ArchiveView(archive.latest());
  }
}
