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
  void errorEnvelopeIsSurfacedWithTypeAndMessage() {
    String body = "{\"status\":\"error\",\"errorType\":\"bad_data\","
        + "\"error\":\"1:5: parse error: unexpected end of input\"}";
    assertThatThrownBy(() -> PrometheusResponses.data(body, 400, "query_range of 'sum('"))
        .isInstanceOf(PrometheusException.class)
        .hasMessage("query_range of 'sum(' failed: bad_data: 1:5: parse error: unexpected end"
            + " of input (HTTP 400)");
  }

  @Test
  void nonJsonBodiesAreReportedAbbreviated() {
    assertThatThrownBy(() -> PrometheusResponses.data("<html>proxy page</html>", 200, "q"))
        .hasMessage("q: HTTP 200 with a body that is not Prometheus JSON: "
            + "<html>proxy page</html>")
        .extracting(e -> ((PrometheusException) e).kind())
        .isEqualTo(PrometheusException.Kind.BAD_RESPONSE);
    assertThatThrownBy(() -> PrometheusResponses.data("<html>proxy error</html>", 403, "q"))
        .hasMessage("q: HTTP 403 (check the bearer token or basic auth credentials): "
            + "<html>proxy error</html>")
        .extracting(e -> ((PrometheusException) e).kind())
        .isEqualTo(PrometheusException.Kind.UNAUTHORIZED);
    assertThat(PrometheusResponses.errorSummary("")).isEqualTo("(empty body)");
  }

  @Test
  void wrongResultTypeIsAnError() {
    String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
    assertThatThrownBy(() ->
        PrometheusResponses.matrix(PrometheusResponses.data(body, 200, "q"), "q"))
        .hasMessage("q: expected a matrix result, got 'vector'");
  }
}
