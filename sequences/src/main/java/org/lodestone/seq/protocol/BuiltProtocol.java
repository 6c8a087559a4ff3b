package org.lodestone.seq.protocol;

import org.lodestone.seq.model.Sequence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A protocol made concrete: its sequence, the geometry it encodes, the lines the raw data must
 * hold, and the parameters as actually realised (rounded to rasters).
 */
public record BuiltProtocol(String protocol, Sequence sequence, ScanGeometry geometry, int expectedLines,
                            Map<String, Double> parameters, Map<String, Double> derived) {
    public BuiltProtocol {
        // in the protocol's own order (Map.copyOf's would change from one run to the next, and scan.json with it)
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        derived = Collections.unmodifiableMap(new LinkedHashMap<>(derived));
    }

    public double scanTimeSeconds() {
        return sequence.duration();
    }
}
