package org.lodestone.recon.preprocess;

import org.jtransforms.fft.FloatFFT_1D;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.AcquisitionHeader;

/**
 * Removes readout oversampling: per channel a centred inverse FFT along the readout, keep the central
 * {@code reconSamples} (offset {@code (encoded − recon) / 2}, as ISMRMRD and Gadgetron crop), forward FFT back.
 *
 * <p>Scaling: inverse scaled by 1/encoded, forward unscaled, so a later centred inverse FFT scaled by 1/recon
 * gives exactly the central columns of the image a full-width reconstruction (scaled 1/encoded) would give.
 * Readouts whose length is not {@code encodedSamples} (e.g. noise scans of another length) pass unchanged.
 * Not thread-safe (holds FFT plans and a scratch buffer); use one instance per thread.
 */
public final class ReadoutOversamplingRemoval implements AcquisitionStep {

    private final int encodedSamples;
    private final int reconSamples;
    private final FloatFFT_1D encodedFft;
    private final FloatFFT_1D reconFft;
    private final float[] scratch;

    public ReadoutOversamplingRemoval(int encodedSamples, int reconSamples) {
        if (reconSamples < 1 || reconSamples > encodedSamples) {
            throw new IllegalArgumentException("recon samples " + reconSamples + " must be in 1.." + encodedSamples);
        }
        this.encodedSamples = encodedSamples;
        this.reconSamples = reconSamples;
        this.encodedFft = new FloatFFT_1D(encodedSamples);
        this.reconFft = new FloatFFT_1D(reconSamples);
        this.scratch = new float[2 * encodedSamples];
    }

    @Override
    public Acquisition apply(Acquisition a) {
        AcquisitionHeader h = a.header();
        if (h.numberOfSamples() != encodedSamples || reconSamples == encodedSamples
                || h.isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)) {
            return a;
        }
        int channels = h.activeChannels();
        float[] in = a.data();
        float[] out = new float[2 * channels * reconSamples];
        int offset = (encodedSamples - reconSamples) / 2;
        float[] cropped = new float[2 * reconSamples];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(in, 2 * c * encodedSamples, scratch, 0, 2 * encodedSamples);
            centred(encodedFft, scratch, encodedSamples, false);
            System.arraycopy(scratch, 2 * offset, cropped, 0, 2 * reconSamples);
            centred(reconFft, cropped, reconSamples, true);
            System.arraycopy(cropped, 0, out, 2 * c * reconSamples, 2 * reconSamples);
        }
        int centre = (int) Math.round((double) h.centerSample() * reconSamples / encodedSamples);
        // Trajectories of an oversampled Cartesian readout are not meaningful after cropping; drop them.
        AcquisitionHeader cropped2 = h.toBuilder().numberOfSamples(reconSamples).centerSample(centre)
                .discardPre(0).discardPost(0).trajectoryDimensions(0).build();
        return new Acquisition(cropped2, null, out);
    }

    /** Centred 1D FFT (fftshift∘FFT∘ifftshift) in place via shifted copies; n need not be even. */
    private static void centred(FloatFFT_1D plan, float[] a, int n, boolean forward) {
        float[] t = new float[2 * n];
        int s = n - n / 2; // ifftshift
        for (int i = 0; i < n; i++) {
            int d = (i + s) % n;
            t[2 * d] = a[2 * i];
            t[2 * d + 1] = a[2 * i + 1];
        }
        if (forward) {
            plan.complexForward(t);
        } else {
            plan.complexInverse(t, true);
        }
        int f = n / 2; // fftshift
        for (int i = 0; i < n; i++) {
            int d = (i + f) % n;
            a[2 * d] = t[2 * i];
            a[2 * d + 1] = t[2 * i + 1];
        }
    }
}
