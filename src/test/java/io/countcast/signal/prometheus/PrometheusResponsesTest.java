package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusResponsesTest {

  @Test
  void matrixSkipsNaNAndInfinities() {
    String body = """
        {"status":"success","data":{"resultType":"matrix","result":[
          {"metric":{"job":"a"},"values":[[1700000000,"1"],[1700000300,"NaN"],
            [1700000600,"+Inf"],[1700000900,"-Inf"],[1700001200,"2.5"]]}]}}""";
    List<RangeSeries> series =
        PrometheusResponses.matrix(PrometheusResponses.data(body, 200, "q"), "q");
    assertThat(series).hasSize(1);
    assertThat(series.get(0).labels()).isEqualTo(Map.of("job", "a"));
    assertThat(series.get(0).timestamps()).containsExactly(1700000000L, 1700001200L);
    assertThat(series.get(0).values()).containsExactly(1.0, 2.5);
  }

  @Test
  void errorEnvelopeNamesTheStatusAndTypeAndKeepsPrometheusTextForTheLog() {
    String body = "{\"status\":\"error\",\"errorType\":\"bad_data\","
        + "\"error\":\"1:5: parse error: unexpected end of input\"}";
    assertThatThrownBy(() -> PrometheusResponses.data(body, 400, "query_range of 'sum('"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e).hasMessage("query_range of 'sum(' failed: HTTP 400, bad_data "
              + "(Prometheus' message is in the operator log)");
          assertThat(e.kind()).isEqualTo(PrometheusException.Kind.QUERY_FAILED);
          assertThat(e.detail()).isEqualTo("bad_data: 1:5: parse error: unexpected end of input");
        });
  }

  @Test
  void noTextOfTheAnswerReachesTheMessage() {
    String marker = "SECRET-METADATA-TOKEN";
    assertThatThrownBy(() -> PrometheusResponses.data("<html>" + marker + "</html>", 200, "q"))
        .hasMessage("q: HTTP 200: not a Prometheus response")
        .extracting(e -> ((PrometheusException) e).kind())
        .isEqualTo(PrometheusException.Kind.BAD_RESPONSE);
    assertThatThrownBy(() -> PrometheusResponses.data("<html>" + marker + "</html>", 403, "q"))
        .hasMessage("q: HTTP 403 (check the bearer token or basic auth credentials)")
        .extracting(e -> ((PrometheusException) e).kind())
        .isEqualTo(PrometheusException.Kind.UNAUTHORIZED);
    assertThatThrownBy(() -> PrometheusResponses.data("{\"status\":\"error\",\"errorType\":\""
        + marker + "\",\"error\":\"" + marker + "\"}", 422, "q"))
        .hasMessage("q failed: HTTP 422, an unknown error type (Prometheus' message is in the "
            + "operator log)");
    String oddType = "{\"status\":\"success\",\"data\":{\"resultType\":\"" + marker
        + "\",\"result\":[]}}";
    assertThatThrownBy(() ->
        PrometheusResponses.matrix(PrometheusResponses.data(oddType, 200, "q"), "q"))
        .hasMessage("q: expected a matrix result, got an unknown type");
    String badValue = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        + "\"result\":[{\"metric\":{},\"value\":[1,\"" + marker + "\"]}]}}";
    assertThatThrownBy(() ->
        PrometheusResponses.instant(PrometheusResponses.data(badValue, 200, "q"), "q"))
        .hasMessage("q: a sample value is not a number");
    assertThat(PrometheusResponses.statusLine(502, "<html>" + marker + "</html>"))
        .isEqualTo("HTTP 502, not a Prometheus response");
    assertThat(PrometheusResponses.statusLine(503, "{\"status\":\"error\","
        + "\"errorType\":\"unavailable\",\"error\":\"" + marker + "\"}"))
        .isEqualTo("HTTP 503, unavailable");
    assertThat(PrometheusResponses.errorSummary("")).isEqualTo("(empty body)");
    assertThat(PrometheusResponses.abbreviate("a\n\t b" + "x".repeat(1000)))
        .startsWith("a b").hasSize(303).endsWith("...");
  }

  @Test
  void wrongResultTypeIsAnError() {
    String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
    assertThatThrownBy(() ->
        PrometheusResponses.matrix(PrometheusResponses.data(body, 200, "q"), "q"))
        .hasMessage("q: expected a matrix result, got a vector");
  }
}
