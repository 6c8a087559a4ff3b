package org.lodestone.console.planning;

/** A point or direction in patient coordinates (LPS, mm). */
public record Vec3(double x, double y, double z) {
    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public static Vec3 of(double[] v) {
        return new Vec3(v[0], v[1], v[2]);
    }

    public static Vec3 of(float[] v) {
        return new Vec3(v[0], v[1], v[2]);
    }

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double norm() {
        return Math.sqrt(dot(this));
    }

    public Vec3 unit() {
        double n = norm();
        if (n == 0) throw new IllegalArgumentException("a zero vector has no direction");
        return times(1 / n);
    }

    /** This vector rotated by {@code radians} about the unit {@code axis} (right-handed, Rodrigues). */
    public Vec3 rotatedAbout(Vec3 axis, double radians) {
        double c = Math.cos(radians), s = Math.sin(radians);
        return times(c).plus(axis.cross(this).times(s)).plus(axis.times(axis.dot(this) * (1 - c)));
    }

    public double[] toArray() {
        return new double[] {x, y, z};
    }
}
