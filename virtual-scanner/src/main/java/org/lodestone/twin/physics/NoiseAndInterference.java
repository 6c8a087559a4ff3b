package org.lodestone.twin.physics;

import org.lodestone.hw.program.AdcWindow;

import java.util.SplittableRandom;

/**
 * What the receive chain adds to the spins' signal: thermal noise, the interference picked up from the
 * room (carriers and broadband, with a reference antenna as the last channel when EMI is on), and the
 * 24-bit ADC. All seeded by (seed, scan, ADC index) alone: re-simulating a line gives the same data.
 */
final class NoiseAndInterference {
    private static final double TWO_PI = 2 * Math.PI;

    private final ScannerModel model;
    private final long scanIndex;

    NoiseAndInterference(ScannerModel model, long scanIndex) {
        this.model = model;
        this.scanIndex = scanIndex;
    }

    /**
     * The interference source at each sample, demodulated at the set frequency (complex, interleaved):
     * carriers at absolute frequencies with phases continuous in twin time, plus broadband noise; null without EMI.
     */
    double[] interference(AdcWindow adc, int adcIndex, double windowStartTwinS, double setFrequencyHz) {
        EmiConfig e = model.emi();
        if (e == null) return null;
        int ns = adc.samples();
        double dwell = adc.dwellNs() * 1e-9;
        double[] out = new double[2 * ns];
        double nominal = model.hidden().nominalLarmorHz();
        for (EmiConfig.Carrier car : e.carriers()) {
            double fb = nominal + car.offsetFromNominalHz() - setFrequencyHz;
            for (int k = 0; k < ns; k++) {
                double t = windowStartTwinS + (k + 0.5) * dwell;
                double ph = car.phaseRad() + TWO_PI * Math.IEEEremainder(fb * t, 1.0);
                out[2 * k] += car.amplitude() * Math.cos(ph);
                out[2 * k + 1] += car.amplitude() * Math.sin(ph);
            }
        }
        double sb = e.broadbandStdAt10us() * Math.sqrt(10e-6 / dwell);
        if (sb > 0) {
            SplittableRandom rng = new SplittableRandom(ScanSimulation.mix(model.hidden().seed() ^ 0xE1E1E1E1L, scanIndex, adcIndex));
            for (int j = 0; j < out.length; j++) out[j] += sb * rng.nextGaussian();
        }
        return out;
    }

    /**
     * Receiver noise (after the gain) and the ADC's quantisation, in place. {@code data} is channel-major
     * (2 × samples floats per channel); the coils' noise is correlated through {@link CoilArray#noiseMix},
     * a channel beyond the coils (the reference antenna) has its own.
     */
    void addNoiseAndDigitise(float[] data, int channels, double dwellS, double gain, int adcIndex) {
        double sigma = model.noiseStd(dwellS);
        if (sigma > 0) {
            SplittableRandom rng = new SplittableRandom(ScanSimulation.mix(model.hidden().seed(), scanIndex, adcIndex));
            double sg = sigma * gain;
            double[] z = new double[data.length];
            for (int j = 0; j < z.length; j++) z[j] = rng.nextGaussian();
            double[][] mix = model.coils().noiseMix();
            int perChannel = data.length / channels;
            for (int c = 0; c < channels; c++) {
                for (int j = 0; j < perChannel; j++) {
                    double v;
                    if (c < mix.length) {
                        v = 0;
                        for (int q = 0; q <= c; q++) v += mix[c][q] * z[q * perChannel + j];
                    } else {
                        v = z[c * perChannel + j];
                    }
                    data[c * perChannel + j] += (float) (sg * v);
                }
            }
        }
        for (int j = 0; j < data.length; j++) data[j] = quantise(data[j]);
    }

    /** The ADC ({@link ScannerModel#ADC_BITS} bits) with 1 signal unit per LSB at 0 dB: round to the nearest code, clip at full scale. */
    static float quantise(float v) {
        double q = Math.rint(v / ScannerModel.ADC_LSB);
        if (q > ScannerModel.ADC_MAX_CODE) q = ScannerModel.ADC_MAX_CODE;
        if (q < -ScannerModel.ADC_MAX_CODE - 1) q = -ScannerModel.ADC_MAX_CODE - 1;
        return (float) (q * ScannerModel.ADC_LSB);
    }
}
