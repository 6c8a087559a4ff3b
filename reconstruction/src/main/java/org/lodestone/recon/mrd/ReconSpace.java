package org.lodestone.recon.mrd;

/**
 * The {@code reconSpace} of the first ISMRMRD encoding: the matrix and field of view the image should have.
 * It differs from the encoded space when the readout is oversampled (encoded x = 2 × recon x is common).
 */
public record ReconSpace(int matrixX, int matrixY, int matrixZ, double fovXmm, double fovYmm, double fovZmm) {

    public ReconSpace {
        if (matrixX < 1 || matrixY < 1 || matrixZ < 1) {
            throw new IllegalArgumentException("recon matrix must be positive: " + matrixX + "×" + matrixY + "×"
                    + matrixZ);
        }
    }
}
