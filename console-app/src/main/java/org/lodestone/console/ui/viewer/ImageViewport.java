package org.lodestone.console.ui.viewer;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.lodestone.console.viewing.DisplayOrientation;
import org.lodestone.console.viewing.Measurement;
import org.lodestone.console.viewing.Roi;
import org.lodestone.console.viewing.RoiStatistics;
import org.lodestone.console.viewing.SliceImage;
import org.lodestone.console.viewing.ViewTransform;
import org.lodestone.console.viewing.WindowLevel;
import org.lodestone.console.viewing.WindowPreset;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One image on a canvas: grey levels through the window into a WritableImage, drawn at the view's zoom and
 * offset, with the measurement of the active tool on top, a line of what is shown (slice, window, zoom) and the
 * orientation letters at the middle of each edge. The image comes already turned for display
 * ({@link DisplayOrientation}): tools measure on it, with its own pixel sizes.
 */
public final class ImageViewport extends Region {
    /** Fraction of the window width one dragged pixel changes. */
    public static final double WINDOW_DRAG_SENSITIVITY = 0.005;

    private final ResourceBundle messages;
    private final Supplier<ViewerTool> tool;
    private final Canvas canvas = new Canvas();
    private final Label info = new Label();
    private final Label measurement = new Label();
    /** Edge letters: top, right, bottom, left. */
    private final List<Label> letters = List.of(new Label(), new Label(), new Label(), new Label());
    private DisplayOrientation orientation = DisplayOrientation.AS_STORED;
    private SliceImage image;
    private WindowLevel window = new WindowLevel(0.5, 1);
    private ViewTransform view;
    private WritableImage buffer;
    private int[] argb = new int[0];
    private String sliceText = "";
    private Consumer<WindowLevel> onWindowChanged = w -> { };
    private IntConsumer onScroll = d -> { };
    private double pressX, pressY, lastX, lastY;
    private double[] distance;               // x0, y0, x1, y1 (image)
    private final List<double[]> angle = new ArrayList<>(); // up to three image points
    private Roi roi;
    private ViewerTool measured;             // the tool of the measurement shown

    public ImageViewport(ResourceBundle messages, Supplier<ViewerTool> tool) {
        this.messages = messages;
        this.tool = tool;
        getStyleClass().add("viewer-viewport");
        setStyle("-fx-background-color: black;");
        info.getStyleClass().add("viewer-info");
        measurement.getStyleClass().add("viewer-measurement");
        for (Label l : List.of(info, measurement)) {
            l.setTextFill(Color.web("#f2d36b"));
            l.setStyle("-fx-font-size: 13px; -fx-background-color: rgba(0,0,0,0.55);");
            l.setPadding(new Insets(2, 6, 2, 6));
            l.setMouseTransparent(true);
            l.setAlignment(Pos.TOP_LEFT);
        }
        measurement.setVisible(false);
        String[] edges = {"top", "right", "bottom", "left"};
        for (int i = 0; i < 4; i++) {
            Label l = letters.get(i);
            l.getStyleClass().add("viewer-orientation-letter");
            l.setId("viewer-letter-" + edges[i]);
            l.setTextFill(Color.web("#f2d36b"));
            l.setStyle("-fx-font-size: 15px; -fx-font-weight: bold; -fx-background-color: rgba(0,0,0,0.55);");
            l.setPadding(new Insets(1, 4, 1, 4));
            l.setMouseTransparent(true);
            l.setVisible(false);
        }
        getChildren().addAll(canvas, info, measurement);
        getChildren().addAll(letters);
        setMinSize(80, 80);
        setFocusTraversable(true);
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    }

    /** Shows {@code next} without orientation letters. */
    public void show(SliceImage next, String sliceLabel) {
        show(next, sliceLabel, DisplayOrientation.AS_STORED);
    }

    /**
     * Shows {@code next}, an image already turned by {@code turned}, whose letters go on the edges; the zoom and pan
     * are kept when it has the same size as the image before.
     */
    public void show(SliceImage next, String sliceLabel, DisplayOrientation turned) {
        orientation = turned;
        DisplayOrientation.Letters l = turned.letters();
        String[] texts = {l.top(), l.right(), l.bottom(), l.left()};
        for (int i = 0; i < 4; i++) {
            letters.get(i).setText(texts[i]);
            letters.get(i).setVisible(!texts[i].isEmpty());
        }
        boolean sameSize = image != null && next.width() == image.width() && next.height() == image.height();
        image = next;
        sliceText = sliceLabel;
        if (!sameSize) {
            view = null;
            buffer = new WritableImage(next.width(), next.height());
            argb = new int[next.width() * next.height()];
            distance = null;
            angle.clear();
            roi = null;
            measured = null;
            measurement.setVisible(false);
        }
        render();
        updateMeasurement();
    }

    public void setWindow(WindowLevel w) {
        window = w;
        render();
    }

    public void applyPreset(WindowPreset preset) {
        if (image != null) setWindowAndTell(preset.applyTo(image));
    }

    public void resetView() {
        view = null;
        render();
    }

    public void zoomBy(double factor) {
        if (view == null) return;
        view = view.zoomedAbout(getWidth() / 2, getHeight() / 2, factor);
        render();
    }

    public void setOnWindowChanged(Consumer<WindowLevel> c) {
        onWindowChanged = c;
    }

    /** Called with −1 / +1 for each wheel notch toward the previous / next slice. */
    public void setOnSliceStep(IntConsumer c) {
        onScroll = c;
    }

    public SliceImage image() {
        return image;
    }

    public WindowLevel window() {
        return window;
    }

    public ViewTransform view() {
        return view;
    }

    public Label infoLabel() {
        return info;
    }

    public Label measurementLabel() {
        return measurement;
    }

    /** How the image shown was turned from the stored one. */
    public DisplayOrientation orientation() {
        return orientation;
    }

    /** The letters on the top, right, bottom and left edges ("" where there are none). */
    public List<String> edgeLetters() {
        return letters.stream().map(Label::getText).toList();
    }

    Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth(), h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            view = null;
            render();
        }
        // narrow viewports (MPR, grid at 1024 px) shorten their text lines rather than spill over the next image
        for (Label l : List.of(info, measurement)) l.resize(Math.min(l.prefWidth(-1), Math.max(0, w - 8)), l.prefHeight(-1));
        info.relocate(4, 4);
        measurement.relocate(4, Math.max(4, h - measurement.getHeight() - 4));
        layoutLetters(w, h);
    }

    /** Each letter at the middle of its edge; the top and bottom ones step aside from the text lines in the corners. */
    private void layoutLetters(double w, double h) {
        for (Label l : letters) l.resize(l.prefWidth(-1), l.prefHeight(-1));
        Label top = letters.get(0), right = letters.get(1), bottom = letters.get(2), left = letters.get(3);
        double topX = (w - top.getWidth()) / 2, bottomX = (w - bottom.getWidth()) / 2;
        double topY = info.getBoundsInParent().getMaxX() + 4 > topX ? info.getBoundsInParent().getMaxY() + 2 : 2;
        boolean measuring = measurement.isVisible() && measurement.getBoundsInParent().getMaxX() + 4 > bottomX;
        double bottomY = (measuring ? measurement.getBoundsInParent().getMinY() - 2 : h - 2) - bottom.getHeight();
        top.relocate(topX, topY);
        bottom.relocate(bottomX, bottomY);
        right.relocate(w - right.getWidth() - 2, (h - right.getHeight()) / 2);
        left.relocate(2, (h - left.getHeight()) / 2);
    }

    /** Window → grey pixels → canvas, then the overlays. */
    void render() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, w, h);
        if (image == null || w < 1 || h < 1) return;
        if (view == null) view = ViewTransform.fit(image.width(), image.height(), w, h);
        window.render(image, argb);
        buffer.getPixelWriter().setPixels(0, 0, image.width(), image.height(), PixelFormat.getIntArgbPreInstance(), argb, 0, image.width());
        g.setImageSmoothing(false);
        g.drawImage(buffer, view.offsetX(), view.offsetY(), image.width() * view.zoom(), image.height() * view.zoom());
        drawOverlays(g);
        info.setText(MessageFormat.format(messages.getString("viewer.info"), sliceText, number(window.width()),
                number(window.centre()), String.format(Locale.ROOT, "%.2f", view.zoom())));
    }

    private void drawOverlays(GraphicsContext g) {
        g.setStroke(Color.web("#4fc3f7"));
        g.setLineWidth(2);
        if (distance != null) {
            double[] a = view.toScreen(distance[0], distance[1]), b = view.toScreen(distance[2], distance[3]);
            g.strokeLine(a[0], a[1], b[0], b[1]);
        }
        for (int i = 1; i < angle.size(); i++) {
            double[] a = view.toScreen(angle.get(i - 1)[0], angle.get(i - 1)[1]), b = view.toScreen(angle.get(i)[0], angle.get(i)[1]);
            g.strokeLine(a[0], a[1], b[0], b[1]);
        }
        if (roi != null) {
            double[] bounds = roi.bounds();
            double[] a = view.toScreen(bounds[0], bounds[1]), b = view.toScreen(bounds[2], bounds[3]);
            if (roi instanceof Roi.Ellipse) g.strokeOval(a[0], a[1], b[0] - a[0], b[1] - a[1]);
            else g.strokeRect(a[0], a[1], b[0] - a[0], b[1] - a[1]);
        }
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        e.consume(); // bubbling on, the press reached a TabPane around the viewer, which takes the focus for its tab keys
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        if (image == null || view == null) return;
        double[] p = view.toImage(e.getX(), e.getY());
        ViewerTool t = tool.get();
        if (t == ViewerTool.DISTANCE || t == ViewerTool.ANGLE || t == ViewerTool.ROI) measured = t;
        switch (t) {
            case DISTANCE -> distance = new double[] {p[0], p[1], p[0], p[1]};
            case ANGLE -> {
                // first press: one end and the vertex, dragged apart (or set by a second click); then the other end
                if (angle.isEmpty() || angle.size() == 3) {
                    angle.clear();
                    angle.add(p);
                    angle.add(p.clone());
                } else if (java.util.Arrays.equals(angle.get(0), angle.get(1))) {
                    angle.set(1, p);
                } else {
                    angle.add(p);
                }
            }
            default -> { }
        }
        render();
        updateMeasurement();
    }

    private void dragged(MouseEvent e) {
        if (image == null || view == null) return;
        double dx = e.getX() - lastX, dy = e.getY() - lastY;
        lastX = e.getX();
        lastY = e.getY();
        double[] p = view.toImage(e.getX(), e.getY());
        switch (tool.get()) {
            case WINDOW -> {
                setWindowAndTell(window.dragged(dx, dy, WINDOW_DRAG_SENSITIVITY));
                return;
            }
            case PAN -> view = view.panned(dx, dy);
            case ZOOM -> view = view.zoomedAbout(pressX, pressY, Math.exp(-dy * 0.01));
            case DISTANCE -> {
                distance[2] = p[0];
                distance[3] = p[1];
            }
            case ANGLE -> angle.set(angle.size() - 1, p);
            case ROI -> {
                double[] s = view.toImage(pressX, pressY);
                roi = Roi.Ellipse.dragged(s[0], s[1], p[0], p[1]);
            }
        }
        render();
        updateMeasurement();
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0 || image == null) return;
        if (e.isControlDown() || tool.get() == ViewerTool.ZOOM) {
            view = view.zoomedAbout(e.getX(), e.getY(), e.getDeltaY() > 0 ? 1.25 : 0.8);
            render();
        } else {
            onScroll.accept(e.getDeltaY() > 0 ? -1 : 1);
        }
        e.consume();
    }

    private void setWindowAndTell(WindowLevel w) {
        window = w;
        render();
        onWindowChanged.accept(w);
    }

    private void updateMeasurement() {
        String text = null;
        if (image != null) {
            if (measured == ViewerTool.ROI && roi != null) {
                RoiStatistics s = RoiStatistics.of(image, roi);
                if (s.count() > 0) {
                    text = MessageFormat.format(messages.getString("viewer.roi"), number(s.mean()), number(s.standardDeviation()),
                            number(s.areaMm2()), Integer.toString(s.count()));
                }
            } else if (measured == ViewerTool.DISTANCE && distance != null) {
                text = MessageFormat.format(messages.getString("viewer.distance"),
                        number(Measurement.distanceMm(image, distance[0], distance[1], distance[2], distance[3])));
            } else if (measured == ViewerTool.ANGLE && angle.size() == 3) {
                double[] a = angle.get(0), v = angle.get(1), b = angle.get(2);
                double degrees = Measurement.angleDegrees(image, a[0], a[1], v[0], v[1], b[0], b[1]);
                if (!Double.isNaN(degrees)) text = MessageFormat.format(messages.getString("viewer.angle"), number(degrees));
            }
        }
        measurement.setText(text == null ? "" : text);
        measurement.setVisible(text != null);
        requestLayout();
    }

    /** The last ROI's statistics, or null. */
    public RoiStatistics roiStatistics() {
        return roi == null || image == null ? null : RoiStatistics.of(image, roi);
    }

    private String number(double v) {
        Locale locale = messages.getLocale() == null || messages.getLocale().toString().isEmpty() ? Locale.getDefault() : messages.getLocale();
        return number(locale, v);
    }

    /** Enough digits for MR intensities of any scale: 1234.5, 12.35, 0.812. */
    static String number(Locale locale, double v) {
        double a = Math.abs(v);
        return String.format(locale, a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
