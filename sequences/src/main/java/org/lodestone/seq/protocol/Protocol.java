package org.lodestone.seq.protocol;

import org.lodestone.seq.limits.UnitProfile;

import java.util.List;
import java.util.Map;

/** A native protocol: named parameters in a technician's units, built into a sequence for one unit. */
public interface Protocol {
    String name();

    String title();

    List<ParameterSpec> parameters();

    /** Builds the sequence; values missing from the map take their defaults. */
    BuiltProtocol build(Map<String, Double> values, UnitProfile unit) throws ParameterException;

    /** The defaults overlaid with the given values, each checked against its own definition; unknown names refused. */
    default ParameterValues resolve(Map<String, Double> values) throws ParameterException {
        return ParameterValues.resolve(name(), parameters(), values);
    }

    /**
     * {@code NAME=VALUE} assignments parsed with each parameter's own rules (the CLI's {@code --param}).
     * @throws ParameterException naming the parameter and its allowed range
     */
    default Map<String, Double> parse(List<String> assignments) throws ParameterException {
        return ParameterValues.parse(name(), parameters(), assignments);
    }
}
