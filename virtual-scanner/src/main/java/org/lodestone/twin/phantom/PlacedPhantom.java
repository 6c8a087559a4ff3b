package org.lodestone.twin.phantom;

import java.util.List;

/**
 * A phantom moved and turned in the bore: device point p maps to the phantom's own point
 * R⁻¹(p − offset), R = Rz·Ry·Rx with angles in degrees.
 */
public final class PlacedPhantom implements Phantom {
    private final Phantom inner;
    private final double[] offset;
    private final double[] rotationDeg;
    private final double[] rt; // R transposed, row-major

    public PlacedPhantom(Phantom inner, double[] offsetM, double[] rotationDeg) {
        this.inner = inner;
        this.offset = offsetM.clone();
        this.rotationDeg = rotationDeg.clone();
        double a = Math.toRadians(rotationDeg[0]), b = Math.toRadians(rotationDeg[1]), c = Math.toRadians(rotationDeg[2]);
        double[] rx = {1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)};
        double[] ry = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
        double[] rz = {Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1};
        double[] r = mul(rz, mul(ry, rx));
        rt = new double[] {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
    }

    private static double[] mul(double[] p, double[] q) {
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) o[3 * i + j] += p[3 * i + k] * q[3 * k + j];
        return o;
    }

    @Override
    public Tissue tissueAt(double x, double y, double z) {
        double dx = x - offset[0], dy = y - offset[1], dz = z - offset[2];
        return inner.tissueAt(rt[0] * dx + rt[1] * dy + rt[2] * dz, rt[3] * dx + rt[4] * dy + rt[5] * dz,
                rt[6] * dx + rt[7] * dy + rt[8] * dz);
    }

    @Override
    public double halfExtentM() {
        // a rotated cube needs √3 of its half-size
        boolean turned = rotationDeg[0] != 0 || rotationDeg[1] != 0 || rotationDeg[2] != 0;
        return inner.halfExtentM() * (turned ? Math.sqrt(3) : 1) + Math.max(Math.abs(offset[0]), Math.max(Math.abs(offset[1]), Math.abs(offset[2])));
    }

    @Override
    public List<Tissue> tissues() {
        return inner.tissues();
    }

    @Override
    public String description() {
        return inner.description() + String.format(", offset (%.1f, %.1f, %.1f) mm, rotation (%.1f, %.1f, %.1f)°",
                offset[0] * 1e3, offset[1] * 1e3, offset[2] * 1e3, rotationDeg[0], rotationDeg[1], rotationDeg[2]);
    }

    public double[] offsetM() {
        return offset.clone();
    }

    public double[] rotationDeg() {
        return rotationDeg.clone();
    }

    /** The named phantom of the command line: head, geometry or uniform. */
    public static Phantom named(String name) {
        return switch (name) {
            case "head" -> EllipsoidPhantom.head();
            case "geometry" -> new GeometryPhantom();
            case "uniform" -> EllipsoidPhantom.uniform(0.085);
            default -> throw new IllegalArgumentException("unknown phantom '" + name + "' (head, geometry or uniform)");
        };
    }
}
