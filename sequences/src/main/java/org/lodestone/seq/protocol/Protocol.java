package org.lodestone.seq.protocol;

import org.lodestone.seq.limits.UnitProfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A native protocol: named parameters in a technician's units, built into a sequence for one unit. */
public interface Protocol {
    String name();

    String title();

    List<ParameterSpec> parameters();

    /** Builds the sequence; values missing from the map take their defaults. */
    BuiltProtocol build(Map<String, Double> values, UnitProfile unit) throws ParameterException;

    /** The defaults overlaid with the given values, each checked against its own range; unknown names refused. */
    default Map<String, Double> resolve(Map<String, Double> values) throws ParameterException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ParameterSpec p : parameters()) out.put(p.name(), p.defaultValue());
        for (var e : values.entrySet()) {
            if (!out.containsKey(e.getKey())) {
                throw new ParameterException(e.getKey(), "protocol " + name() + " has no parameter '" + e.getKey()
                        + "' (it has " + String.join(", ", out.keySet()) + ")");
            }
            out.put(e.getKey(), e.getValue());
        }
        for (ParameterSpec p : parameters()) p.validate(out.get(p.name()));
        return out;
    }
}
