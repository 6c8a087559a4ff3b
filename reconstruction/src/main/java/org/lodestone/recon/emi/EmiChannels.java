package org.lodestone.recon.emi;

import java.util.Arrays;

/**
 * Which channels of an {@link org.lodestone.recon.mrd.Acquisition} are imaging coils and which are EMI
 * reference antennas (pick-up coils away from the sample that see interference but no MR signal). The
 * receiver configuration, not the raw file, knows this; the console passes it with the scan (the twin will
 * set it the same way), indices are 0-based positions in the acquisition's channel-major data.
 */
public record EmiChannels(int[] imaging, int[] reference) {

    public EmiChannels {
        imaging = imaging.clone();
        reference = reference.clone();
        if (imaging.length == 0 || reference.length == 0) {
            throw new IllegalArgumentException("need at least one imaging and one reference channel");
        }
        for (int r : reference) {
            if (Arrays.stream(imaging).anyMatch(i -> i == r)) {
                throw new IllegalArgumentException("channel " + r + " is both imaging and reference");
            }
        }
    }

    @Override
    public int[] imaging() {
        return imaging.clone();
    }

    @Override
    public int[] reference() {
        return reference.clone();
    }

    /** The usual layout: imaging channels first, then {@code references} reference channels at the end. */
    public static EmiChannels lastAreReference(int totalChannels, int references) {
        int[] img = new int[totalChannels - references];
        int[] ref = new int[references];
        for (int c = 0; c < totalChannels; c++) {
            if (c < img.length) {
                img[c] = c;
            } else {
                ref[c - img.length] = c;
            }
        }
        return new EmiChannels(img, ref);
    }
}
