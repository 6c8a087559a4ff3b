package org.lodestone.recon.emi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;

/**
 * Finds EMI reference antennas in imaging data: an imaging coil sees the object, so its k-space power is
 * concentrated at the centre (echo, central lines); a reference antenna sees only interference and noise,
 * whose power is spread evenly over k-space. Used when the receiver configuration does not say which
 * channels are references (the wire protocol's CAPABILITIES carries only a channel count).
 */
public final class ReferenceChannelDetector {
    /** Centre-to-mean power ratio at or below which a channel counts as "sees no object". */
    public static final double REFERENCE_MAX_RATIO = 1.5;
    /** ... and at least one channel must clearly see the object, or nothing is decided (empty magnet, noise scan). */
    public static final double IMAGING_MIN_RATIO = 4.0;

    private ReferenceChannelDetector() {
    }

    /** Per channel, mean power in the central eighth of lines × samples over the mean power of all samples. */
    public static double[] centreToMeanPower(List<Acquisition> readouts) {
        List<Acquisition> imaging = readouts.stream()
                .filter(a -> !a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)).toList();
        if (imaging.isEmpty()) return new double[0];
        int nc = imaging.getFirst().header().activeChannels();
        int minLine = Integer.MAX_VALUE;
        int maxLine = Integer.MIN_VALUE;
        for (Acquisition a : imaging) {
            minLine = Math.min(minLine, a.header().idx().kspaceEncodeStep1());
            maxLine = Math.max(maxLine, a.header().idx().kspaceEncodeStep1());
        }
        double centreLine = (minLine + maxLine) / 2.0;
        double halfLines = Math.max(1, (maxLine - minLine + 1) / 16.0);
        double[] centre = new double[nc];
        double[] all = new double[nc];
        long nCentre = 0;
        long nAll = 0;
        for (Acquisition a : imaging) {
            if (a.header().activeChannels() != nc) continue;
            int ns = a.header().numberOfSamples();
            boolean centralLine = Math.abs(a.header().idx().kspaceEncodeStep1() - centreLine) <= halfLines;
            int c0 = a.header().centerSample() > 0 ? a.header().centerSample() : ns / 2;
            int half = Math.max(1, ns / 16);
            for (int t = 0; t < ns; t++) {
                boolean central = centralLine && Math.abs(t - c0) <= half;
                for (int c = 0; c < nc; c++) {
                    double p = a.re(c, t) * (double) a.re(c, t) + a.im(c, t) * (double) a.im(c, t);
                    all[c] += p;
                    if (central) centre[c] += p;
                }
                if (central) nCentre++;
                nAll++;
            }
        }
        double[] ratio = new double[nc];
        for (int c = 0; c < nc; c++) {
            ratio[c] = nCentre == 0 || all[c] == 0 ? 1 : (centre[c] / nCentre) / (all[c] / nAll);
        }
        return ratio;
    }

    /** The reference channels, if some channels clearly see the object and others clearly do not. */
    public static Optional<EmiChannels> detect(List<Acquisition> readouts) {
        double[] ratio = centreToMeanPower(readouts);
        List<Integer> img = new ArrayList<>();
        List<Integer> ref = new ArrayList<>();
        boolean objectSeen = false;
        for (int c = 0; c < ratio.length; c++) {
            if (ratio[c] <= REFERENCE_MAX_RATIO) {
                ref.add(c);
            } else {
                img.add(c);
                objectSeen |= ratio[c] >= IMAGING_MIN_RATIO;
            }
        }
        if (!objectSeen || ref.isEmpty()) return Optional.empty();
        return Optional.of(new EmiChannels(img.stream().mapToInt(Integer::intValue).toArray(),
                ref.stream().mapToInt(Integer::intValue).toArray()));
    }
}
