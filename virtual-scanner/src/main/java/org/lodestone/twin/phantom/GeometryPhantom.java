package org.lodestone.twin.phantom;

import java.util.ArrayList;
import java.util.List;

/**
 * Geometry and resolution phantom: a water cylinder (axis z, radius 90 mm, length 120 mm) with
 * signal-free rods along z: a square grid of 4 mm rods at {@value #GRID_PITCH_MM} mm pitch inside
 * r ≤ 60 mm, and, at y = −75 mm, resolution groups of three rods of diameter d at centre spacing
 * 2d for d = 1.5, 2, 3 and 4 mm.
 */
public final class GeometryPhantom implements Phantom {
    public static final double GRID_PITCH_MM = 15;
    public static final double GRID_ROD_DIAMETER_MM = 4;
    public static final double[] RESOLUTION_DIAMETERS_MM = {1.5, 2, 3, 4};
    private static final double RADIUS = 0.09;
    private static final double HALF_LENGTH = 0.06;

    /** A rod along z at (x, y) with radius r, metres. */
    public record Rod(double x, double y, double r) {
    }

    private final List<Rod> rods = new ArrayList<>();

    public GeometryPhantom() {
        double p = GRID_PITCH_MM * 1e-3;
        for (int i = -4; i <= 4; i++) {
            for (int j = -4; j <= 4; j++) {
                if (Math.hypot(i * p, j * p) <= 0.060 + 1e-9) rods.add(new Rod(i * p, j * p, GRID_ROD_DIAMETER_MM * 5e-4));
            }
        }
        double x = -0.045;
        for (double d : RESOLUTION_DIAMETERS_MM) {
            double dm = d * 1e-3;
            for (int k = -1; k <= 1; k++) rods.add(new Rod(x + k * 2 * dm, -0.075, dm / 2));
            x += 0.03;
        }
    }

    public List<Rod> rods() {
        return List.copyOf(rods);
    }

    @Override
    public Tissue tissueAt(double x, double y, double z) {
        if (Math.abs(z) > HALF_LENGTH || x * x + y * y > RADIUS * RADIUS) return null;
        for (Rod r : rods) {
            double dx = x - r.x(), dy = y - r.y();
            if (dx * dx + dy * dy <= r.r() * r.r()) return null;
        }
        return Tissue.DOPED_WATER;
    }

    @Override
    public double halfExtentM() {
        return RADIUS;
    }

    @Override
    public List<Tissue> tissues() {
        return List.of(Tissue.DOPED_WATER);
    }

    @Override
    public String description() {
        return "geometry phantom: water cylinder r=90 mm, 4 mm rods on a 15 mm grid, resolution rods 1.5/2/3/4 mm at y=-75 mm";
    }
}
