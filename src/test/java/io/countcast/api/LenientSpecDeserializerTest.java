package io.countcast.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A stored object the types cannot hold is read, not thrown: the informer's list of every
 * tenant's CountForecasts must never fail on one of them.
 */
class LenientSpecDeserializerTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static String item(String name, String spec) {
    return "{\"apiVersion\":\"countcast.io/v1alpha1\",\"kind\":\"CountForecast\","
        + "\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"a\"},\"spec\":" + spec + "}";
  }

  @Test
  void anIntOverflowMakesOnlyThatSpecUnreadableNamingTheField() {
    String list = "{\"apiVersion\":\"countcast.io/v1alpha1\",\"kind\":\"CountForecastList\","
        + "\"items\":[" + item("bad", "{\"minSamples\":3000000000,\"window\":\"5m\"}") + ","
        + item("good", "{\"minSamples\":48,\"window\":\"1m\"}") + "]}";

    DefaultKubernetesResourceList<CountForecast> parsed = JSON.unmarshal(
        new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)),
        new TypeReference<DefaultKubernetesResourceList<CountForecast>>() {});

    assertThat(parsed.getItems()).hasSize(2);
    assertThat(parsed.getItems().get(0).getSpec().unreadable()).startsWith(
        "spec.minSamples: cannot be read: 3000000000 is not a valid Integer");
    assertThat(parsed.getItems().get(1).getSpec().unreadable()).isNull();
    assertThat(parsed.getItems().get(1).getSpec().getWindow()).isEqualTo("1m");
  }

  @Test
  void anEnumValueOfANewerCrdOrAWrongTypeIsUnreadableNamingThePath() {
    CountForecast family = JSON.unmarshal(item("f", "{\"model\":{\"family\":\"tweedie\"}}"),
        CountForecast.class);
    assertThat(family.getSpec().unreadable())
        .isEqualTo("spec.model.family: cannot be read: tweedie is not a valid FamilyChoice");

    CountForecast type = JSON.unmarshal(item("t", "{\"surge\":{\"threshold\":{\"a\":1}}}"),
        CountForecast.class);
    assertThat(type.getSpec().unreadable()).startsWith("spec.surge.threshold: cannot be read:");

    CountForecast list = JSON.unmarshal(item("l", "{\"model\":{\"seasonality\":[\"daily\","
        + "\"hourly\"]}}"), CountForecast.class);
    assertThat(list.getSpec().unreadable()).startsWith("spec.model.seasonality[1]: cannot be read:");
  }

  @Test
  void aStatusOfANewerOperatorIsReadAsNoStatus() {
    String json = item("s", "{\"minSamples\":12}").replaceFirst("}$",
        ",\"status\":{\"samples\":\"many\"}}");
    CountForecast parsed = JSON.unmarshal(json, CountForecast.class);
    assertThat(parsed.getStatus()).isNull();
    assertThat(parsed.getSpec().getMinSamples()).isEqualTo(12);
  }

  @Test
  void aReadableStatusIsRead() {
    String json = item("s", "{\"minSamples\":12}").replaceFirst("}$", ",\"status\":"
        + "{\"observedGeneration\":1,\"conditions\":[{\"lastTransitionTime\":"
        + "\"2026-12-07T15:30:46Z\",\"message\":\"m\",\"observedGeneration\":1,\"reason\":"
        + "\"ForecastPublished\",\"status\":\"True\",\"type\":\"Ready\"}],\"samples\":59,"
        + "\"action\":{\"state\":\"Raised\",\"originalMinReplicas\":1}}}");
    CountForecast parsed = JSON.unmarshal(json, CountForecast.class);
    assertThat(parsed.getStatus()).isNotNull();
    assertThat(parsed.getStatus().getSamples()).isEqualTo(59);
    assertThat(parsed.getStatus().getAction().getOriginalMinReplicas()).isEqualTo(1);
  }

  @Test
  void aReadableSpecRoundTripsUnchanged() {
    CountForecast parsed = JSON.unmarshal(item("ok", "{\"minSamples\":12,\"horizon\":\"2h\"}"),
        CountForecast.class);
    assertThat(parsed.getSpec().unreadable()).isNull();
    assertThat(parsed.getSpec().getMinSamples()).isEqualTo(12);
    assertThat(JSON.asJson(parsed)).contains("\"minSamples\":12").doesNotContain("unreadable");
  }
}
