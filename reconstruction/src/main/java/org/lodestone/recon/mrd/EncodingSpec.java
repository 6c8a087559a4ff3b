package org.lodestone.recon.mrd;

/**
 * The parts of an ISMRMRD XML header that a Cartesian reconstruction needs. Limits are the ISMRMRD
 * {@code encodingLimits/…/maximum} values (inclusive, 0-based), e.g. {@code encodeStep1Max = 127} for 128
 * phase-encode lines. Unknown frequencies/field are {@code NaN}, unknown strings are empty.
 */
public record EncodingSpec(int matrixX, int matrixY, int matrixZ,
                           double fovXmm, double fovYmm, double fovZmm,
                           int encodeStep1Max, int encodeStep2Max,
                           int sliceMax, int averageMax, int contrastMax,
                           int receiverChannels,
                           double larmorHz, double fieldTesla,
                           String protocolName, String systemModel) {

    public EncodingSpec {
        positive("matrixX", matrixX);
        positive("matrixY", matrixY);
        positive("matrixZ", matrixZ);
        positive("receiverChannels", receiverChannels);
        for (int limit : new int[] {encodeStep1Max, encodeStep2Max, sliceMax, averageMax, contrastMax}) {
            EncodingCounters.checkU16("encoding limit", limit);
        }
        protocolName = protocolName == null ? "" : protocolName;
        systemModel = systemModel == null ? "" : systemModel;
    }

    /** A single-slice, single-average 2D Cartesian spec with {@code matrixY} phase-encode lines. */
    public static EncodingSpec cartesian2D(int matrixX, int matrixY, double fovXmm, double fovYmm,
                                           double sliceThicknessMm, int receiverChannels, double larmorHz,
                                           double fieldTesla) {
        return new EncodingSpec(matrixX, matrixY, 1, fovXmm, fovYmm, sliceThicknessMm, matrixY - 1, 0, 0, 0, 0,
                receiverChannels, larmorHz, fieldTesla, "", "");
    }

    public int phaseEncodeLines() {
        return encodeStep1Max + 1;
    }

    public int slices() {
        return sliceMax + 1;
    }

    public int averages() {
        return averageMax + 1;
    }

    public int contrasts() {
        return contrastMax + 1;
    }

    private static void positive(String name, int v) {
        if (v < 1 || v > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be in 1..65535, got " + v);
        }
    }
}
