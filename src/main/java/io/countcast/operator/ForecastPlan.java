package io.countcast.operator;

import io.countcast.api.ActionSpec;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecastSpec;
import io.countcast.api.FamilyChoice;
import io.countcast.api.HeadroomSpec;
import io.countcast.api.ModelSpec;
import io.countcast.api.PodRestartsSignal;
import io.countcast.api.PromDuration;
import io.countcast.api.PrometheusSignal;
import io.countcast.api.Seasonality;
import io.countcast.api.SecretKeyRef;
import io.countcast.api.SignalSpec;
import io.countcast.api.SloSpec;
import io.countcast.api.SpecLimits;
import io.countcast.api.SurgeSpec;
import io.countcast.api.TargetKind;
import io.countcast.api.TargetRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CountForecast spec parsed once: every default applied, every bound and cross-field rule
 * checked, durations turned into exact window counts. The signal, model, action and status code
 * read only this, never the raw spec, so a default or a bound lives in exactly one place (here,
 * with the numbers in {@link SpecLimits}).
 *
 * <p>The API server checks the same bounds at admission; they are checked again here because an
 * object stored before a bound existed, written by a newer CRD, or edited while the operator
 * was down reaches the operator unchecked. Every error names the field, e.g.
 * {@code spec.horizon: 3000w at window 1s is 1,814,400,000 windows (limit 2,016)}.
 *
 * @param target the workload forecast and acted on
 * @param signal where the counts come from
 * @param windows the window grid: window length, history and horizon in windows
 * @param model what is fitted, when, and on how much history
 * @param surge what a surge is, or null without spec.surge (then the action is None)
 * @param action what is done about a surge
 * @param slo the service level objective of the errors, or null without spec.slo
 */
public record ForecastPlan(TargetPlan target, SignalPlan signal, WindowPlan windows,
    ModelPlan model, SurgePlan surge, ActionPlan action, SloPlan slo) {

  public ForecastPlan {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(action, "action");
  }

  private static final Pattern OBJECTIVE = Pattern.compile(SloSpec.OBJECTIVE_PATTERN);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** The workload: kind and name, in the CountForecast's namespace. */
  public record TargetPlan(TargetKind kind, String name) {

    /** "Deployment" or "StatefulSet", as in a scaleTargetRef. */
    public String kindName() {
      return kind == TargetKind.STATEFUL_SET ? "StatefulSet" : "Deployment";
    }

    @Override
    public String toString() {
      return kindName() + " " + name;
    }
  }

  /**
   * The signal: exactly one of {@code podRestarts} and {@code prometheus} is set.
   *
   * @param podRestarts the restart signal, or null
   * @param prometheus the Prometheus signal, or null
   */
  public record SignalPlan(PodRestartsPlan podRestarts, PrometheusPlan prometheus) {

    /** True for the Prometheus signal. */
    public boolean isPrometheus() {
      return prometheus != null;
    }

    /** The status.signalKind of this signal: podRestarts or prometheus. */
    public String kind() {
      return isPrometheus() ? "prometheus" : "podRestarts";
    }
  }

  /** @param selector pods whose restarts are counted, or null for the target's own selector */
  public record PodRestartsPlan(LabelSelector selector) {

    public PodRestartsPlan {
      selector = selector == null ? null : new LabelSelectorBuilder(selector).build();
    }

    @Override
    public LabelSelector selector() {
      return selector == null ? null : new LabelSelectorBuilder(selector).build();
    }
  }

  /**
   * The Prometheus signal as written; {@link PrometheusSignals} resolves the URL (against the
   * operator's defaults and allowed URLs) and the Secrets.
   *
   * @param url spec.signal.prometheus.url as written, or null for the operator's default; the
   *     place where the administrator's URL allow-list is applied (PrometheusSignals.resolve)
   * @param query the count query
   * @param exposureQuery the exposure query, or null
   * @param bearerToken Secret key of a bearer token, or null
   * @param basicAuthSecret name of a Secret with username and password, or null
   * @param ca Secret key of a PEM CA bundle, or null
   * @param insecureSkipVerify skip TLS verification
   * @param timeout timeout of one request
   */
  public record PrometheusPlan(String url, String query, String exposureQuery,
      SecretKey bearerToken, String basicAuthSecret, SecretKey ca, boolean insecureSkipVerify,
      Duration timeout) {}

  /** A key of a Secret in the CountForecast's namespace. */
  public record SecretKey(String name, String key) {

    static SecretKey of(SecretKeyRef ref) {
      return ref == null ? null : new SecretKey(ref.getName(), ref.getKey());
    }
  }

  /**
   * The window grid.
   *
   * @param window window length, 1s to 1d
   * @param historyWindows closed windows kept: history ÷ window, 1 to
   *     {@value SpecLimits#MAX_HISTORY_WINDOWS}
   * @param horizonWindows windows forecast: horizon ÷ window rounded up, 1 to
   *     {@value SpecLimits#MAX_HORIZON_WINDOWS}
   */
  public record WindowPlan(Duration window, int historyWindows, int horizonWindows) {

    /** Window length in whole seconds. */
    public long windowSeconds() {
      return window.getSeconds();
    }

    /** The length of the kept history: window × historyWindows (exact; both are bounded). */
    public Duration history() {
      return window.multipliedBy(historyWindows);
    }
  }

  /**
   * The model and its training schedule.
   *
   * @param family requested family, or auto
   * @param seasonality seasonal cycles to model, without repeats
   * @param trend whether to model a linear trend
   * @param minSamples closed windows needed before the first fit
   * @param trainEvery time between two fits
   */
  public record ModelPlan(FamilyChoice family, List<Seasonality> seasonality, boolean trend,
      int minSamples, Duration trainEvery) {

    public ModelPlan {
      seasonality = List.copyOf(seasonality);
    }
  }

  /**
   * @param threshold count per window above which a window is a surge
   * @param probability probability at which a surge is declared, strictly between 0 and 1
   */
  public record SurgePlan(int threshold, double probability) {}

  /**
   * The action.
   *
   * @param type None, Annotate or ScaleHPA
   * @param hpaName the HPA named in the spec, or null for the one scaling the target
   * @param surgeMinReplicas the floor while a surge is forecast (1 unless ScaleHPA; null for a
   *     ScaleHPA that only lowers the target utilization)
   * @param leadTime how long before the first surge window the floor is raised
   * @param cooldown how long a raised floor is kept after the surge
   * @param dryRun decide and report only
   * @param headroom the placeholder for Headroom, else null
   * @param surgeTargetUtilization the HPA's CPU target utilization while a surge is forecast,
   *     or null to leave it alone
   */
  public record ActionPlan(ActionType type, String hpaName, Integer surgeMinReplicas,
      Duration leadTime, Duration cooldown, boolean dryRun, HeadroomPlan headroom,
      Integer surgeTargetUtilization) {}

  /**
   * The Headroom action's placeholder and size: exactly one of {@code deploymentName} and
   * {@code capacityBufferName}, and exactly one of {@code replicas} and {@code podsPerUnit}.
   *
   * @param deploymentName the placeholder Deployment, or null
   * @param capacityBufferName the CapacityBuffer, or null
   * @param replicas replicas while a surge is forecast, 1 to
   *     {@value SpecLimits#MAX_HEADROOM_REPLICAS}, or null when sized by the forecast
   * @param podsPerUnit replicas per unit of the forecast's upper bound, or null
   */
  public record HeadroomPlan(String deploymentName, String capacityBufferName, Integer replicas,
      Double podsPerUnit) {}

  /**
   * The service level objective.
   *
   * @param objectiveText spec.slo.objective as written, e.g. "99.9" (shown in status)
   * @param objective the objective as a fraction of requests that succeed, in (0, 1]
   * @param periodText spec.slo.period as written, e.g. "30d" (shown in status)
   * @param period the rolling period over which errors and requests are counted, 1h to 90d
   */
  public record SloPlan(String objectiveText, double objective, String periodText,
      Duration period) {

    public SloPlan {
      Objects.requireNonNull(objectiveText, "objectiveText");
      Objects.requireNonNull(periodText, "periodText");
      Objects.requireNonNull(period, "period");
      if (!(objective > 0 && objective <= 1)) {
        throw new IllegalArgumentException("objective must be in (0, 1], got " + objective);
      }
    }

    /** The share of requests allowed to fail: 1 − objective (0 for an objective of 100). */
    public double errorShare() {
      return 1 - objective;
    }
  }

  /**
   * The plan of {@code spec}.
   *
   * @throws ProblemException with reason InvalidSpec naming the field, for anything the schema
   *     did not (or could not) reject
   */
  public static ForecastPlan of(CountForecastSpec spec) {
    if (spec == null) {
      throw invalid("spec is required");
    }
    if (spec.unreadable() != null) {
      throw invalid(spec.unreadable());
    }
    TargetPlan target = target(spec.getTargetRef());
    SignalPlan signal = signal(spec.getSignal());
    WindowPlan windows = windows(spec);
    ModelPlan model = model(spec, windows);
    SurgePlan surge = surge(spec.getSurge());
    ActionPlan action = action(spec.getAction(), surge);
    SloPlan slo = slo(spec.getSlo(), signal);
    return new ForecastPlan(target, signal, windows, model, surge, action, slo);
  }

  /** The probability at which a surge is declared, or null without spec.surge. */
  public Double surgeProbability() {
    return surge == null ? null : surge.probability();
  }

  private static TargetPlan target(TargetRef ref) {
    if (ref == null || ref.getKind() == null) {
      throw invalid("spec.targetRef" + (ref == null ? "" : ".kind") + " is required");
    }
    if (ref.getName() == null || ref.getName().isEmpty() || ref.getName().length() > 253) {
      throw invalid("spec.targetRef.name must be 1 to 253 characters");
    }
    return new TargetPlan(ref.getKind(), ref.getName());
  }

  private static SignalPlan signal(SignalSpec spec) {
    if (spec == null || (spec.getPodRestarts() == null) == (spec.getPrometheus() == null)) {
      throw invalid("spec.signal: set exactly one of signal.podRestarts or signal.prometheus");
    }
    PodRestartsSignal restarts = spec.getPodRestarts();
    if (restarts != null) {
      return new SignalPlan(new PodRestartsPlan(restarts.getSelector()), null);
    }
    PrometheusSignal p = spec.getPrometheus();
    if (p.getQuery() == null || p.getQuery().isEmpty()) {
      throw invalid("spec.signal.prometheus.query is required");
    }
    if (p.getBearerTokenSecretRef() != null && p.getBasicAuthSecretRef() != null) {
      throw invalid("spec.signal.prometheus: set at most one of bearerTokenSecretRef or "
          + "basicAuthSecretRef");
    }
    Duration timeout = duration("signal.prometheus.timeout",
        p.getTimeout() == null ? PrometheusSignal.DEFAULT_TIMEOUT : p.getTimeout(),
        SpecLimits.MAX_TIMEOUT_SECONDS);
    return new SignalPlan(null, new PrometheusPlan(p.getUrl(), p.getQuery(), p.getExposureQuery(),
        SecretKey.of(p.getBearerTokenSecretRef()),
        p.getBasicAuthSecretRef() == null ? null : p.getBasicAuthSecretRef().getName(),
        SecretKey.of(p.getCaSecretRef()), Boolean.TRUE.equals(p.getInsecureSkipVerify()),
        timeout));
  }

  private static WindowPlan windows(CountForecastSpec spec) {
    String windowText = orDefault(spec.getWindow(), CountForecastSpec.DEFAULT_WINDOW);
    Duration window = duration("window", windowText, SpecLimits.MAX_WINDOW_SECONDS);
    String historyText = orDefault(spec.getHistory(), CountForecastSpec.DEFAULT_HISTORY);
    String horizonText = orDefault(spec.getHorizon(), CountForecastSpec.DEFAULT_HORIZON);
    Duration history = duration("history", historyText, Long.MAX_VALUE);
    Duration horizon = duration("horizon", horizonText, Long.MAX_VALUE);
    long historyWindows = WindowMath.windowsIn(history, window);
    if (historyWindows < 1) {
      throw invalid("spec.history: " + historyText + " is shorter than one window of "
          + windowText);
    }
    if (historyWindows > SpecLimits.MAX_HISTORY_WINDOWS) {
      throw invalid("spec.history: " + historyText + " at window " + windowText + " is "
          + count(historyWindows) + " windows (limit " + count(SpecLimits.MAX_HISTORY_WINDOWS)
          + ")");
    }
    long horizonWindows = WindowMath.windowsCovering(horizon, window);
    if (horizonWindows > SpecLimits.MAX_HORIZON_WINDOWS) {
      throw invalid("spec.horizon: " + horizonText + " at window " + windowText + " is "
          + count(horizonWindows) + " windows (limit " + count(SpecLimits.MAX_HORIZON_WINDOWS)
          + ")");
    }
    return new WindowPlan(window, (int) historyWindows, (int) horizonWindows);
  }

  private static ModelPlan model(CountForecastSpec spec, WindowPlan windows) {
    Duration trainEvery = duration("trainEvery",
        orDefault(spec.getTrainEvery(), CountForecastSpec.DEFAULT_TRAIN_EVERY),
        SpecLimits.MAX_SCHEDULE_SECONDS);
    int minSamples = spec.getMinSamples() == null ? SpecLimits.DEFAULT_MIN_SAMPLES
        : spec.getMinSamples();
    if (minSamples < SpecLimits.MIN_MIN_SAMPLES) {
      throw invalid("spec.minSamples: " + minSamples + " is below the least "
          + SpecLimits.MIN_MIN_SAMPLES);
    }
    if (minSamples > windows.historyWindows()) {
      throw invalid("spec.minSamples: " + count(minSamples) + " is more than the "
          + count(windows.historyWindows()) + " windows spec.history keeps; lower minSamples or "
          + "lengthen history");
    }
    ModelSpec model = spec.getModel() == null ? new ModelSpec() : spec.getModel();
    List<Seasonality> seasonality = model.getSeasonality() == null
        ? ModelSpec.DEFAULT_SEASONALITY
        : model.getSeasonality().stream().filter(Objects::nonNull).distinct().toList();
    return new ModelPlan(model.getFamily() == null ? FamilyChoice.AUTO : model.getFamily(),
        seasonality, Boolean.TRUE.equals(model.getTrend()), minSamples, trainEvery);
  }

  private static SurgePlan surge(SurgeSpec spec) {
    if (spec == null) {
      return null;
    }
    if (spec.getThreshold() == null) {
      throw invalid("spec.surge.threshold is required");
    }
    int threshold = spec.getThreshold();
    if (threshold < 0 || threshold > SpecLimits.MAX_SURGE_THRESHOLD) {
      throw invalid("spec.surge.threshold: " + count(threshold) + " is outside 0.."
          + count(SpecLimits.MAX_SURGE_THRESHOLD));
    }
    double probability = spec.getProbability() == null ? SpecLimits.DEFAULT_SURGE_PROBABILITY
        : spec.getProbability();
    if (!(probability > 0 && probability < 1)) {
      throw invalid("spec.surge.probability: " + probability
          + " must be strictly between 0 and 1");
    }
    return new SurgePlan(threshold, probability);
  }

  private static ActionPlan action(ActionSpec spec, SurgePlan surge) {
    ActionSpec action = spec == null ? new ActionSpec() : spec;
    ActionType type = action.getType() == null ? ActionType.NONE : action.getType();
    if (type != ActionType.NONE && surge == null) {
      throw invalid("spec.surge must be set when spec.action.type is " + typeName(type));
    }
    Integer floor = action.getSurgeMinReplicas();
    Integer target = action.getSurgeTargetUtilization();
    if (type == ActionType.SCALE_HPA && floor == null && target == null) {
      throw invalid("spec.action.surgeMinReplicas or spec.action.surgeTargetUtilization is "
          + "required when spec.action.type is ScaleHPA");
    }
    if (target != null && (target < 1 || target > SpecLimits.MAX_TARGET_UTILIZATION)) {
      throw invalid("spec.action.surgeTargetUtilization: " + count(target) + " is outside 1.."
          + count(SpecLimits.MAX_TARGET_UTILIZATION));
    }
    int surgeMinReplicas = floor == null ? 1 : floor;
    if (surgeMinReplicas < 1 || surgeMinReplicas > SpecLimits.MAX_SURGE_MIN_REPLICAS) {
      throw invalid("spec.action.surgeMinReplicas: " + count(surgeMinReplicas) + " is outside 1.."
          + count(SpecLimits.MAX_SURGE_MIN_REPLICAS));
    }
    String hpaName = action.getHpaName();
    if (hpaName != null && (hpaName.isEmpty() || hpaName.length() > 253)) {
      throw invalid("spec.action.hpaName must be 1 to 253 characters");
    }
    HeadroomPlan headroom = type == ActionType.HEADROOM ? headroom(action.getHeadroom()) : null;
    return new ActionPlan(type, hpaName,
        type == ActionType.SCALE_HPA && floor == null ? null : surgeMinReplicas,
        duration("action.leadTime", orDefault(action.getLeadTime(), ActionSpec.DEFAULT_LEAD_TIME),
            SpecLimits.MAX_SCHEDULE_SECONDS),
        duration("action.cooldown", orDefault(action.getCooldown(), ActionSpec.DEFAULT_COOLDOWN),
            SpecLimits.MAX_SCHEDULE_SECONDS),
        Boolean.TRUE.equals(action.getDryRun()), headroom,
        type == ActionType.SCALE_HPA ? target : null);
  }

  private static HeadroomPlan headroom(HeadroomSpec spec) {
    if (spec == null) {
      throw invalid("spec.action.headroom is required when spec.action.type is Headroom");
    }
    String deployment = spec.getDeploymentName();
    String buffer = spec.getCapacityBufferName();
    if ((deployment == null) == (buffer == null)) {
      throw invalid("spec.action.headroom: set exactly one of deploymentName or "
          + "capacityBufferName");
    }
    String name = deployment != null ? deployment : buffer;
    if (name.isEmpty() || name.length() > 253) {
      throw invalid("spec.action.headroom." + (deployment != null ? "deploymentName"
          : "capacityBufferName") + " must be 1 to 253 characters");
    }
    Integer replicas = spec.getReplicas();
    HeadroomSpec.ReplicasFromForecast derived = spec.getReplicasFromForecast();
    if ((replicas == null) == (derived == null)) {
      throw invalid("spec.action.headroom: set exactly one of replicas or replicasFromForecast");
    }
    if (replicas != null && (replicas < 1 || replicas > SpecLimits.MAX_HEADROOM_REPLICAS)) {
      throw invalid("spec.action.headroom.replicas: " + count(replicas) + " is outside 1.."
          + count(SpecLimits.MAX_HEADROOM_REPLICAS));
    }
    Double podsPerUnit = derived == null ? null : derived.getPodsPerUnit();
    if (derived != null && (podsPerUnit == null || !(podsPerUnit > 0)
        || podsPerUnit > SpecLimits.MAX_PODS_PER_UNIT)) {
      throw invalid("spec.action.headroom.replicasFromForecast.podsPerUnit: " + podsPerUnit
          + " must be above 0 and at most " + SpecLimits.MAX_PODS_PER_UNIT);
    }
    return new HeadroomPlan(deployment, buffer, replicas, podsPerUnit);
  }

  private static SloPlan slo(SloSpec spec, SignalPlan signal) {
    if (spec == null) {
      return null;
    }
    if (!signal.isPrometheus() || signal.prometheus().exposureQuery() == null
        || signal.prometheus().exposureQuery().isBlank()) {
      throw invalid("spec." + CountForecastSpec.SLO_NEEDS_REQUESTS_MESSAGE);
    }
    String text = spec.getObjective();
    if (text == null || !OBJECTIVE.matcher(text).matches()) {
      throw invalid("spec.slo.objective: " + (text == null ? "is required"
          : "'" + abbreviate(text) + "' is not a percentage such as 99.9 (digits, at most 6 "
          + "decimals)"));
    }
    BigDecimal percent = new BigDecimal(text);
    if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
      throw invalid("spec.slo.objective: " + text + " must be more than 0 and at most 100");
    }
    if (spec.getPeriod() == null) {
      throw invalid("spec.slo.period is required");
    }
    Duration period = duration("slo.period", spec.getPeriod(), Long.MAX_VALUE);
    if (period.getSeconds() < SpecLimits.MIN_SLO_PERIOD_SECONDS
        || period.getSeconds() > SpecLimits.MAX_SLO_PERIOD_SECONDS) {
      throw invalid("spec.slo.period: " + spec.getPeriod() + " is outside 1h to 90d");
    }
    return new SloPlan(text, percent.divide(HUNDRED).doubleValue(), spec.getPeriod(), period);
  }

  private static String abbreviate(String text) {
    return text.length() <= 20 ? text : text.substring(0, 20) + "...";
  }

  /** "None", "Annotate" or "ScaleHPA", as written in a spec. */
  static String typeName(ActionType type) {
    return switch (type) {
      case NONE -> "None";
      case ANNOTATE -> "Annotate";
      case SCALE_HPA -> "ScaleHPA";
      case HEADROOM -> "Headroom";
    };
  }

  private static Duration duration(String field, String text, long maxSeconds) {
    Duration parsed;
    try {
      parsed = PromDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid("spec." + field + ": " + e.getMessage());
    }
    if (parsed.getSeconds() > maxSeconds) {
      throw invalid("spec." + field + ": " + text + " is longer than "
          + WindowMath.format(Duration.ofSeconds(maxSeconds)));
    }
    return parsed;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static ProblemException invalid(String message) {
    return new ProblemException(Reasons.INVALID_SPEC, message);
  }
}
