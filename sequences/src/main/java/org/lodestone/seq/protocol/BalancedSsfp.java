package org.lodestone.seq.protocol;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.seq.geometry.SliceOrientation;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 2D balanced SSFP (TrueFISP): every gradient moment is zero over each TR (readout prephaser and
 * rewinder, phase encode and its rewinder, slice rephasers on both sides), RF phase alternating
 * 0/180° (the ADC follows), TE = TR/2. A linear flip ramp over the first dummy TRs damps the
 * approach to the steady state.
 */
public final class BalancedSsfp extends ProtocolDescription {
    static final SliceSelectiveReadout.SincPulse PULSE = new SliceSelectiveReadout.SincPulse(1e-3, 2, 10e-6);
    static final int RAMP_TRS = 10, DUMMY_TRS = 40;

    private static final List<ParameterSpec> PARAMS;

    static {
        List<ParameterSpec> p = new ArrayList<>(List.of(
                new ParameterSpec("fov", "Field of view", "mm", 240, 50, 400, false, "square field of view"),
                new ParameterSpec("matrix", "Matrix", "px", 128, 32, 512, true, "readout samples = phase encodes"),
                new ParameterSpec("slice_thickness", "Slice thickness", "mm", 8, 2, 20, false, ""),
                new ParameterSpec("slice_position", "Slice position", "mm", 0, -150, 150, false, "along the slice direction"),
                new ParameterSpec("tr", "TR", "ms", 0, 0, 100, false, "repetition time (0 = shortest; TE = TR/2)"),
                new ParameterSpec("flip", "Flip angle", "°", 60, 1, 90, false, ""),
                new ParameterSpec("averages", "Averages", "", 1, 1, 32, true, ""),
                new ParameterSpec("bandwidth", "Receiver bandwidth", "Hz/px", 300, 50, 5000, false, "per pixel")));
        p.addAll(Encoding.orientationParameters());
        PARAMS = List.copyOf(p);
    }

    public BalancedSsfp() {
        super("bssfp", "2D balanced SSFP", PARAMS);
    }

    @Override
    public BuiltProtocol build(Map<String, Double> values, UnitProfile unit) throws ParameterException {
        ParameterValues p = resolve(values);
        int n = p.integer("matrix");
        if (n % 2 != 0) throw new ParameterException("matrix", "Matrix must be even");
        double fov = p.get("fov") * 1e-3, thickness = p.get("slice_thickness") * 1e-3, bw = p.get("bandwidth");
        int averages = p.integer("averages");
        SliceOrientation orient = Encoding.orientation(p);
        InPlaneOffset inPlane = InPlaneOffset.of(p, fov, fov);
        SliceSelectiveReadout x = SliceSelectiveReadout.of(Math.toRadians(p.get("flip")), PULSE, thickness, fov, n, bw, unit);
        Encoding.Readout ro = x.readout();
        Trap ss = x.sliceSelect();
        Rf rf = x.rf();
        double dwell = x.dwell(), excDur = x.excitationBlock(), br = unit.blockRaster();
        double sliceRephase = x.sliceRephaseArea();
        double dky = 1 / fov;
        // Prephaser and rewinder mirror each other: −half the readout, ∓ky, −half the slice lobe.
        Encoding.SharedLobe lobe = Encoding.SharedLobe.forMaxArea(Math.max(ro.prephaseArea(), Math.max(dky * n / 2, Math.abs(sliceRephase))), unit);
        double lobeDur = lobe.blockDuration(unit);
        double shortest = excDur + 2 * lobeDur + ro.duration();
        // The RF amplifier's duty cycle also bounds TR (one pulse per TR), with 1 % to spare.
        double dutyMin = PULSE.duration() / unit.heating().maxRfDutyCycle() * 1.01;
        double minTr = shortest + 2 * Trap.ceil(Math.max(0, dutyMin - shortest) / 2, br);
        double trAsked = p.get("tr") * 1e-3;
        if (trAsked > 0 && trAsked < minTr - 1e-9) {
            throw new ParameterException("tr", String.format("TR %.2f ms is shorter than the minimum %.2f ms for these parameters", trAsked * 1e3, minTr * 1e3));
        }
        // Extra time goes half before the prephaser and half after the rewinder, so TE stays TR/2.
        double half = Trap.ceil(((trAsked > 0 ? trAsked : minTr) - shortest) / 2, br);
        double tr = shortest + 2 * half;
        double offset = ss.amplitude() * p.get("slice_position") * 1e-3;

        List<Block> blocks = new ArrayList<>();
        int lines = 0;
        for (int rep = -DUMMY_TRS, k = 0; rep < n * averages; rep++, k++) {
            boolean dummy = rep < 0;
            int line = dummy ? n / 2 : rep % n, avg = dummy ? 0 : rep / n;
            double flipScale = k < RAMP_TRS ? (k + 1.0) / RAMP_TRS : 1;
            double phase = (k % 2) * Math.PI;
            Rf pulse = new Rf(rf.delay(), rf.amplitudeHz() * flipScale, phase, offset, rf.dwell(), rf.shape(), rf.use());
            double ky = (line - n / 2) * dky;
            blocks.add(new Block(excDur, pulse, null, null, ss, null));
            if (half > 0) blocks.add(Block.delay(half));
            blocks.add(new Block(lobeDur, null, lobe.lobe(-ro.prephaseArea()), lobe.lobe(ky), lobe.lobe(sliceRephase), null));
            Adc adc = dummy ? null : new Adc(ro.adcDelay(), n, dwell, phase, 0, new AdcCounters(line, 0, avg, 0, 0, 0, 0, 0, 0), 0);
            blocks.add(new Block(ro.duration(), null, ro.trap(), null, null, adc));
            blocks.add(new Block(lobeDur, null, lobe.lobe(-ro.prephaseArea()), lobe.lobe(-ky), lobe.lobe(sliceRephase), null));
            if (half > 0) blocks.add(Block.delay(half));
            if (!dummy) lines++;
        }
        Sequence seq = sequence(inPlane.applied(blocks), orient, fov, fov, thickness);
        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("tr_actual_ms", tr * 1e3);
        derived.put("tr_min_ms", minTr * 1e3);
        derived.put("te_actual_ms", tr / 2 * 1e3);
        derived.put("dwell_us", dwell * 1e6);
        derived.put("bandwidth_actual_hz_px", 1.0 / (dwell * n));
        derived.put("banding_period_hz", 1 / tr);
        derived.put("scan_time_s", seq.duration());
        derived.put("snr_relative", ProtocolMath.relativeSnr(fov, fov, thickness, n, n, 1, averages, dwell));
        ScanGeometry g = ScanGeometry.stack(n, n, 1, fov * 1e3, fov * 1e3, thickness * 1e3, orient, p.get("slice_position"), 0, averages);
        return new BuiltProtocol(name(), seq, inPlane.placed(g), lines, p.asMap(), derived);
    }
}
