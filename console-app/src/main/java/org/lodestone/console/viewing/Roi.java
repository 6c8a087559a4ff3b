package org.lodestone.console.viewing;

/**
 * A region of interest on a {@link SliceImage}, in image pixel coordinates (pixel (i, j) covers [i, i+1) × [j, j+1));
 * a pixel belongs to it when its centre does.
 */
public sealed interface Roi {

    boolean contains(double x, double y);

    /** Bounding box {x0, y0, x1, y1}. */
    double[] bounds();

    /** An ellipse with centre and half-axes along x and y. */
    record Ellipse(double centreX, double centreY, double radiusX, double radiusY) implements Roi {
        public Ellipse {
            if (!(radiusX > 0 && radiusY > 0)) throw new IllegalArgumentException("ROI radii must be positive");
        }

        /** The ellipse inscribed in the box a drag from (x0, y0) to (x1, y1) spans. */
        public static Ellipse dragged(double x0, double y0, double x1, double y1) {
            return new Ellipse((x0 + x1) / 2, (y0 + y1) / 2, Math.max(Math.abs(x1 - x0) / 2, 0.5), Math.max(Math.abs(y1 - y0) / 2, 0.5));
        }

        @Override
        public boolean contains(double x, double y) {
            double u = (x - centreX) / radiusX, v = (y - centreY) / radiusY;
            return u * u + v * v <= 1;
        }

        @Override
        public double[] bounds() {
            return new double[] {centreX - radiusX, centreY - radiusY, centreX + radiusX, centreY + radiusY};
        }
    }

    /** An axis-aligned rectangle between two corners. */
    record Rectangle(double x0, double y0, double x1, double y1) implements Roi {
        @Override
        public boolean contains(double x, double y) {
            return x >= Math.min(x0, x1) && x <= Math.max(x0, x1) && y >= Math.min(y0, y1) && y <= Math.max(y0, y1);
        }

        @Override
        public double[] bounds() {
            return new double[] {Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)};
        }
    }
}
