package io.countcast.operator;

import io.countcast.api.LiveStatus;
import io.countcast.signal.ArchivedWindow;
import io.countcast.signal.PredictionArchive;
import io.countcast.signal.SeriesArrays;

/**
 * What the prediction archive says after one reconcile, for the status.
 *
 * @param lastWindow the newest closed window with the forecast made for it, or null
 * @param live the scores of the newest closed windows, or null while there are none
 * @param drift the drift check made before this reconcile's training, or null while unknown
 */
public record ArchiveView(ArchivedWindow lastWindow, LiveStatus live, DriftCheck.Report drift) {

  /** The view of {@code archive} beside the stored {@code history}. */
  static ArchiveView of(PredictionArchive archive, SeriesArrays history, ForecastPlan plan,
      DriftCheck.Report drift) {
    return new ArchiveView(archive.latest(),
        LiveCalibration.of(archive.closed(), history, plan), drift);
  }
}
