package io.countcast.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countcast.model.Family;
import io.countcast.model.FitResult;
import io.countcast.model.ModelSelection;

/**
 * What {@code countcast fit} reports: the fit, how long the fit itself took, and for
 * {@code --family auto} the selection. Rendered as JSON here and as text by {@link FitSummary}.
 *
 * @param formula the count formula as given
 * @param zeroFormula the zero-inflation formula, or null
 * @param fit the chosen fit
 * @param selection the family selection ({@code --family auto}), or null
 * @param fitMillis wall time of the fitting alone (not reading or building designs)
 */
record FitReport(String formula, String zeroFormula, FitResult fit,
                 ModelSelection.Selection selection, double fitMillis) {

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    Family family = fit.family();
    o.put("family", family.id());
    o.put("variance", family.varianceFormula());
    o.put("formula", formula);
    if (zeroFormula != null) {
      o.put("zeroFormula", zeroFormula);
    }
    o.put("n", fit.n());
    o.set("coefficients", Json.coefficients(fit.coefficients()));
    if (family == Family.ZINB2) {
      o.set("zeroCoefficients", Json.coefficients(fit.zeroCoefficients()));
    }
    if (family == Family.NB2 || family == Family.ZINB2) {
      Json.put(o, "theta", fit.theta());
      Json.put(o, "thetaStdError", fit.thetaStdError());
    }
    if (family == Family.NB1) {
      Json.put(o, "alpha", fit.alpha());
      Json.put(o, "alphaStdError", fit.alphaStdError());
    }
    Json.put(o, "logLik", fit.logLik());
    Json.put(o, "aic", fit.aic());
    Json.put(o, "bic", fit.bic());
    Json.put(o, "deviance", fit.deviance());
    Json.put(o, "pearsonChi2", fit.pearsonChi2());
    o.put("dfResidual", fit.dfResidual());
    o.put("iterations", fit.iterations());
    o.put("converged", fit.converged());
    ArrayNode warnings = o.putArray("warnings");
    fit.warnings().forEach(warnings::add);
    o.put("fitMillis", Math.round(fitMillis * 1000) / 1000.0);
    if (selection != null) {
      o.set("selection", selectionJson());
    }
    return o;
  }

  private ObjectNode selectionJson() {
    ObjectNode s = Json.object();
    s.put("criterion", selection.criterion().name().toLowerCase(java.util.Locale.ROOT));
    s.put("chosen", selection.chosen().id());
    s.put("reason", selection.reason());
    ArrayNode table = s.putArray("candidates");
    for (ModelSelection.Candidate c : selection.candidates()) {
      ObjectNode row = table.addObject();
      row.put("family", c.family().id());
      Json.put(row, "aic", c.aic());
      Json.put(row, "bic", c.bic());
      row.put("converged", c.eligible());
      row.put("status", c.status());
    }
    return s;
  }
}
