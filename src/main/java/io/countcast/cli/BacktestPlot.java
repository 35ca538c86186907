package io.countcast.cli;

import io.countcast.series.BacktestReport;
import io.countcast.series.BacktestWindow;
import io.countcast.series.CountSeries;
import io.countcast.series.ForecastScores;
import io.countcast.series.LabelledWindow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The backtest plot (JFreeChart, headless): above, the observed counts with the forecast median
 * and 90% band of every scored window, alarms (windows of origins whose surge probability reached
 * the level) and the labelled periods; below, the histogram of the model's randomized PIT values
 * (flat when calibrated) and the headline scores. Where origins overlap (a horizon longer than
 * the step) each window shows its shortest-step forecast. PNG or SVG by the file name.
 */
final class BacktestPlot {

  static final int WIDTH = 1200;
  static final int HEIGHT = 800;
  private static final int TOP = 520;
  private static final Color BAND = new Color(70, 130, 180, 90);
  private static final Color MEDIAN = new Color(25, 80, 160);
  private static final Color OBSERVED = new Color(60, 60, 60);
  private static final Color ALARM = new Color(200, 30, 30);
  private static final Color LABEL = new Color(255, 165, 0, 70);

  private BacktestPlot() {
  }

  /** Refuses a file name that is neither .png nor .svg before the backtest runs. */
  static void checkFormat(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".png") && !name.endsWith(".svg")) {
      throw new CliException("--plot must name a .png or .svg file, got " + file);
    }
  }

  static void write(Path file, CountSeries series, BacktestReport report,
      List<LabelledWindow> labels, boolean rows) {
    System.setProperty("java.awt.headless", "true");
    JFreeChart forecasts = forecastChart(series, report, labels, rows);
    JFreeChart pit = pitChart(report);
    boolean svg = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
    try {
      if (svg) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        draw(g, forecasts, pit, report);
        SVGUtils.writeToSVG(file.toFile(), g.getSVGElement());
      } else {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        draw(g, forecasts, pit, report);
        g.dispose();
        if (!ImageIO.write(image, "png", file.toFile())) {
          throw new IOException("no PNG writer");
        }
      }
    } catch (IOException e) {
      throw new CliException(file + ": cannot write the plot (" + e.getMessage() + ")");
    }
  }

  private static void draw(Graphics2D g, JFreeChart forecasts, JFreeChart pit,
      BacktestReport report) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    forecasts.draw(g, new Rectangle2D.Double(0, 0, WIDTH, TOP));
    pit.draw(g, new Rectangle2D.Double(0, TOP, WIDTH / 2.0, HEIGHT - TOP));
    drawScores(g, report, WIDTH / 2 + 30, TOP + 40);
  }

  private static JFreeChart forecastChart(CountSeries series, BacktestReport report,
      List<LabelledWindow> labels, boolean rows) {
    double scale = rows ? 1 : 1000; // DateAxis works in milliseconds
    XYSeries observed = new XYSeries("observed", true, true);
    for (int i = 0; i < series.size(); i++) {
      if (i > 0 && series.start(i) - series.start(i - 1) > series.windowSeconds()) {
        observed.add((series.start(i - 1) + series.windowSeconds()) * scale, Double.NaN);
      }
      observed.add(series.start(i) * scale, series.count(i));
    }
    // the shortest-step forecast of every scored window, by window start
    TreeMap<Long, BacktestWindow> shown = new TreeMap<>();
    for (BacktestWindow w : report.perWindow()) {
      if (w.model() != null) {
        shown.merge(w.start(), w, (a, b) -> a.step() <= b.step() ? a : b);
      }
    }
    XYIntervalSeries band = new XYIntervalSeries("90% interval");
    XYSeries median = new XYSeries("median", true, true);
    XYSeries alarms = new XYSeries("alarm", true, true);
    long width = series.windowSeconds();
    Long previous = null;
    for (BacktestWindow w : shown.values()) {
      double x0 = w.start() * scale;
      double x1 = (w.start() + width) * scale;
      band.add((x0 + x1) / 2, x0, x1, w.model().median(), w.model().lower90(),
          w.model().upper90());
      if (previous != null && w.start() != previous + width) {
        median.add(x0 - scale / 2, Double.NaN);
      }
      median.add(x0, w.model().median());
      median.add(x1, w.model().median());
      if (w.alarm()) {
        alarms.add((x0 + x1) / 2, w.observed());
      }
      previous = w.start();
    }
    ValueAxis domain = rows ? new NumberAxis("row") : new DateAxis("time (UTC)");
    if (domain instanceof DateAxis d) {
      d.setTimeZone(TimeZone.getTimeZone("UTC"));
    }
    NumberAxis range = new NumberAxis("count");
    range.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot();
    plot.setDomainAxis(domain);
    plot.setRangeAxis(range);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));

    XYLineAndShapeRenderer alarmRenderer = new XYLineAndShapeRenderer(false, true);
    alarmRenderer.setSeriesPaint(0, ALARM);
    alarmRenderer.setSeriesShape(0, triangle(5));
    plot.setDataset(0, new XYSeriesCollection(alarms));
    plot.setRenderer(0, alarmRenderer);

    XYLineAndShapeRenderer medianRenderer = new XYLineAndShapeRenderer(true, false);
    medianRenderer.setSeriesPaint(0, MEDIAN);
    medianRenderer.setSeriesStroke(0, new BasicStroke(1.6f));
    plot.setDataset(1, new XYSeriesCollection(median));
    plot.setRenderer(1, medianRenderer);

    XYLineAndShapeRenderer observedRenderer = new XYLineAndShapeRenderer(true,
        series.size() <= 400);
    observedRenderer.setSeriesPaint(0, OBSERVED);
    observedRenderer.setSeriesStroke(0, new BasicStroke(0.7f));
    observedRenderer.setSeriesShape(0, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
    plot.setDataset(2, new XYSeriesCollection(observed));
    plot.setRenderer(2, observedRenderer);

    XYIntervalSeriesCollection bands = new XYIntervalSeriesCollection();
    bands.addSeries(band);
    XYBarRenderer bandRenderer = new XYBarRenderer();
    bandRenderer.setUseYInterval(true);
    bandRenderer.setBarPainter(new StandardXYBarPainter());
    bandRenderer.setShadowVisible(false);
    bandRenderer.setDrawBarOutline(false);
    bandRenderer.setSeriesPaint(0, BAND);
    plot.setDataset(3, bands);
    plot.setRenderer(3, bandRenderer);

    boolean first = true;
    for (LabelledWindow l : labels) {
      IntervalMarker m = new IntervalMarker(l.start() * scale,
          (l.end() + (rows ? 1 : 0)) * scale, LABEL);
      if (first) {
        m.setLabel("labelled");
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        first = false;
      }
      plot.addDomainMarker(m, Layer.BACKGROUND);
    }
    JFreeChart chart = new JFreeChart("Backtest: observed counts, forecast median and 90%"
        + " interval, alarms", JFreeChart.DEFAULT_TITLE_FONT.deriveFont(15f), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static JFreeChart pitChart(BacktestReport report) {
    int bins = 10;
    int[] counts = new int[bins];
    int n = 0;
    for (BacktestWindow w : report.perWindow()) {
      if (w.model() != null) {
        counts[Math.min(bins - 1, (int) (w.model().pit() * bins))]++;
        n++;
      }
    }
    XYIntervalSeries histogram = new XYIntervalSeries("randomized PIT");
    for (int b = 0; b < bins; b++) {
      double lo = (double) b / bins;
      double hi = (b + 1.0) / bins;
      histogram.add((lo + hi) / 2, lo, hi, counts[b], 0, counts[b]);
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(histogram);
    XYBarRenderer renderer = new XYBarRenderer(0.05);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, MEDIAN);
    NumberAxis x = new NumberAxis("randomized PIT");
    x.setRange(0, 1);
    NumberAxis y = new NumberAxis("windows");
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    ValueMarker flat = new ValueMarker(n / (double) bins, ALARM, new BasicStroke(1.2f));
    flat.setLabel("calibrated");
    flat.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    flat.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    plot.addRangeMarker(flat);
    JFreeChart chart = new JFreeChart("PIT histogram (flat when calibrated)",
        JFreeChart.DEFAULT_TITLE_FONT.deriveFont(13f), plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static void drawScores(Graphics2D g, BacktestReport r, int x, int y) {
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
    ForecastScores m = r.model();
    String[] lines = {
        String.format(Locale.ROOT, "%d origins scored, %d skipped, %d windows", r.folds(),
            r.skipped().size(), r.windows()),
        String.format(Locale.ROOT, "%-11s %9s %9s %9s %9s", "", "model", "poisson", "s-naive",
            "last"),
        line("log score", r, ForecastScores::logScore),
        line("CRPS", r, ForecastScores::crps),
        line("MAE", r, ForecastScores::mae),
        line("interval90", r, ForecastScores::interval90),
        line("pit90", r, ForecastScores::pit90),
        String.format(Locale.ROOT, "coverage90 %.3f, coverage80 %.3f", m.coverage90(),
            m.coverage80()),
        String.format(Locale.ROOT, "surge: %d false alarms, threshold %d",
            r.surge().falseAlarms(), r.threshold()),
    };
    for (int i = 0; i < lines.length; i++) {
      g.drawString(lines[i], x, y + 20 * i);
    }
  }

  private static String line(String name, BacktestReport r,
      java.util.function.ToDoubleFunction<ForecastScores> score) {
    return String.format(Locale.ROOT, "%-11s %9.3f %9.3f %9.3f %9.3f", name,
        score.applyAsDouble(r.model()), score.applyAsDouble(r.poisson()),
        score.applyAsDouble(r.naive()), score.applyAsDouble(r.lastValue()));
  }

  private static Path2D triangle(double size) {
    Path2D p = new Path2D.Double();
    p.moveTo(0, -size);
    p.lineTo(size, size);
    p.lineTo(-size, size);
    p.closePath();
    return p;
  }
}
