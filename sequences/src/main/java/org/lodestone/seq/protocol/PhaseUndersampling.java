package org.lodestone.seq.protocol;

import org.lodestone.seq.sampling.SamplingMask;
import org.lodestone.seq.sampling.VariableDensityLines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Accelerated 2D imaging, shared by se2d, gre2d, tse2d, ir-se and ir-tse: which phase encodes a scan acquires
 * (partial Fourier, then variable-density undersampling around fully sampled calibration lines) and how the
 * scan service reconstructs them. The lines are a pure function of the parameters (fixed seed), and each
 * acquired line carries its own index in the raw data, so the recon knows the mask from the data.
 */
final class PhaseUndersampling {
    /** Seed of the line pattern: one protocol and parameter set, one pattern. */
    static final long MASK_SEED = 5;
    /** The reconstruction choices of an accelerated scan, as {@code recon} numbers them (append only: stored protocols carry the number). */
    static final List<String> RECON = List.of("cs", "sense", "grappa");

    private PhaseUndersampling() {
    }

    /** acceleration, calibration, [partial_fourier], recon. */
    static List<ParameterSpec> parameters(boolean withPartialFourier) {
        List<ParameterSpec> p = new ArrayList<>();
        p.add(new ParameterSpec("acceleration", "Acceleration", "×", 1, 1, 8, false,
                "variable-density undersampling of the phase encodes (1 = all lines)"));
        p.add(new ParameterSpec("calibration", "Calibration lines", "", 24, 8, 64, true,
                "fully sampled centre lines of an accelerated scan (coil maps)"));
        if (withPartialFourier) {
            p.add(new ParameterSpec("partial_fourier", "Partial Fourier", "", 1, 0.55, 1, false, "fraction of phase encodes acquired"));
        }
        p.add(ParameterSpec.choice("recon", "Reconstruction", 0,
                "accelerated scans: cs = l1-wavelet SENSE (compressed sensing), sense = SENSE alone, grappa = missing lines filled from the other coils", RECON.toArray(String[]::new)));
        return p;
    }

    /**
     * The phase-encode lines to acquire, ascending.
     * @param trainLength lines per echo train: an accelerated TSE acquires whole trains (the line count is
     *                    rounded to the nearest multiple), 1 for one line per excitation
     * @throws ParameterException when the calibration lines alone exceed what the acceleration leaves
     */
    static int[] lines(ParameterValues p, int n, int trainLength) throws ParameterException {
        int first = SamplingMask.partialFourierFirstLine(n, p.get("partial_fourier"));
        int kept = n - first;
        double acceleration = p.get("acceleration");
        if (acceleration == 1) {
            int[] all = new int[kept];
            for (int i = 0; i < kept; i++) all[i] = first + i;
            return all;
        }
        int count = (int) Math.round(kept / acceleration);
        if (trainLength > 1) count = Math.max(trainLength, (int) Math.round((double) count / trainLength) * trainLength);
        count = Math.min(count, kept);
        int calibration = Math.min(p.integer("calibration"), n);
        if (calibration > count) {
            throw new ParameterException("calibration", String.format("%d calibration lines are more than the %d lines acceleration %s leaves of %d; "
                    + "lower the calibration or the acceleration", calibration, count, ParameterSpec.fmt(acceleration), kept));
        }
        return VariableDensityLines.lines(VariableDensityLines.draw(n, first, count, calibration, MASK_SEED));
    }

    /** acceleration_actual (phase encodes of the grid per line acquired) and lines_per_slice. */
    static void derived(Map<String, Double> derived, int n, int[] lines) {
        derived.put("acceleration_actual", (double) n / lines.length);
        derived.put("lines_per_slice", (double) lines.length);
    }
}
