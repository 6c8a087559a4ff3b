package org.lodestone.seq.protocol;

import org.lodestone.seq.geometry.SliceOrientation;

import java.util.ArrayList;
import java.util.List;

/**
 * The image grid a protocol encodes, for the raw-data header and the image's geometry:
 * matrix, field of view, slice, and the patient-coordinate (LPS) position and directions.
 * {@code planes} gives each slice index its own centre and directions (multi-slice stacks, oblique
 * and three-plane scans); when empty, every slice has the record's position and directions.
 */
public record ScanGeometry(int readoutSamples, int phaseEncodes, int slices, double fovReadMm, double fovPhaseMm,
                           double sliceThicknessMm, double[] positionLps, double[] readDir, double[] phaseDir,
                           double[] sliceDir, int averages, List<SlicePlane> planes) {

    /** One slice's centre (mm, LPS) and its read, phase and slice directions: what the MRD acquisition header carries. */
    public record SlicePlane(double[] positionLps, double[] readDir, double[] phaseDir, double[] sliceDir) {
        public static SlicePlane of(SliceOrientation o, double offsetAlongSliceMm) {
            double[] s = o.slice();
            return new SlicePlane(new double[] {s[0] * offsetAlongSliceMm, s[1] * offsetAlongSliceMm, s[2] * offsetAlongSliceMm},
                    o.read(), o.phase(), o.slice());
        }
    }

    public ScanGeometry {
        planes = planes == null ? List.of() : List.copyOf(planes);
    }

    public ScanGeometry(int readoutSamples, int phaseEncodes, int slices, double fovReadMm, double fovPhaseMm,
                        double sliceThicknessMm, double[] positionLps, double[] readDir, double[] phaseDir,
                        double[] sliceDir, int averages) {
        this(readoutSamples, phaseEncodes, slices, fovReadMm, fovPhaseMm, sliceThicknessMm, positionLps, readDir, phaseDir,
                sliceDir, averages, List.of());
    }

    /** A stack of {@code slices} parallel slices {@code spacingMm} apart around {@code centreMm} along the slice direction. */
    public static ScanGeometry stack(int nRead, int nPhase, int slices, double fovRead, double fovPhase, double thickness,
                                     SliceOrientation o, double centreMm, double spacingMm, int averages) {
        List<SlicePlane> planes = new ArrayList<>();
        for (int i = 0; i < slices; i++) planes.add(SlicePlane.of(o, centreMm + (i - (slices - 1) / 2.0) * spacingMm));
        SlicePlane c = SlicePlane.of(o, centreMm);
        return new ScanGeometry(nRead, nPhase, slices, fovRead, fovPhase, thickness, c.positionLps(), o.read(), o.phase(), o.slice(),
                averages, planes);
    }

    public static ScanGeometry axial(int nRead, int nPhase, double fovRead, double fovPhase, double thickness,
                                     double slicePosMm, int averages) {
        return new ScanGeometry(nRead, nPhase, 1, fovRead, fovPhase, thickness, new double[] {0, 0, slicePosMm},
                new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1}, averages);
    }

    /** Position and directions of slice index {@code slice}, for its acquisitions' MRD headers. */
    public SlicePlane plane(int slice) {
        if (slice >= 0 && slice < planes.size()) return planes.get(slice);
        return new SlicePlane(positionLps, readDir, phaseDir, sliceDir);
    }
}
