package org.lodestone.seq.pulseq;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.seq.model.BlockExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulseq's label counters as they evolve block by block (set, then incremented), mapped to the MRD
 * counters and flags an ADC carries. Flag labels map to MRD acquisition flags (1-based bit numbers).
 */
public final class LabelState {
    /** Counter labels in the order of {@link AdcCounters}' components. */
    public static final List<String> COUNTERS = List.of("LIN", "PAR", "AVG", "SLC", "ECO", "PHS", "REP", "SET", "SEG");
    /** Flag labels and their MRD flag numbers (ISMRMRD: NOISE 19, REV 22, NAV 23, PMC 24 ≈ phasecorr). */
    public static final Map<String, Integer> FLAGS = Map.of("NOISE", 19, "REV", 22, "NAV", 23, "PMC", 24);

    private final Map<String, Integer> values = new HashMap<>();

    public void apply(List<BlockExtension> extensions) {
        for (BlockExtension e : extensions) {
            if (e instanceof BlockExtension.Label l) {
                values.put(l.name(), l.increment() ? values.getOrDefault(l.name(), 0) + l.value() : l.value());
            }
        }
    }

    public int get(String label) {
        return values.getOrDefault(label, 0);
    }

    public AdcCounters counters() {
        return new AdcCounters(get("LIN"), get("PAR"), get("AVG"), get("SLC"), get("ECO"), get("PHS"), get("REP"), get("SET"), get("SEG"));
    }

    public long flags() {
        long f = 0;
        for (var e : FLAGS.entrySet()) if (get(e.getKey()) != 0) f |= 1L << (e.getValue() - 1);
        return f;
    }

    static int[] values(AdcCounters c) {
        return new int[] {c.line(), c.partition(), c.average(), c.slice(), c.contrast(), c.phase(), c.repetition(), c.set(), c.segment()};
    }
}
