package org.lodestone.twin.physics;

import org.lodestone.twin.truth.TruthVolume;

/** The truth of a multi-sheet scan: each sheet's image as one slice of a volume, in slice-counter order. */
final class TruthStack {
    private TruthStack() {
    }

    /**
     * Stacks the slices (index = slice counter; missing ones stay zero). The volume takes the first slice's
     * in-plane geometry; parallel slices also give the spacing and direction between them (a localizer's
     * planes are not parallel: its images carry the first plane's geometry too).
     */
    static TruthVolume of(TruthVolume[] bySlice) {
        TruthVolume first = null;
        for (TruthVolume t : bySlice) if (first == null && t != null) first = t;
        if (first == null) return null;
        int nz = bySlice.length, plane = first.nx() * first.ny();
        float[] data = new float[plane * nz];
        for (int z = 0; z < nz; z++) {
            TruthVolume t = bySlice[z];
            if (t == null) continue;
            if (t.nx() != first.nx() || t.ny() != first.ny()) return first; // not one grid: the first slice alone
            System.arraycopy(t.data(), 0, data, z * plane, plane);
        }
        double dz = first.dzMm();
        double[] sliceDir = first.sliceDir();
        if (nz > 1 && bySlice[0] != null && bySlice[1] != null && parallel(bySlice[0].sliceDir(), bySlice[1].sliceDir())) {
            double[] a = bySlice[0].positionLps(), b = bySlice[1].positionLps();
            double[] d = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
            double len = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            if (len > 1e-6) {
                dz = len;
                sliceDir = new double[] {d[0] / len, d[1] / len, d[2] / len};
            }
        }
        TruthVolume base = bySlice[0] != null ? bySlice[0] : first;
        return new TruthVolume(first.nx(), first.ny(), nz, data, first.dxMm(), first.dyMm(), dz, base.positionLps(),
                base.readDir(), base.phaseDir(), sliceDir);
    }

    private static boolean parallel(double[] a, double[] b) {
        return Math.abs(Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) - 1) < 1e-9;
    }
}
