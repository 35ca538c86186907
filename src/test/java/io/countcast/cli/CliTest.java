package io.countcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the picocli command in-process, capturing stdout, stderr and the exit code. */
class CliTest {

  static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  static final String QUINE = "Days ~ Sex/(Age + Eth*Lrn)";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** The outcome of one command line. */
  record Result(int exit, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = CountcastCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(exit, out.toString(), err.toString());
  }

  private static JsonNode fixture(String name) throws IOException {
    return JSON.readTree(FIXTURES.resolve(name).resolve("expected.json").toFile());
  }

  private static String data(String name) {
    return FIXTURES.resolve(name).resolve("data.csv").toString();
  }

  @Test
  void fitJsonOnQuineMatchesR() throws IOException {
    Result r = run("fit", "--data", data("quine_nb2"), "--formula", QUINE, "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode got = r.json();
    JsonNode want = fixture("quine_nb2");
    assertThat(got.get("family").asText()).isEqualTo("nb2");
    assertThat(got.get("variance").asText()).isEqualTo("Var = mu + mu^2/theta");
    assertThat(got.get("n").asInt()).isEqualTo(146);
    assertThat(got.get("coefficients")).hasSize(14);
    for (int j = 0; j < 14; j++) {
      JsonNode g = got.get("coefficients").get(j);
      JsonNode w = want.get("coefficients").get(j);
      assertThat(g.get("term").asText()).isEqualTo(w.get("term").asText());
      assertThat(g.get("estimate").asDouble()).isCloseTo(w.get("estimate").asDouble(), within(1e-6));
      assertThat(g.get("stdError").asDouble()).isCloseTo(w.get("stdError").asDouble(), within(1e-6));
      assertThat(g.get("z").asDouble())
          .isCloseTo(g.get("estimate").asDouble() / g.get("stdError").asDouble(), within(1e-12));
    }
    assertThat(got.get("theta").asDouble()).isCloseTo(want.get("theta").asDouble(), within(1e-6));
    assertThat(got.get("thetaStdError").asDouble())
        .isCloseTo(want.get("thetaStdError").asDouble(), within(1e-6));
    for (String stat : List.of("logLik", "aic", "bic", "deviance", "pearsonChi2")) {
      assertThat(got.get(stat).asDouble()).as(stat)
          .isCloseTo(want.get(stat).asDouble(), within(1e-5));
    }
    assertThat(got.get("dfResidual").asInt()).isEqualTo(132);
    assertThat(got.get("converged").asBoolean()).isTrue();
    assertThat(got.get("warnings")).isEmpty();
    assertThat(got.get("fitMillis").asDouble()).isPositive();
    assertThat(got.has("alpha")).isFalse();
  }

  @Test
  void fitTextLooksLikeRSummary() {
    Result r = run("fit", "--data", data("quine_nb2"), "--formula", QUINE);
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Estimate Std. Error z value Pr(>|z|)")
        .containsPattern("\\(Intercept\\) +3\\.01919 +0\\.29706 +10\\.16\\d +< 2e-16 \\*\\*\\*")
        .contains("NB2: Var = mu + mu^2/theta, theta = 1.598 (SE 0.2129)")
        .contains("AIC: 1093.025")
        .contains("Residual deviance: 167.556 on 132 degrees of freedom")
        .contains("converged: yes");
  }

  @Test
  void autoReportsTheSelectionTableAndReason() throws IOException {
    Result r = run("fit", "--data", data("quine_nb2"), "--formula", QUINE, "--family", "auto",
        "--json");
    assertThat(r.exit()).isZero();
    JsonNode selection = r.json().get("selection");
    assertThat(selection.get("candidates")).hasSize(4);
    assertThat(selection.get("reason").asText()).contains("lowest AIC");
    assertThat(r.json().get("family").asText()).isEqualTo(selection.get("chosen").asText());
  }

  @Test
  void predictRoundTripReproducesRsMeans() throws IOException {
    Path model = dir.resolve("quine.json");
    Result fit = run("fit", "--data", data("quine_nb2"), "--formula", QUINE, "--save-model",
        model.toString(), "--json");
    assertThat(fit.exit()).isZero();
    Result r = run("predict", "--model", model.toString(), "--data", data("quine_nb2"),
        "--level", "0.8", "--exceed", "20", "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode predictions = r.json().get("predictions");
    assertThat(predictions).hasSize(146);
    for (JsonNode want : fixture("quine_nb2").get("predictions")) {
      JsonNode got = predictions.get(want.get("row").asInt() - 1);
      assertThat(got.get("mean").asDouble())
          .isCloseTo(want.get("mean").asDouble(), Percentage.withPercentage(1e-4));
      assertThat(got.get("lower").asLong()).isLessThanOrEqualTo(got.get("upper").asLong());
      assertThat(got.get("pExceed").asDouble()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void zinb2SavesBothDesignsAndPredictsFromThem() throws IOException {
    Path model = dir.resolve("zi.json");
    String f = "art ~ fem + mar + kid5 + phd + ment";
    Result fit = run("fit", "--data", data("biochemists_zinb2"), "--formula", f, "--family",
        "zinb2", "--zero-formula", "~ fem + mar + kid5 + phd + ment", "--levels",
        "mar=Single,Married", "--save-model", model.toString(), "--json");
    assertThat(fit.exit()).as(fit.err()).isZero();
    JsonNode want = fixture("biochemists_zinb2");
    assertThat(fit.json().get("zeroCoefficients")).hasSize(6);
    assertThat(fit.json().get("coefficients").get(2).get("term").asText()).isEqualTo("marMarried");
    assertThat(fit.json().get("logLik").asDouble())
        .isCloseTo(want.get("logLik").asDouble(), within(1e-4));
    Result r = run("predict", "--model", model.toString(), "--data", data("biochemists_zinb2"),
        "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    for (JsonNode w : want.get("predictions")) {
      JsonNode got = r.json().get("predictions").get(w.get("row").asInt() - 1);
      assertThat(got.get("mean").asDouble())
          .isCloseTo(w.get("mean").asDouble(), Percentage.withPercentage(0.01));
    }
  }

  @Test
  void nonConvergenceExitsZeroWithAWarning() throws IOException {
    Result r = run("fit", "--data", data("quine_nb2"), "--formula", QUINE, "--max-iterations",
        "1", "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.json().get("converged").asBoolean()).isFalse();
    assertThat(r.json().get("warnings")).isNotEmpty();
  }

  @Test
  void predictTextIsAnAlignedTable() throws IOException {
    Path model = dir.resolve("m.json");
    run("fit", "--data", data("quine_poisson"), "--formula", QUINE, "--family", "poisson",
        "--save-model", model.toString());
    Path fresh = dir.resolve("new.csv");
    Files.writeString(fresh, "Eth,Sex,Age,Lrn\nA,M,F0,SL\nN,F,F3,AL\n");
    Result r = run("predict", "--model", model.toString(), "--data", fresh.toString(),
        "--exceed", "10");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).matches("row +mean +lower +upper +P\\(Y>10\\)");
    assertThat(lines.get(2).length()).isEqualTo(lines.get(1).length());
  }

  @Test
  void benchPrintsTheMedianFitTime() {
    Result r = run("bench", "--rows", "2000", "--warmup", "1", "--repeats", "3");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).matches("(?s)nb2 fit, 2000 rows x 12 columns: median [0-9.]+ ms .*");
  }
}
