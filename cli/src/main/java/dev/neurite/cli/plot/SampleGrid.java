package dev.neurite.cli.plot;

import dev.neurite.runtime.io.AtomicFiles;
import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A PNG grid of sample images, each captioned with its true and predicted label (green when right, red when
 * wrong), like the figures of the PyTorch data tutorial.
 */
public final class SampleGrid {

    private static final int SCALE = 4;
    private static final int CAPTION = 34;

    private SampleGrid() {
    }

    /** One grayscale sample: pixels in [0, 1] (row-major, {@code height × width}), its labels. */
    public record Sample(float[] pixels, int width, int height, String truth, String prediction) {
    }

    public static void write(Path file, List<Sample> samples, int columns) throws IOException {
        int rows = (samples.size() + columns - 1) / columns;
        int cellWidth = samples.get(0).width() * SCALE + 16;
        int cellHeight = samples.get(0).height() * SCALE + CAPTION + 8;
        BufferedImage image = new BufferedImage(columns * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            int x0 = (i % columns) * cellWidth + 8;
            int y0 = (i / columns) * cellHeight + 4;
            for (int y = 0; y < sample.height(); y++) {
                for (int x = 0; x < sample.width(); x++) {
                    float value = Math.max(0f, Math.min(1f, sample.pixels()[y * sample.width() + x]));
                    int gray = Math.round(value * 255); // as in the data: light garment on a dark ground
                    g.setColor(new Color(gray, gray, gray));
                    g.fillRect(x0 + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
                }
            }
            boolean right = sample.truth().equals(sample.prediction());
            int textY = y0 + sample.height() * SCALE + 14;
            g.setColor(Color.DARK_GRAY);
            g.drawString("true: " + sample.truth(), x0, textY);
            g.setColor(right ? new Color(0, 130, 0) : new Color(200, 0, 0));
            g.drawString("pred: " + sample.prediction(), x0, textY + 15);
        }
        g.dispose();
        AtomicFiles.write(file, path -> {
            if (!ImageIO.write(image, "png", path.toFile())) {
                throw new IOException("no PNG writer in this JDK");
            }
        });
    }
}
