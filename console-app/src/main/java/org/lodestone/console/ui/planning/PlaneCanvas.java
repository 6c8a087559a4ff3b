package org.lodestone.console.ui.planning;

import javafx.beans.property.ObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.lodestone.console.planning.LocalizerImages;
import org.lodestone.console.planning.PlanGestures;
import org.lodestone.console.planning.SlicePlan;
import org.lodestone.console.viewing.ViewTransform;
import org.lodestone.console.viewing.WindowPreset;

import java.util.Optional;

/**
 * One localizer plane with the slice group drawn on it: a line where each slice cuts the plane, the centre
 * slice's field of view outlined, and handles to rotate (round) and to resize the field of view and the slab
 * (square). Dragging elsewhere on the group moves it.
 */
public final class PlaneCanvas extends Region {
    /** Half the side of a handle's touch target, in screen pixels (targets of 40 px). */
    static final double HANDLE_REACH = 20;
    private static final double HANDLE_SIZE = 14;

    enum Grip { NONE, MOVE, ROTATE, FOV, SLAB }

    private final LocalizerImages.View localizer;
    private final ObjectProperty<SlicePlan> plan;
    private final Canvas canvas = new Canvas();
    private final WritableImage picture;
    private final int[] argb;
    private ViewTransform view;
    private Grip grip = Grip.NONE;
    private double lastX, lastY;

    PlaneCanvas(LocalizerImages.View localizer, ObjectProperty<SlicePlan> plan, String title) {
        this.localizer = localizer;
        this.plan = plan;
        var img = localizer.image();
        picture = new WritableImage(img.width(), img.height());
        argb = new int[img.width() * img.height()];
        WindowPreset.AUTO.applyTo(img).render(img, argb);
        picture.getPixelWriter().setPixels(0, 0, img.width(), img.height(), PixelFormat.getIntArgbPreInstance(), argb, 0, img.width());
        Label name = new Label(title);
        name.setTextFill(Color.web("#f2d36b"));
        name.setStyle("-fx-font-size: 13px; -fx-background-color: rgba(0,0,0,0.55); -fx-padding: 2 6 2 6;");
        name.setMouseTransparent(true);
        getChildren().addAll(canvas, name);
        setStyle("-fx-background-color: black;");
        setMinSize(120, 120);
        plan.addListener((o, a, b) -> draw());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> grip = Grip.NONE);
    }

    public LocalizerImages.View localizer() {
        return localizer;
    }

    /** Screen position (in this node) of image coordinates (x, y). */
    public double[] toScreen(double x, double y) {
        return view().toScreen(x, y);
    }

    public ViewTransform view() {
        if (view == null) view = ViewTransform.fit(localizer.image().width(), localizer.image().height(), Math.max(1, getWidth()), Math.max(1, getHeight()));
        return view;
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            view = null;
            draw();
        }
        getChildren().get(1).autosize();
        getChildren().get(1).relocate(4, 4);
    }

    void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (getWidth() < 1) return;
        ViewTransform v = view();
        var img = localizer.image();
        g.setImageSmoothing(false);
        g.drawImage(picture, v.offsetX(), v.offsetY(), img.width() * v.zoom(), img.height() * v.zoom());
        SlicePlan p = plan.get();
        var plane = localizer.plane();
        double[] fov = plane.fieldOfViewOutline(p);
        g.setStroke(Color.web("#4fc3f7"));
        g.setLineWidth(1.5);
        g.setLineDashes(6, 4);
        double[] xs = new double[4], ys = new double[4];
        for (int i = 0; i < 4; i++) {
            double[] s = v.toScreen(fov[2 * i], fov[2 * i + 1]);
            xs[i] = s[0];
            ys[i] = s[1];
        }
        g.strokePolygon(xs, ys, 4);
        g.setLineDashes();
        g.setStroke(Color.web("#ffd54f"));
        for (int i = 0; i < p.sliceCount(); i++) {
            Optional<double[]> seg = plane.intersection(p, i);
            if (seg.isEmpty()) continue;
            double[] a = v.toScreen(seg.get()[0], seg.get()[1]), b = v.toScreen(seg.get()[2], seg.get()[3]);
            g.setLineWidth(i == p.sliceCount() / 2 ? 2.5 : 1.5);
            g.strokeLine(a[0], a[1], b[0], b[1]);
        }
        PlanGestures.handles(p, plane).ifPresent(h -> {
            g.setFill(Color.web("#ff8a65"));
            double[] r = v.toScreen(h.rotate()[0], h.rotate()[1]);
            g.fillOval(r[0] - HANDLE_SIZE / 2, r[1] - HANDLE_SIZE / 2, HANDLE_SIZE, HANDLE_SIZE);
            g.setFill(Color.web("#81c784"));
            for (double[] q : new double[][] {h.fov(), h.slab()}) {
                double[] s = v.toScreen(q[0], q[1]);
                g.fillRect(s[0] - HANDLE_SIZE / 2, s[1] - HANDLE_SIZE / 2, HANDLE_SIZE, HANDLE_SIZE);
            }
        });
    }

    private void pressed(MouseEvent e) {
        lastX = e.getX();
        lastY = e.getY();
        grip = gripAt(e.getX(), e.getY());
        e.consume();
    }

    /** Which part of the group is under screen point (x, y): a handle within reach, else the slab, else nothing. */
    Grip gripAt(double x, double y) {
        SlicePlan p = plan.get();
        var plane = localizer.plane();
        Optional<PlanGestures.Handles> h = PlanGestures.handles(p, plane);
        if (h.isPresent()) {
            if (near(h.get().rotate(), x, y)) return Grip.ROTATE;
            if (near(h.get().fov(), x, y)) return Grip.FOV;
            if (near(h.get().slab(), x, y)) return Grip.SLAB;
        }
        double[] i = view().toImage(x, y);
        var d = plane.toPatient(i[0], i[1]).minus(p.centre());
        double slabReach = p.slabThicknessMm() / 2 + HANDLE_REACH / view().zoom() * localizer.image().pixelWidthMm();
        boolean inSlab = Math.abs(d.dot(p.normal())) <= slabReach;
        boolean inFov = Math.abs(d.dot(p.read())) <= p.fovMm() / 2 && Math.abs(d.dot(p.phase())) <= p.fovMm() / 2;
        return inSlab && inFov ? Grip.MOVE : Grip.NONE;
    }

    private boolean near(double[] imagePoint, double x, double y) {
        double[] s = view().toScreen(imagePoint[0], imagePoint[1]);
        return Math.abs(s[0] - x) <= HANDLE_REACH && Math.abs(s[1] - y) <= HANDLE_REACH;
    }

    private void dragged(MouseEvent e) {
        if (grip == Grip.NONE) return;
        var plane = localizer.plane();
        ViewTransform v = view();
        double[] from = v.toImage(lastX, lastY), to = v.toImage(e.getX(), e.getY());
        SlicePlan p = plan.get();
        SlicePlan next = switch (grip) {
            case MOVE -> PlanGestures.move(p, plane, to[0] - from[0], to[1] - from[1]);
            case ROTATE -> PlanGestures.rotate(p, plane, from[0], from[1], to[0], to[1]);
            case FOV -> PlanGestures.resizeFov(p, plane, to[0], to[1]);
            case SLAB -> PlanGestures.resizeSlab(p, plane, to[0], to[1]);
            case NONE -> p;
        };
        lastX = e.getX();
        lastY = e.getY();
        plan.set(next);
        e.consume();
    }
}
