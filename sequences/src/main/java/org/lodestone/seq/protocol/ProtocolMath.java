package org.lodestone.seq.protocol;

/** Figures the protocols report alongside their sequences. */
final class ProtocolMath {
    /** se2d defaults: 240 mm, 5 mm, 128², 1 average, 150 Hz/px. */
    private static final double REF_VOXEL = 0.240 / 128 * 0.240 / 128 * 0.005;
    private static final double REF_SAMPLING = 128.0 * 128 * (1.0 / 150 / 128) * 1;

    private ProtocolMath() {
    }

    /**
     * Hardware SNR relative to se2d's defaults: voxel volume × √(total sampling time per image).
     * Relaxation (TR, TE, flip) is not in it: this compares resolution and bandwidth choices.
     */
    static double relativeSnr(double fovRead, double fovPhase, double thicknessOrSlab, int nRead, int nPhase, int nPartitions,
                              int averages, double dwell) {
        double voxel = fovRead / nRead * fovPhase / nPhase * thicknessOrSlab / nPartitions;
        double sampling = (double) nRead * nPhase * nPartitions * averages * dwell;
        return voxel / REF_VOXEL * Math.sqrt(sampling / REF_SAMPLING);
    }
}
