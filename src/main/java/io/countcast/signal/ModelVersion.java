package io.countcast.signal;

/**
 * Which model made the forecasts: a number that goes up by one at each (re)training, kept with
 * the prediction archive so it survives operator restarts.
 *
 * @param version 1 for the first model, +1 at each retraining
 * @param trainedFromEpochSecond start of the first window the model was fitted on
 * @param trainedToEpochSecond end of the last window it was fitted on
 * @param trainedAtEpochSecond when it was fitted
 */
public record ModelVersion(long version, long trainedFromEpochSecond, long trainedToEpochSecond,
    long trainedAtEpochSecond) {

  public ModelVersion {
    if (version < 1 || trainedFromEpochSecond < 0 || trainedToEpochSecond <= trainedFromEpochSecond
        || trainedAtEpochSecond < 0) {
      throw new IllegalArgumentException("model version " + version + " trained on ["
          + trainedFromEpochSecond + ", " + trainedToEpochSecond + ") at " + trainedAtEpochSecond
          + ": the version must be at least 1 and the span non-empty");
    }
  }
}
