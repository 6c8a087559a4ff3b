package org.lodestone.seq.protocol;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RF off, gradients off: ADC windows flagged IS_NOISE_MEASUREMENT, for the receiver's noise covariance. */
public final class NoiseScan extends ProtocolDescription {
    static final long NOISE_FLAG = 1L << (19 - 1);
    private static final List<ParameterSpec> PARAMS = List.of(
            new ParameterSpec("samples", "Samples", "", 256, 16, 4096, true, ""),
            new ParameterSpec("dwell", "Dwell", "µs", 20, 1, 1000, false, ""),
            new ParameterSpec("readouts", "Readouts", "", 32, 1, 1024, true, ""));

    public NoiseScan() {
        super("noise", "Noise scan (RF off)", PARAMS);
    }

    @Override
    public BuiltProtocol build(Map<String, Double> values, UnitProfile unit) throws ParameterException {
        ParameterValues p = resolve(values);
        int samples = p.integer("samples"), readouts = p.integer("readouts");
        double dwell = onTick(p.get("dwell") * 1e-6, unit);
        double dur = Trap.ceil(samples * dwell + 100e-6, unit.blockRaster());
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < readouts; i++) {
            blocks.add(new Block(dur, null, null, null, null, new Adc(0, samples, dwell, 0, 0, new AdcCounters(i, 0, 0, 0, 0, 0, 0, 0, 0), NOISE_FLAG)));
        }
        Sequence seq = sequence(blocks);
        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("dwell_us", dwell * 1e6);
        derived.put("scan_time_s", seq.duration());
        ScanGeometry g = new ScanGeometry(samples, 1, 1, 0, 0, 0, new double[3], new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1}, 1);
        return new BuiltProtocol(name(), seq, g, readouts, p.asMap(), derived);
    }
}
