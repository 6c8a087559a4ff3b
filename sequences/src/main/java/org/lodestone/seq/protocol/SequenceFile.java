package org.lodestone.seq.protocol;

import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.pulseq.PulseqFile;
import org.lodestone.seq.pulseq.PulseqFormatException;
import org.lodestone.seq.pulseq.PulseqReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sequence brought as a Pulseq file, made ready to scan: the image grid comes from the file's
 * FOV definition and from the MRD counters its labels put on the ADCs (Cartesian data only).
 */
public final class SequenceFile {
    private SequenceFile() {
    }

    public static BuiltProtocol load(Path file) throws IOException, ParameterException {
        PulseqFile pf;
        try {
            pf = PulseqReader.read(file);
        } catch (PulseqFormatException e) {
            throw new ParameterException(null, e.getMessage());
        }
        return fromSequence(pf.sequence(), file.getFileName().toString());
    }

    static BuiltProtocol fromSequence(Sequence seq, String name) throws ParameterException {
        int samples = 0, lines = 0, partitions = 0, slices = 0, averages = 0, adcs = 0;
        for (Block b : seq.blocks()) {
            Adc a = b.adc();
            if (a == null) continue;
            adcs++;
            samples = Math.max(samples, a.samples());
            lines = Math.max(lines, a.counters().line() + 1);
            partitions = Math.max(partitions, a.counters().partition() + 1);
            slices = Math.max(slices, a.counters().slice() + 1);
            averages = Math.max(averages, a.counters().average() + 1);
        }
        if (adcs == 0) throw new ParameterException(null, name + " has no ADC events: there is nothing to acquire");
        double[] fov = fovMm(seq);
        ScanGeometry g = new ScanGeometry(samples, lines, slices, fov[0], fov[1], fov[2], new double[3],
                new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1}, averages);
        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("scan_time_s", seq.duration());
        derived.put("adc_count", (double) adcs);
        derived.put("partitions", (double) partitions);
        return new BuiltProtocol(name, seq, g, adcs, Map.of(), derived);
    }

    /** FOV in mm from the [DEFINITIONS] "FOV" entry (metres in Pulseq); 0 where absent. */
    private static double[] fovMm(Sequence seq) {
        double[] out = new double[3];
        String fov = seq.definitions().get("FOV");
        if (fov == null) return out;
        String[] parts = fov.trim().split("\\s+");
        for (int i = 0; i < Math.min(3, parts.length); i++) {
            try {
                out[i] = Double.parseDouble(parts[i]) * 1e3;
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }
}
