package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Choice of count family and regression terms. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSpec {

  /** Default of {@link #getSeasonality()}. */
  public static final List<Seasonality> DEFAULT_SEASONALITY = List.of(Seasonality.DAILY);

  /**
   * Count family: poisson (variance = mean), nb2 (variance = mu + mu^2/theta), nb1 (variance = mu(1
   * + alpha)), zinb2 (zero-inflated nb2), or auto to pick the family with the lowest AIC; the
   * reason is reported in status.model.selectionReason.
   */
  @JsonPropertyDescription(
      "Count family: poisson (variance = mean), nb2 (variance = mu + mu^2/theta), nb1 (variance "
      + "= mu(1 + alpha)), zinb2 (zero-inflated nb2), or auto to pick the family with the lowest "
      + "AIC; the reason is reported in status.model.selectionReason.")
  @Default("auto")
  private FamilyChoice family = FamilyChoice.AUTO;

  /** Seasonal cycles modelled with Fourier terms: daily, weekly, both, or none (empty list). */
  @JsonPropertyDescription(
      "Seasonal cycles modelled with Fourier terms: daily, weekly, both, or none (empty list).")
  @Default("[\"daily\"]")
  @Size(max = 2)
  private List<Seasonality> seasonality = new ArrayList<>(DEFAULT_SEASONALITY);

  /**
   * Include a linear time trend. Off by default because a trend extrapolated over the horizon can
   * run away.
   */
  @JsonPropertyDescription(
      "Include a linear time trend. Off by default because a trend extrapolated over the horizon "
      + "can run away.")
  @Default("false")
  private Boolean trend = false;

  public FamilyChoice getFamily() {
    return family;
  }

  public void setFamily(FamilyChoice family) {
    this.family = family;
  }

  public List<Seasonality> getSeasonality() {
    return seasonality;
  }

  public void setSeasonality(List<Seasonality> seasonality) {
    this.seasonality = seasonality;
  }

  public Boolean getTrend() {
    return trend;
  }

  public void setTrend(Boolean trend) {
    this.trend = trend;
  }
}
