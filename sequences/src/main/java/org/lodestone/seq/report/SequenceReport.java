package org.lodestone.seq.report;

import org.lodestone.seq.limits.LimitCheck;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.limits.Violation;
import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Physics;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code seq check} prints: timing, event counts, per-axis gradient peaks and slews, RF peak and
 * duty cycle, ADC count and dwell, k-space extent, and the sequence's violations of a unit's limits.
 *
 * @param kExtent per axis, max |k| (1/m) over all ADC samples; k is reset at each excitation's centre
 *                and negated at each refocusing pulse's centre (an undefined use counts as excitation
 *                below 90.01°, as refocusing above)
 */
public record SequenceReport(String name, double durationSeconds, int blocks, int rfEvents, int[] gradientEvents,
                             int adcEvents, double[] peakGradientMTPerM, double[] peakSlewTPerMPerS, double peakB1MicroT,
                             double rfDutyCycle, double minDwellUs, double maxDwellUs, long adcSamples,
                             double[] kExtent, double sarWPerKg, String profile, List<Violation> violations) {

    public boolean withinLimits() {
        return violations.isEmpty();
    }

    public static SequenceReport of(Sequence seq, UnitProfile unit) {
        int rf = 0, adc = 0;
        int[] grads = new int[3];
        double[] peak = new double[3], slew = new double[3], kMax = new double[3], k = new double[3];
        double b1 = 0, rfTime = 0, minDwell = Double.POSITIVE_INFINITY, maxDwell = 0;
        long samples = 0;
        for (Block b : seq.blocks()) {
            for (int a = 0; a < 3; a++) {
                Gradient g = b.gradient(a);
                if (g == null) continue;
                grads[a]++;
                peak[a] = Math.max(peak[a], g.peak());
                slew[a] = Math.max(slew[a], g.maxSlew());
            }
            if (b.rf() != null) {
                rf++;
                b1 = Math.max(b1, b.rf().peakB1Tesla());
                rfTime += b.rf().duration();
            }
            if (b.adc() != null) {
                adc++;
                minDwell = Math.min(minDwell, b.adc().dwell());
                maxDwell = Math.max(maxDwell, b.adc().dwell());
                samples += b.adc().samples();
            }
            trackK(b, k, kMax);
        }
        double[] mt = new double[3], ts = new double[3];
        for (int a = 0; a < 3; a++) {
            mt[a] = Physics.hzPerMToMTPerM(peak[a]);
            ts[a] = Physics.hzPerMToMTPerM(slew[a]) / 1e3;
        }
        double duration = seq.duration();
        return new SequenceReport(seq.name(), duration, seq.blocks().size(), rf, grads, adc, mt, ts, b1 * 1e6,
                duration > 0 ? rfTime / duration : 0, adc > 0 ? minDwell * 1e6 : 0, maxDwell * 1e6, samples, kMax,
                LimitCheck.wholeBodySar(seq, unit)[0], unit.model(), LimitCheck.check(seq, unit));
    }

    /** Advances k through one block, recording |k| at the ADC samples. */
    private static void trackK(Block b, double[] k, double[] kMax) {
        List<Double> events = new ArrayList<>();
        Rf rf = b.rf();
        double rfCentre = rf == null ? -1 : rf.delay() + rf.effectiveCenter();
        Adc adc = b.adc();
        double from = 0;
        if (rf != null) {
            for (int a = 0; a < 3; a++) k[a] += area(b.gradient(a), from, rfCentre);
            boolean excitation = switch (rf.use()) {
                case EXCITATION -> true;
                case REFOCUSING, INVERSION -> false;
                case UNDEFINED -> rf.flipAngleRad() < Math.toRadians(90.01);
                default -> false;
            };
            if (rf.use() == Rf.Use.REFOCUSING || (rf.use() == Rf.Use.UNDEFINED && !excitation)) {
                for (int a = 0; a < 3; a++) k[a] = -k[a];
            } else if (excitation) {
                k[0] = k[1] = k[2] = 0;
            }
            from = rfCentre;
        }
        if (adc != null) {
            // Samples are many; the trajectory is piecewise quadratic, so the first, centre and last samples and the corners bound it well.
            int n = adc.samples();
            int step = Math.max(1, n / 64);
            double[] base = k.clone();
            for (int s = 0; s < n; s += step) events.add(adc.delay() + (s + 0.5) * adc.dwell());
            events.add(adc.delay() + (n - 0.5) * adc.dwell());
            for (double t : events) {
                if (t < from) continue;
                for (int a = 0; a < 3; a++) kMax[a] = Math.max(kMax[a], Math.abs(base[a] + area(b.gradient(a), from, t)));
            }
        }
        for (int a = 0; a < 3; a++) k[a] += area(b.gradient(a), from, b.duration());
    }

    private static double area(Gradient g, double from, double to) {
        if (g == null || to <= from) return 0;
        var w = g.waveform();
        return w.areaUntil(to) - w.areaUntil(from);
    }

    /** Violations grouped by limit: the first few of each, and how many in all. */
    public Map<String, List<Violation>> violationsByLimit() {
        Map<String, List<Violation>> m = new LinkedHashMap<>();
        for (Violation v : violations) m.computeIfAbsent(v.limit(), x -> new ArrayList<>()).add(v);
        return m;
    }

    public String format() {
        StringBuilder sb = new StringBuilder();
        String[] ax = {"x", "y", "z"};
        sb.append(String.format(Locale.ROOT, "Sequence    %s%n", name));
        sb.append(String.format(Locale.ROOT, "Duration    %.3f s, %d blocks%n", durationSeconds, blocks));
        sb.append(String.format(Locale.ROOT, "Events      RF %d, Gx %d, Gy %d, Gz %d, ADC %d%n", rfEvents, gradientEvents[0], gradientEvents[1], gradientEvents[2], adcEvents));
        for (int a = 0; a < 3; a++) {
            sb.append(String.format(Locale.ROOT, "G%s          peak %.3f mT/m, slew %.1f T/m/s%n", ax[a], peakGradientMTPerM[a], peakSlewTPerMPerS[a]));
        }
        sb.append(String.format(Locale.ROOT, "RF          peak %.3f µT, duty cycle %.3f %%, est. whole-body SAR %.4f W/kg%n", peakB1MicroT, rfDutyCycle * 100, sarWPerKg));
        sb.append(String.format(Locale.ROOT, "ADC         %d windows, %d samples, dwell %.3f–%.3f µs%n", adcEvents, adcSamples, minDwellUs, maxDwellUs));
        sb.append(String.format(Locale.ROOT, "k-space     |kx| ≤ %.1f, |ky| ≤ %.1f, |kz| ≤ %.1f 1/m%n", kExtent[0], kExtent[1], kExtent[2]));
        sb.append("Limits      ").append(profile).append('\n');
        if (violations.isEmpty()) {
            sb.append("            within limits\n");
        } else {
            for (var e : violationsByLimit().entrySet()) {
                List<Violation> vs = e.getValue();
                for (Violation v : vs.subList(0, Math.min(3, vs.size()))) sb.append("  ").append(v).append('\n');
                if (vs.size() > 3) sb.append(String.format("  … %s: %d blocks in all%n", e.getKey(), vs.size()));
            }
            sb.append(String.format("%d violation(s)%n", violations.size()));
        }
        return sb.toString();
    }
}
