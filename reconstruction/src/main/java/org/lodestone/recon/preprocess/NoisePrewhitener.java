package org.lodestone.recon.preprocess;

import java.util.List;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;

/**
 * Channel noise decorrelation ("prewhitening"). From noise-only readouts the complex channel covariance
 * {@code Ψ = E[n nᴴ]} (per complex sample, mean not removed — receiver noise is zero-mean) is factored as
 * {@code Ψ = L Lᴴ}; every readout is then multiplied by {@code W = L⁻¹}, so whitened noise has identity
 * covariance: unit variance per complex sample and channel, no correlation. The same bandwidth is assumed
 * for noise and imaging readouts (true for the ISMRMRD generator and the Lodestone twin); noise readouts
 * themselves are passed through unwhitened so they stay available as a record.
 *
 * @param channels  number of channels
 * @param whitening {@code W} row-major, interleaved complex, lower triangular ({@code 2·channels²} floats)
 */
public record NoisePrewhitener(int channels, double[] whitening) implements AcquisitionStep {

    public NoisePrewhitener {
        if (whitening.length != 2 * channels * channels) {
            throw new IllegalArgumentException("whitening matrix needs " + 2 * channels * channels + " values");
        }
        whitening = whitening.clone();
    }

    @Override
    public double[] whitening() {
        return whitening.clone();
    }

    /** Builds the whitener from every readout flagged {@code IS_NOISE_MEASUREMENT} in {@code readouts}. */
    public static NoisePrewhitener fromNoise(List<Acquisition> readouts) {
        List<Acquisition> noise = readouts.stream()
                .filter(a -> a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)).toList();
        if (noise.isEmpty()) {
            throw new IllegalArgumentException("no noise readouts (IS_NOISE_MEASUREMENT) to estimate the noise "
                    + "covariance from");
        }
        int ch = noise.getFirst().header().activeChannels();
        double[] cov = new double[2 * ch * ch];
        long count = 0;
        for (Acquisition a : noise) {
            if (a.header().activeChannels() != ch) {
                throw new IllegalArgumentException("noise readouts disagree on channel count: " + ch + " vs "
                        + a.header().activeChannels());
            }
            int ns = a.header().numberOfSamples();
            float[] d = a.data();
            for (int s = 0; s < ns; s++) {
                for (int i = 0; i < ch; i++) {
                    double ar = d[2 * (i * ns + s)];
                    double ai = d[2 * (i * ns + s) + 1];
                    for (int j = 0; j <= i; j++) {
                        double br = d[2 * (j * ns + s)];
                        double bi = d[2 * (j * ns + s) + 1];
                        // a · conj(b)
                        cov[2 * (i * ch + j)] += ar * br + ai * bi;
                        cov[2 * (i * ch + j) + 1] += ai * br - ar * bi;
                    }
                }
            }
            count += ns;
        }
        for (int i = 0; i < ch; i++) {
            for (int j = 0; j <= i; j++) {
                cov[2 * (i * ch + j)] /= count;
                cov[2 * (i * ch + j) + 1] /= count;
            }
        }
        return new NoisePrewhitener(ch, invertLower(cholesky(cov, ch), ch));
    }

    /** Complex Cholesky of the Hermitian matrix whose lower triangle is given: returns lower L with Ψ = L Lᴴ. */
    public static double[] cholesky(double[] a, int n) {
        double[] l = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sr = a[2 * (i * n + j)];
                double si = a[2 * (i * n + j) + 1];
                for (int k = 0; k < j; k++) {
                    // s -= L[i][k] · conj(L[j][k])
                    double xr = l[2 * (i * n + k)];
                    double xi = l[2 * (i * n + k) + 1];
                    double yr = l[2 * (j * n + k)];
                    double yi = l[2 * (j * n + k) + 1];
                    sr -= xr * yr + xi * yi;
                    si -= xi * yr - xr * yi;
                }
                if (i == j) {
                    if (!(sr > 0)) {
                        throw new IllegalArgumentException("noise covariance is not positive definite (channel " + i
                                + " has no independent noise); check for dead or duplicated channels");
                    }
                    l[2 * (i * n + i)] = Math.sqrt(sr);
                } else {
                    double d = l[2 * (j * n + j)];
                    l[2 * (i * n + j)] = sr / d;
                    l[2 * (i * n + j) + 1] = si / d;
                }
            }
        }
        return l;
    }

    /** Inverse of a lower-triangular complex matrix by forward substitution (result is lower triangular). */
    public static double[] invertLower(double[] l, int n) {
        double[] inv = new double[2 * n * n];
        for (int col = 0; col < n; col++) {
            for (int i = col; i < n; i++) {
                double sr = i == col ? 1 : 0;
                double si = 0;
                for (int k = col; k < i; k++) {
                    double xr = l[2 * (i * n + k)];
                    double xi = l[2 * (i * n + k) + 1];
                    double yr = inv[2 * (k * n + col)];
                    double yi = inv[2 * (k * n + col) + 1];
                    sr -= xr * yr - xi * yi;
                    si -= xr * yi + xi * yr;
                }
                double d = l[2 * (i * n + i)]; // real diagonal
                inv[2 * (i * n + col)] = sr / d;
                inv[2 * (i * n + col) + 1] = si / d;
            }
        }
        return inv;
    }

    @Override
    public Acquisition apply(Acquisition a) {
        if (a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)) {
            return a;
        }
        if (a.header().activeChannels() != channels) {
            throw new IllegalArgumentException("readout has " + a.header().activeChannels()
                    + " channels, the noise covariance has " + channels);
        }
        int ns = a.header().numberOfSamples();
        float[] d = a.data();
        float[] out = new float[d.length];
        for (int s = 0; s < ns; s++) {
            for (int i = 0; i < channels; i++) {
                double re = 0;
                double im = 0;
                for (int k = 0; k <= i; k++) {
                    double wr = whitening[2 * (i * channels + k)];
                    double wi = whitening[2 * (i * channels + k) + 1];
                    double xr = d[2 * (k * ns + s)];
                    double xi = d[2 * (k * ns + s) + 1];
                    re += wr * xr - wi * xi;
                    im += wr * xi + wi * xr;
                }
                out[2 * (i * ns + s)] = (float) re;
                out[2 * (i * ns + s) + 1] = (float) im;
            }
        }
        return new Acquisition(a.header(), a.trajectory(), out);
    }
}
