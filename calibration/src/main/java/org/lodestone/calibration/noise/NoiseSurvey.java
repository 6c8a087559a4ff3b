package org.lodestone.calibration.noise;

import org.jtransforms.fft.DoubleFFT_1D;
import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Measured;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.seq.protocol.NoiseScan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Noise and EMI survey with RF off: per channel the noise level (std per real/imaginary part) and
 * its ratio to the expected thermal level, the averaged power spectrum, narrowband lines standing
 * out of it, and each channel's coherence with the last channel (the reference antenna on units
 * that have one).
 */
public final class NoiseSurvey {
    /** A line is a bin this many times the median power: white noise averaged over 64 readouts stays under ~1.5. */
    static final double LINE_FACTOR = 8;

    /**
     * @param noiseStd       per channel
     * @param excessDb       per channel: 20·log10(std / expected) where an expected thermal level was given, else NaN
     * @param lines          {channel, offset from carrier Hz, power over median} per EMI line
     * @param coherence      per channel: |⟨x·ref*⟩| / √(⟨|x|²⟩⟨|ref|²⟩) with the last channel
     * @param spectra        per channel (as many as the unit delivers) its mean power spectrum as {offset Hz, power}
     */
    public record Result(Measured[] noiseStd, double[] excessDb, List<double[]> lines, double[] coherence,
                         List<List<double[]>> spectra) {
        public Result {
            spectra = List.copyOf(spectra);
        }

        /** Channel 0's spectrum. */
        public List<double[]> spectrum() {
            return spectra.getFirst();
        }
    }

    private NoiseSurvey() {
    }

    /** @param expectedStd thermal noise std expected for this unit at 20 µs dwell (NaN = unknown: first survey is the baseline) */
    public static Result run(ProgramRunner r, UnitSettings s, double expectedStd) throws CalibrationException {
        s.apply(r);
        int samples = 512;
        var a = r.run(new NoiseScan(), Map.of("samples", (double) samples, "dwell", 20.0, "readouts", 64.0));
        int ch = a.channels(), n = a.lines().size();
        double dwell = a.dwellSeconds();
        Measured[] std = new Measured[ch];
        double[] excess = new double[ch];
        double[][] power = new double[ch][samples];
        List<double[]> lines = new ArrayList<>();
        double[] coh = new double[ch];
        for (int c = 0; c < ch; c++) {
            double sum2 = 0;
            double[] perLine = new double[n];
            for (int l = 0; l < n; l++) {
                float[] x = a.channel(l, c);
                double v = 0;
                for (float f : x) v += f * (double) f;
                perLine[l] = v / x.length;
                sum2 += v;
                double[] buf = new double[2 * samples];
                for (int i = 0; i < 2 * samples; i++) buf[i] = x[i];
                new DoubleFFT_1D(samples).complexForward(buf);
                for (int k = 0; k < samples; k++) power[c][k] += (buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1]) / n;
            }
            double sd = Math.sqrt(sum2 / (2.0 * n * samples));
            double spread = Math.sqrt(Arrays.stream(perLine).map(v -> v * v).average().orElse(0)
                    - Math.pow(Arrays.stream(perLine).average().orElse(0), 2));
            std[c] = new Measured(sd, sd * spread / Math.max(1e-30, Arrays.stream(perLine).average().orElse(1)) / Math.sqrt(n), "");
            excess[c] = expectedStd > 0 ? 20 * Math.log10(sd / expectedStd) : Double.NaN;
            double median = median(power[c]);
            for (int k = 0; k < samples; k++) {
                if (power[c][k] > LINE_FACTOR * median) lines.add(new double[] {c, offsetHz(k, samples, dwell), power[c][k] / median});
            }
        }
        int ref = ch - 1;
        for (int c = 0; c < ch; c++) {
            double re = 0, im = 0, px = 0, py = 0;
            for (int l = 0; l < n; l++) {
                float[] x = a.channel(l, c), y = a.channel(l, ref);
                for (int i = 0; i < samples; i++) {
                    re += x[2 * i] * y[2 * i] + x[2 * i + 1] * y[2 * i + 1];
                    im += x[2 * i + 1] * y[2 * i] - x[2 * i] * y[2 * i + 1];
                    px += x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1];
                    py += y[2 * i] * y[2 * i] + y[2 * i + 1] * y[2 * i + 1];
                }
            }
            coh[c] = px > 0 && py > 0 ? Math.hypot(re, im) / Math.sqrt(px * py) : 0;
        }
        List<List<double[]>> spectra = new ArrayList<>();
        for (int c = 0; c < ch; c++) {
            List<double[]> spectrum = new ArrayList<>();
            for (int k = 0; k < samples; k++) {
                int kk = (k + samples / 2) % samples; // from −B/2 to +B/2
                spectrum.add(new double[] {offsetHz(kk, samples, dwell), power[c][kk]});
            }
            spectra.add(spectrum);
        }
        return new Result(std, excess, lines, coh, spectra);
    }

    private static double offsetHz(int k, int n, double dwell) {
        return (k < n / 2 ? k : k - n) / (n * dwell);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
