package org.lodestone.seq.model;

import java.util.List;
import java.util.Map;

/**
 * A pulse sequence: blocks of RF, gradient and ADC events, in seconds and Pulseq units,
 * with definitions (FOV, name, …) carried along for the raw-data header.
 */
public record Sequence(String name, List<Block> blocks, Map<String, String> definitions) {
    public Sequence {
        blocks = List.copyOf(blocks);
        definitions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(definitions)); // file order kept
    }

    public double duration() {
        double t = 0;
        for (Block b : blocks) t += b.duration();
        return t;
    }

    public int adcCount() {
        int n = 0;
        for (Block b : blocks) if (b.adc() != null) n++;
        return n;
    }
}
