package org.lodestone.seq.protocol;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Sequence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * Non-selective FID: a short hard 90° and a long ADC. Its spectrum's peak is the offset of the
 * Larmor frequency from the frequency set, so it drives the pre-scan frequency adjustment.
 */
public final class FreeInductionDecay extends ProtocolDescription {
    private static final double RF_DURATION = 400e-6; // a 90° within 20 µT of B1

    private static final List<ParameterSpec> PARAMS = List.of(
            new ParameterSpec("samples", "Samples", "", 1024, 64, 4096, true, ""),
            new ParameterSpec("dwell", "Dwell", "µs", 20, 1, 1000, false, "sample spacing (bandwidth = 1/dwell)"),
            new ParameterSpec("flip", "Flip angle", "°", 90, 1, 180, false, ""),
            new ParameterSpec("tr", "TR", "ms", 1000, 10, 10000, false, ""),
            new ParameterSpec("averages", "Averages", "", 1, 1, 64, true, ""));

    public FreeInductionDecay() {
        super("fid", "FID (spectrum)", PARAMS);
    }

    @Override
    public BuiltProtocol build(Map<String, Double> values, UnitProfile unit) throws ParameterException {
        ParameterValues p = resolve(values);
        int samples = p.integer("samples");
        double dwell = onTick(p.get("dwell") * 1e-6, unit);
        double tr = p.get("tr") * 1e-3;
        int averages = p.integer("averages");
        HardPulseFidTrain train = HardPulseFidTrain.plan(Math.toRadians(p.get("flip")), RF_DURATION, samples, dwell, tr, unit);
        List<Block> blocks = new ArrayList<>();
        for (int a = 0; a < averages; a++) train.addTr(blocks, 0, new AdcCounters(0, 0, a, 0, 0, 0, 0, 0, 0));
        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("dwell_us", dwell * 1e6);
        derived.put("bandwidth_hz", 1 / dwell);
        derived.put("resolution_hz", 1 / (dwell * samples));
        Sequence seq = sequence(blocks);
        ScanGeometry g = train.geometry(averages);
        return new BuiltProtocol(name(), seq, g, averages, p.asMap(), derived);
    }
}
