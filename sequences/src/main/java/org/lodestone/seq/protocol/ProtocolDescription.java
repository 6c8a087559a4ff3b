package org.lodestone.seq.protocol;

import org.lodestone.seq.geometry.SliceOrientation;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Sequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every native protocol says about itself — name, title, parameter table — and the small steps
 * they all take the same way (times on the unit's tick, the sequence named and rotated), written once.
 */
abstract class ProtocolDescription implements Protocol {
    private final String name;
    private final String title;
    private final List<ParameterSpec> parameters;

    ProtocolDescription(String name, String title, List<ParameterSpec> parameters) {
        this.name = name;
        this.title = title;
        this.parameters = List.copyOf(parameters);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final List<ParameterSpec> parameters() {
        return parameters;
    }

    /** A time (s) rounded to the unit's tick: dwells are counted in ticks on the board. */
    static double onTick(double seconds, UnitProfile unit) {
        return Math.round(seconds / unit.tick()) * unit.tick();
    }

    /** A sequence without a field of view (spectra, noise): its blocks as they are, named. */
    final Sequence sequence(List<Block> blocks) {
        return new Sequence(name, blocks, Map.of("Name", name));
    }

    /**
     * An imaging sequence: the blocks given on the logical axes rotated into the unit's (a no-op axial), named,
     * with the FOV (m) that Pulseq tools read from [DEFINITIONS].
     */
    final Sequence sequence(List<Block> logical, SliceOrientation orientation, double fovRead, double fovPhase, double thickness) {
        List<Block> physical = new ArrayList<>(logical.size());
        for (Block b : logical) physical.add(orientation.rotate(b));
        Map<String, String> defs = new LinkedHashMap<>();
        defs.put("Name", name);
        defs.put("FOV", String.format("%.6f %.6f %.6f", fovRead, fovPhase, thickness));
        return new Sequence(name, physical, defs);
    }
}
