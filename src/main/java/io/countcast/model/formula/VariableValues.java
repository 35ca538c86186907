package io.countcast.model.formula;

import io.countcast.model.data.CsvTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One variable's values on a table: numbers, or level codes (0-based into the spec's levels).
 *
 * @param numbers the values of a numeric variable, else null
 * @param codes the level index of each row for a factor, else null
 */
record VariableValues(double[] numbers, int[] codes) {

  static VariableValues of(String formula, DesignSpec.Variable variable, CsvTable data) {
    Node node = FormulaParser.parseExpression(variable.name());
    if (!variable.factor()) {
      double[] v = node instanceof Node.Name name
          ? data.numbers(name.name())
          : NumericExpression.evaluate(formula, node, data);
      return new VariableValues(v, null);
    }
    String column = node instanceof Node.Call call
        ? ((Node.Name) call.args().get(0)).name()
        : ((Node.Name) node).name();
    return new VariableValues(null, codes(data, column, variable.levels()));
  }

  private static int[] codes(CsvTable data, String column, List<String> levels) {
    Map<String, Integer> index = new HashMap<>();
    for (int k = 0; k < levels.size(); k++) {
      index.put(levels.get(k), k);
    }
    FactorLevels.Cells cells = FactorLevels.cells(data, column);
    int[] level = new int[cells.labels().size()];
    boolean[] known = new boolean[level.length];
    for (int k = 0; k < level.length; k++) {
      Integer code = index.get(cells.labels().get(k));
      known[k] = code != null;
      level[k] = known[k] ? code : -1;
    }
    int row = cells.firstRowWithout(known);
    if (row >= 0) {
      throw data.errorAt(row, column, "level '" + cells.label(row)
          + "' was not seen when the model was fitted (levels: " + String.join(", ", levels)
          + ")");
    }
    int[] rowLabels = cells.codes();
    int[] codes = new int[rowLabels.length];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = level[rowLabels[i]];
    }
    return codes;
  }
}
