package io.countcast.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorMatchTest {

  private static LabelSelectorMatch match(LabelSelector selector) {
    return LabelSelectorMatch.of(selector);
  }

  @Test
  void matchLabelsNeedEveryPairEqual() {
    LabelSelectorMatch web = match(new LabelSelectorBuilder()
        .withMatchLabels(Map.of("app", "web", "tier", "front")).build());

    assertThat(web.matches(Map.of("app", "web", "tier", "front", "extra", "x"))).isTrue();
    assertThat(web.matches(Map.of("app", "web"))).isFalse();
    assertThat(web.matches(Map.of("app", "web", "tier", "back"))).isFalse();
    assertThat(web.matches(null)).isFalse();
  }

  @Test
  void expressionsHaveTheApiServersMeaning() {
    LabelSelectorMatch in = match(new LabelSelectorBuilder().addNewMatchExpression()
        .withKey("env").withOperator("In").withValues("prod", "staging").endMatchExpression().build());
    LabelSelectorMatch notIn = match(new LabelSelectorBuilder().addNewMatchExpression()
        .withKey("env").withOperator("NotIn").withValues("dev").endMatchExpression().build());
    LabelSelectorMatch exists = match(new LabelSelectorBuilder().addNewMatchExpression()
        .withKey("env").withOperator("Exists").endMatchExpression().build());
    LabelSelectorMatch absent = match(new LabelSelectorBuilder().addNewMatchExpression()
        .withKey("env").withOperator("DoesNotExist").endMatchExpression().build());

    assertThat(in.matches(Map.of("env", "prod"))).isTrue();
    assertThat(in.matches(Map.of("env", "dev"))).isFalse();
    assertThat(in.matches(Map.of())).isFalse();
    assertThat(notIn.matches(Map.of("env", "prod"))).isTrue();
    assertThat(notIn.matches(Map.of())).as("NotIn selects objects without the label").isTrue();
    assertThat(notIn.matches(Map.of("env", "dev"))).isFalse();
    assertThat(exists.matches(Map.of("env", ""))).isTrue();
    assertThat(exists.matches(Map.of("other", "x"))).isFalse();
    assertThat(absent.matches(Map.of())).isTrue();
    assertThat(absent.matches(Map.of("env", "prod"))).isFalse();
  }

  @Test
  void anEmptySelectorMatchesEverything() {
    assertThat(match(new LabelSelector()).matches(Map.of("any", "thing"))).isTrue();
    assertThat(match(new LabelSelector()).matches(null)).isTrue();
  }

  @Test
  void selectorsTheApiServerWouldRejectAreLeftToIt() {
    assertThat(match(new LabelSelectorBuilder().addNewMatchExpression().withKey("env")
        .withOperator("Like").withValues("p").endMatchExpression().build())).isNull();
    assertThat(match(new LabelSelectorBuilder().addNewMatchExpression().withKey("env")
        .withOperator("In").endMatchExpression().build())).isNull();
    assertThat(match(new LabelSelectorBuilder().addNewMatchExpression().withKey("env")
        .withOperator("Exists").withValues("x").endMatchExpression().build())).isNull();
    assertThat(match(new LabelSelectorBuilder().addNewMatchExpression().withOperator("Exists")
        .endMatchExpression().build())).isNull();
  }
}
