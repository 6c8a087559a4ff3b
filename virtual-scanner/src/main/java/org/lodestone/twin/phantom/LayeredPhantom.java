package org.lodestone.twin.phantom;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A phantom painted from shapes in order: where several contain a point, the last one's tissue is there
 * (labels, not the additive intensities of the CT Shepp–Logan phantom).
 */
abstract class LayeredPhantom<S extends LayeredPhantom.Shape> implements Phantom {
    /** One painted shape. */
    interface Shape {
        boolean contains(double x, double y, double z);

        Tissue tissue();

        /** How far from isocentre it reaches along any axis, at most, in metres. */
        double reachM();
    }

    private final List<S> shapes;
    private final double halfExtent;
    private final String description;

    LayeredPhantom(List<S> shapes, String description) {
        this.shapes = List.copyOf(shapes);
        this.description = description;
        double r = 0;
        for (S s : shapes) r = Math.max(r, s.reachM());
        this.halfExtent = r;
    }

    @Override
    public Tissue tissueAt(double x, double y, double z) {
        Tissue t = null;
        for (S s : shapes) if (s.contains(x, y, z)) t = s.tissue();
        return t;
    }

    @Override
    public double halfExtentM() {
        return halfExtent;
    }

    @Override
    public List<Tissue> tissues() {
        return List.copyOf(new LinkedHashSet<>(shapes.stream().map(Shape::tissue).toList()));
    }

    @Override
    public String description() {
        return description;
    }
}
