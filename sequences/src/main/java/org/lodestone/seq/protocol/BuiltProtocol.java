package org.lodestone.seq.protocol;

import org.lodestone.seq.model.Sequence;

import java.util.Map;

/**
 * A protocol made concrete: its sequence, the geometry it encodes, the lines the raw data must
 * hold, and the parameters as actually realised (rounded to rasters).
 */
public record BuiltProtocol(String protocol, Sequence sequence, ScanGeometry geometry, int expectedLines,
                            Map<String, Double> parameters, Map<String, Double> derived) {
    public BuiltProtocol {
        parameters = Map.copyOf(parameters);
        derived = Map.copyOf(derived);
    }

    public double scanTimeSeconds() {
        return sequence.duration();
    }
}
