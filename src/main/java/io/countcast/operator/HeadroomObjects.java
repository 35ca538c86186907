package io.countcast.operator;

import io.countcast.api.ActionStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The names of the headroom objects of one kind a CountForecast may hold replicas on. */
final class HeadroomObjects {

  private HeadroomObjects() {}

  /**
   * {@code planned} (the one the plan names, may be null) and the one of kind {@code kind} that
   * {@code previous} reports in status.action.object, without repeats.
   */
  static List<String> names(String kind, String planned, ActionStatus previous) {
    Set<String> names = new LinkedHashSet<>();
    if (planned != null) {
      names.add(planned);
    }
    String reported = previous == null ? null : previous.getObject();
    if (reported != null && reported.startsWith(kind + "/")
        && reported.length() > kind.length() + 1) {
      names.add(reported.substring(kind.length() + 1));
    }
    return List.copyOf(names);
  }
}
