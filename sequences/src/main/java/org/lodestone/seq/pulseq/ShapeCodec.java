package org.lodestone.seq.pulseq;

import java.util.ArrayList;
import java.util.List;

/**
 * Pulseq's shape compression: the derivative, run-length encoded (a value written twice is followed
 * by the number of further repeats). From format 1.4 a shape stored with exactly num_samples values
 * is uncompressed; before 1.4 every shape is compressed.
 */
final class ShapeCodec {
    private ShapeCodec() {
    }

    /** Returns the samples, or null when the packed data do not expand to {@code numSamples}. */
    static double[] decompress(double[] packed, int numSamples, boolean alwaysCompressed) {
        if (!alwaysCompressed && packed.length == numSamples) return packed.clone();
        double[] out = new double[numSamples];
        int o = 0;
        for (int i = 0; i < packed.length; ) {
            if (i + 2 < packed.length && packed[i] == packed[i + 1]) {
                double count = packed[i + 2];
                if (count < 0 || count != Math.rint(count)) return null;
                int rep = (int) count + 2;
                if (o + rep > numSamples) return null;
                for (int k = 0; k < rep; k++) out[o++] = packed[i];
                i += 3;
            } else {
                if (o >= numSamples) return null;
                out[o++] = packed[i++];
            }
        }
        if (o != numSamples) return null;
        for (int i = 1; i < numSamples; i++) out[i] = out[i - 1] + out[i];
        return out;
    }

    /** The text lines of the shape: compressed when that is shorter and decodes to exactly the same doubles. */
    static List<String> encode(double[] samples) {
        List<String> plainLines = new ArrayList<>(samples.length);
        for (double v : samples) plainLines.add(PulseqNumbers.toFile(v, 1));
        if (samples.length <= 4) return plainLines;
        String[] diffs = new String[samples.length];
        double running = 0;
        for (int i = 0; i < samples.length; i++) {
            diffs[i] = i == 0 ? PulseqNumbers.toFile(samples[0], 1) : PulseqNumbers.increment(running, samples[i]);
            if (diffs[i] == null) return plainLines;
            running = i == 0 ? Double.parseDouble(diffs[0]) + 0.0 : running + Double.parseDouble(diffs[i]);
            if (running != samples[i]) return plainLines;
        }
        List<String> packed = new ArrayList<>();
        for (int i = 0; i < diffs.length; ) {
            int j = i;
            while (j + 1 < diffs.length && diffs[j + 1].equals(diffs[i])) j++;
            int run = j - i + 1;
            if (run >= 2) {
                packed.add(diffs[i]);
                packed.add(diffs[i]);
                packed.add(Integer.toString(run - 2));
            } else {
                packed.add(diffs[i]);
            }
            i = j + 1;
        }
        if (packed.size() >= samples.length) return plainLines;
        // The reader expands by comparing parsed doubles: make sure that reproduces the samples bit for bit.
        double[] parsed = new double[packed.size()];
        for (int i = 0; i < parsed.length; i++) parsed[i] = Double.parseDouble(packed.get(i)) + 0.0;
        double[] back = decompress(parsed, samples.length, true);
        if (back == null) return plainLines;
        for (int i = 0; i < samples.length; i++) if (back[i] != samples[i]) return plainLines;
        return packed;
    }
}
