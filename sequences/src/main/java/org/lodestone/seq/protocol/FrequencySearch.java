package org.lodestone.seq.protocol;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Sequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frequency-search spectrum: when the Larmor frequency is not known to within the FID's bandwidth
 * (a cold magnet, a new site), hard-pulse FIDs are stepped across a search range with RF and receiver
 * tuned to each step (MRD repetition counter = step; the offset of step r is (r − (steps − 1)/2) · step).
 * Steps overlap by half a bandwidth, so a line anywhere in the range falls well inside one spectrum.
 * Unlike {@code fid}, which sits on the current frequency, this finds a line far off it.
 */
public final class FrequencySearch extends ProtocolDescription {
    private static final double RF_DURATION = 100e-6; // a short hard pulse: excites ±5 kHz evenly

    private static final List<ParameterSpec> PARAMS = List.of(
            new ParameterSpec("range", "Search range", "kHz", 40, 1, 500, false, "total width searched, centred on the current frequency"),
            new ParameterSpec("samples", "Samples", "", 512, 64, 4096, true, "per step"),
            new ParameterSpec("dwell", "Dwell", "µs", 100, 1, 1000, false, "sample spacing (step bandwidth = 1/dwell)"),
            new ParameterSpec("flip", "Flip angle", "°", 30, 1, 90, false, ""),
            new ParameterSpec("tr", "TR", "ms", 200, 10, 10000, false, "between steps"));

    public FrequencySearch() {
        super("freq-search", "Frequency search (stepped FID spectrum)", PARAMS);
    }

    @Override
    public BuiltProtocol build(Map<String, Double> values, UnitProfile unit) throws ParameterException {
        ParameterValues p = resolve(values);
        int samples = p.integer("samples");
        double dwell = onTick(p.get("dwell") * 1e-6, unit);
        if (dwell < unit.minDwell() || dwell > unit.maxDwell()) {
            throw new ParameterException("dwell", String.format("Dwell %.1f µs is outside the unit's %.1f–%.1f µs", dwell * 1e6, unit.minDwell() * 1e6, unit.maxDwell() * 1e6));
        }
        double stepHz = 0.5 / dwell;
        double range = p.get("range") * 1e3;
        int steps = Math.max(1, (int) Math.ceil(range / stepHz)) | 1; // odd: one step on the current frequency
        double tr = p.get("tr") * 1e-3;
        HardPulseFidTrain train = HardPulseFidTrain.plan(Math.toRadians(p.get("flip")), RF_DURATION, samples, dwell, tr, unit);
        List<Block> blocks = new ArrayList<>();
        for (int r = 0; r < steps; r++) {
            train.addTr(blocks, (r - (steps - 1) / 2.0) * stepHz, new AdcCounters(0, 0, 0, 0, 0, 0, r, 0, 0));
        }
        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("steps", (double) steps);
        derived.put("step_hz", stepHz);
        derived.put("range_actual_hz", steps * stepHz);
        derived.put("dwell_us", dwell * 1e6);
        derived.put("resolution_hz", 1 / (dwell * samples));
        Sequence seq = sequence(blocks);
        derived.put("scan_time_s", seq.duration());
        ScanGeometry g = train.geometry(1);
        return new BuiltProtocol(name(), seq, g, steps, p.asMap(), derived);
    }
}
