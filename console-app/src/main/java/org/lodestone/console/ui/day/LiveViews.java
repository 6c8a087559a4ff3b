package org.lodestone.console.ui.day;

import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.lodestone.console.day.FidSpectrumView;
import org.lodestone.console.day.Texts;

/** The live echo, k-space filling, the streamed image and (for the FID protocol) the spectrum, drawn on canvases. */
final class LiveViews {
    private static final double SMALL = 200;
    private static final double IMAGE = 300, IMAGE_MIN = 160;
    private final VBox box;
    private final ImageView image = new ImageView();
    private final StackPane frame;
    private final Canvas echo = new Canvas(SMALL, 120);
    private final Canvas kspace = new Canvas(120, 120);
    private final Canvas spectrum = new Canvas(420, 140);
    private final Label peak = new Label();

    LiveViews(DayContext day, Texts t) {
        echo.setId("scan-echo");
        kspace.setId("scan-kspace");
        spectrum.setId("scan-spectrum");
        peak.setId("scan-spectrum-peak");
        image.setId("scan-image");
        image.setPreserveRatio(true);
        image.imageProperty().bind(day.scan.image);
        frame = new StackPane(image);
        frame.getStyleClass().add("image-frame");
        imageSide(IMAGE);
        VBox echoBox = new VBox(4, PatientsScreen.heading(t.get("scan.echo")), echo);
        VBox kBox = new VBox(4, PatientsScreen.heading(t.get("scan.kspace")), kspace);
        VBox spectrumBox = new VBox(4, PatientsScreen.heading(t.get("scan.spectrum")), spectrum, peak);
        spectrumBox.setId("scan-spectrum-box");
        spectrumBox.visibleProperty().bind(day.scan.spectrum.isNotNull());
        spectrumBox.managedProperty().bind(spectrumBox.visibleProperty());
        VBox imageBox = new VBox(4, PatientsScreen.heading(t.get("scan.image")), frame);
        imageBox.visibleProperty().bind(day.scan.spectrum.isNull()); // the FID has a spectrum, not an image
        imageBox.managedProperty().bind(imageBox.visibleProperty());
        box = new VBox(10, new HBox(12, echoBox, kBox), imageBox, spectrumBox);
        box.setPadding(new Insets(0));
        day.watch(day.scan.echo, (o, was, now) -> drawEcho(now));
        day.watch(day.scan.kspace, (o, was, now) -> drawKspace(now));
        day.watch(day.scan.spectrum, (o, was, now) -> drawSpectrum(now, t));
        drawEcho(day.scan.echo.get());
        drawKspace(day.scan.kspace.get());
        drawSpectrum(day.scan.spectrum.get(), t);
    }

    VBox node() {
        return box;
    }

    /**
     * Fits the streamed image into {@code height} px of page (the live views' column): at 1024×600 the 300 px
     * image would run into the status bar, so it shrinks to what is left below the echo and k-space.
     */
    void fitHeight(double height) {
        double above = box.getChildren().getFirst().prefHeight(-1) + box.getSpacing() + 26; // echo row, gap, heading
        imageSide(Math.clamp(height - above - 8, IMAGE_MIN, IMAGE));
    }

    private void imageSide(double side) {
        image.setFitWidth(side);
        image.setFitHeight(side);
        frame.setMinSize(side, side);
        frame.setPrefSize(side, side);
        frame.setMaxSize(side, side);
    }

    private void drawEcho(double[] mag) {
        GraphicsContext g = clear(echo);
        if (mag == null || mag.length < 2) return;
        double max = 1e-30;
        for (double v : mag) max = Math.max(max, v);
        g.setStroke(Color.web("#4fc3f7"));
        g.setLineWidth(1.5);
        double w = echo.getWidth(), h = echo.getHeight();
        g.beginPath();
        for (int i = 0; i < mag.length; i++) {
            double x = i * w / (mag.length - 1), y = h - 4 - mag[i] / max * (h - 8);
            if (i == 0) g.moveTo(x, y);
            else g.lineTo(x, y);
        }
        g.stroke();
    }

    private void drawKspace(boolean[] rows) {
        GraphicsContext g = clear(kspace);
        if (rows == null || rows.length == 0) return;
        double h = kspace.getHeight() / rows.length;
        g.setFill(Color.web("#81c784"));
        for (int r = 0; r < rows.length; r++) if (rows[r]) g.fillRect(0, r * h, kspace.getWidth(), Math.max(1, h));
    }

    private void drawSpectrum(FidSpectrumView s, Texts t) {
        GraphicsContext g = clear(spectrum);
        if (s == null) {
            peak.setText("");
            return;
        }
        double[] m = s.magnitude();
        int n = m.length;
        double max = 1e-30;
        for (double v : m) max = Math.max(max, v);
        g.setStroke(Color.web("#ffb74d"));
        g.beginPath();
        double w = spectrum.getWidth(), h = spectrum.getHeight();
        for (int i = 0; i < n; i++) {
            int k = (i + n / 2) % n; // centre frequency in the middle
            double x = i * w / (n - 1), y = h - 4 - m[k] / max * (h - 8);
            if (i == 0) g.moveTo(x, y);
            else g.lineTo(x, y);
        }
        g.stroke();
        peak.setText(t.get("scan.spectrumPeak", t.number(s.peakHz(), 0), t.number(s.peakOffsetHz(), 1), t.number(s.linewidthHz(), 1)));
    }

    private static GraphicsContext clear(Canvas c) {
        GraphicsContext g = c.getGraphicsContext2D();
        g.setFill(Color.web("#101418"));
        g.fillRect(0, 0, c.getWidth(), c.getHeight());
        return g;
    }
}
