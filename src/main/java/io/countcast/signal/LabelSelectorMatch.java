package io.countcast.signal;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * A label selector evaluated in the process, on cached objects, with the API server's meaning:
 * every matchLabels pair equal, every matchExpressions requirement met (In: the label is set to
 * one of the values; NotIn: unset or none of them; Exists; DoesNotExist), an empty selector
 * matching everything.
 *
 * <p>A selector the API server would reject (an unknown operator, In/NotIn without values,
 * Exists/DoesNotExist with values) has no match here: {@link #of} returns null, and the caller
 * asks the API server, which names the error as it did before the cache.
 */
public final class LabelSelectorMatch {

  private final Map<String, String> labels;
  private final List<LabelSelectorRequirement> expressions;

  private LabelSelectorMatch(Map<String, String> labels, List<LabelSelectorRequirement> expressions) {
    this.labels = labels == null ? Map.of() : Map.copyOf(labels);
    this.expressions = expressions == null ? List.of() : List.copyOf(expressions);
  }

  /** The match of {@code selector}, or null if only the API server can judge it. */
  public static LabelSelectorMatch of(LabelSelector selector) {
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (!wellFormed(requirement)) {
          return null;
        }
      }
    }
    return new LabelSelectorMatch(selector.getMatchLabels(), selector.getMatchExpressions());
  }

  private static boolean wellFormed(LabelSelectorRequirement requirement) {
    List<String> values = requirement.getValues();
    boolean hasValues = values != null && !values.isEmpty();
    if (requirement.getKey() == null || requirement.getOperator() == null) {
      return false;
    }
    return switch (requirement.getOperator()) {
      case "In", "NotIn" -> hasValues;
      case "Exists", "DoesNotExist" -> !hasValues;
      default -> false;
    };
  }

  /** True if an object with these labels (null: none) is selected. */
  public boolean matches(Map<String, String> objectLabels) {
    Map<String, String> have = objectLabels == null ? Map.of() : objectLabels;
    for (Map.Entry<String, String> pair : labels.entrySet()) {
      if (!pair.getValue().equals(have.get(pair.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement requirement : expressions) {
      String value = have.get(requirement.getKey());
      boolean met = switch (requirement.getOperator()) {
        case "In" -> value != null && requirement.getValues().contains(value);
        case "NotIn" -> value == null || !requirement.getValues().contains(value);
        case "Exists" -> value != null;
        default -> value == null; // DoesNotExist; of() admits no other operator
      };
      if (!met) {
        return false;
      }
    }
    return true;
  }
}
