package io.countcast.cli;

import io.countcast.model.DesignMatrix;
import io.countcast.model.ModelData;
import io.countcast.model.data.CsvTable;
import io.countcast.model.data.DataException;
import io.countcast.model.formula.Design;
import io.countcast.model.formula.DesignBuilder;
import io.countcast.model.formula.Formula;
import io.countcast.model.formula.FormulaException;
import io.countcast.model.formula.DesignSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a CSV table and the fit options into what the engine needs: counts, the count design
 * (with offsets), weights and the zero-inflation design, checking everything with messages that
 * name the file, line and column.
 *
 * @param data the engine's input
 * @param count the count-part design
 * @param zero the zero-part design, or null (intercept only)
 */
record ModelInputs(ModelData data, Design count, Design zero) {

  static ModelInputs of(CsvTable table, String formulaText, String zeroFormulaText,
                        String weightsColumn, Map<String, List<String>> levels) {
    Formula formula = Formula.parse(formulaText);
    if (formula.responseName() == null) {
      throw new FormulaException("formula '" + formulaText
          + "' has no response: write it as 'count ~ x1 + x2'");
    }
    if (!formula.hasColumnResponse()) {
      throw new FormulaException("formula '" + formulaText + "': the response must be a column"
          + " name, got '" + formula.responseName() + "'");
    }
    for (String column : levels.keySet()) {
      table.column(column);
    }
    Design count = DesignBuilder.build(formula, table, levels, null);
    double[] y = table.counts(formula.responseName());
    double[] weights = weightsColumn == null ? null : table.weights(weightsColumn);
    Design zero = null;
    if (zeroFormulaText != null) {
      Formula zeroFormula = Formula.parse(zeroFormulaText);
      if (zeroFormula.responseName() != null) {
        throw new FormulaException("zero formula '" + zeroFormulaText
            + "' must be one-sided, like '~ z1 + z2'");
      }
      zero = DesignBuilder.build(zeroFormula, table, levels, formula.responseName());
      if (zero.offset() != null) {
        throw new FormulaException("zero formula '" + zeroFormulaText
            + "': offset() is not supported in the zero-inflation part");
      }
    }
    checkLevelsAreUsed(levels.keySet(), count, zero);
    int coefficients = count.matrix().columns() + (zero == null ? 0 : zero.matrix().columns());
    if (table.rows() < coefficients) {
      throw DataException.in(table.source(), "fewer rows (" + table.rows()
          + ") than coefficients (" + coefficients + ")");
    }
    DesignMatrix zeroX = zero == null ? null : zero.matrix();
    return new ModelInputs(new ModelData(y, count.matrix(), count.offset(), weights, zeroX),
        count, zero);
  }

  /** A --levels for a column that no factor of the model uses is a mistake worth stopping for. */
  private static void checkLevelsAreUsed(Set<String> columns, Design count, Design zero) {
    Set<String> factors = new HashSet<>();
    for (Design d : zero == null ? List.of(count) : List.of(count, zero)) {
      for (DesignSpec.Variable v : d.spec().variables()) {
        if (v.factor()) {
          factors.add(v.name());
        }
      }
    }
    for (String column : columns) {
      if (!factors.contains(column) && !factors.contains("factor(" + column + ")")) {
        throw new CliException("--levels " + column + "=...: '" + column + "' is not a factor"
            + " in the model (a numeric column needs factor(" + column + ") in the formula)");
      }
    }
  }
}
