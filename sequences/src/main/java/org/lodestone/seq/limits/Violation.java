package org.lodestone.seq.limits;

/** One way a sequence breaks the unit's limits, named by block (0-based) and limit. */
public record Violation(int block, String limit, double value, double allowed, String unit) {
    @Override
    public String toString() {
        return String.format("block %d: %s %.4g %s exceeds the limit %.4g %s", block, limit, value, unit, allowed, unit);
    }
}
