package io.countcast.operator;

import io.countcast.api.CountForecastSpec;
import io.countcast.api.PodRestartsSignal;
import io.countcast.api.SignalSpec;
import io.countcast.api.TargetKind;
import io.countcast.api.TargetRef;

/** Specs for unit tests of the plan and of the code that reads it. */
final class TestSpecs {

  private TestSpecs() {}

  /** The smallest valid spec: restarts of Deployment web, every other field defaulted. */
  static CountForecastSpec minimal() {
    TargetRef target = new TargetRef();
    target.setKind(TargetKind.DEPLOYMENT);
    target.setName("web");
    SignalSpec signal = new SignalSpec();
    signal.setPodRestarts(new PodRestartsSignal());
    CountForecastSpec spec = new CountForecastSpec();
    spec.setTargetRef(target);
    spec.setSignal(signal);
    return spec;
  }
}
