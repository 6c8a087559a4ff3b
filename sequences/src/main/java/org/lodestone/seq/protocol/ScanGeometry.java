package org.lodestone.seq.protocol;

/**
 * The image grid a protocol encodes, for the raw-data header and the image's geometry:
 * matrix, field of view, slice, and the patient-coordinate (LPS) position and directions.
 */
public record ScanGeometry(int readoutSamples, int phaseEncodes, int slices, double fovReadMm, double fovPhaseMm,
                           double sliceThicknessMm, double[] positionLps, double[] readDir, double[] phaseDir,
                           double[] sliceDir, int averages) {

    public static ScanGeometry axial(int nRead, int nPhase, double fovRead, double fovPhase, double thickness,
                                     double slicePosMm, int averages) {
        return new ScanGeometry(nRead, nPhase, 1, fovRead, fovPhase, thickness, new double[] {0, 0, slicePosMm},
                new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1}, averages);
    }
}
