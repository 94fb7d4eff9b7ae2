package dev.neurite.cli.plot;

import dev.neurite.runtime.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The training and validation loss per epoch as a PNG line chart, like the tutorial's matplotlib figure. */
public final class LossPlot {

    private LossPlot() {
    }

    /**
     * Writes the chart to {@code file}. {@code validationLoss} may be empty (no validation) or hold NaN for
     * epochs without a value.
     */
    public static void write(Path file, String title, List<Double> trainLoss, List<Double> validationLoss)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setDecimalPattern("#0.###");
        chart.getStyler().setXAxisDecimalPattern("0");
        addSeries(chart, "train loss", trainLoss);
        if (validationLoss.stream().anyMatch(v -> !v.isNaN())) {
            addSeries(chart, "validation loss", validationLoss);
        }
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, path -> Files.write(path, png));
    }

    private static void addSeries(XYChart chart, String name, List<Double> values) {
        double[] epochs = new double[values.size()];
        double[] losses = new double[values.size()];
        for (int i = 0; i < values.size(); i++) {
            epochs[i] = i + 1;
            losses[i] = values.get(i);
        }
        XYSeries series = chart.addSeries(name, epochs, losses);
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}
