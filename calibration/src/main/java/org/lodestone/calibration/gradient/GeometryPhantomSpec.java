package org.lodestone.calibration.gradient;

/**
 * The geometry phantom's drawing, as its maker specifies it (not read from any unit): a water
 * cylinder along z, radius 90 mm and length 120 mm, with 4 mm signal-free rods along z on a 15 mm
 * square grid within 60 mm of the axis. Through the centre, each of the planes x = 0 and y = 0
 * therefore holds nine rods at −60, −45 … +60 mm, and the water ends at z = ±60 mm.
 */
public final class GeometryPhantomSpec {
    public static final double GRID_PITCH_MM = 15;
    public static final int RODS_EACH_SIDE = 4;
    public static final double ROD_DIAMETER_MM = 4;
    public static final double RADIUS_MM = 90;
    public static final double LENGTH_MM = 120;

    private GeometryPhantomSpec() {
    }
}
