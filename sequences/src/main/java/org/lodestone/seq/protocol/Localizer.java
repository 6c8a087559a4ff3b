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
 * Three-plane localizer: one RF-spoiled gradient-echo slice through the isocentre in each of the
 * axial, coronal and sagittal planes (MRD slice counter 0, 1, 2, each with its own directions),
 * shortest TE, for planning the scans that follow.
 */
public final class Localizer extends ProtocolDescription {
    static final SliceSelectiveReadout.SincPulse PULSE = new SliceSelectiveReadout.SincPulse(1e-3, 4, 10e-6);
    static final double RF_SPOIL_INCREMENT = Math.toRadians(117);
    static final int DUMMY_TRS = 10;
    private static final SliceOrientation[] PLANES = {SliceOrientation.AXIAL, SliceOrientation.CORONAL, SliceOrientation.SAGITTAL};

    private static final List<ParameterSpec> PARAMS = List.of(
            new ParameterSpec("fov", "Field of view", "mm", 260, 100, 400, false, "square field of view"),
            new ParameterSpec("matrix", "Matrix", "px", 128, 32, 256, true, "readout samples = phase encodes"),
            new ParameterSpec("slice_thickness", "Slice thickness", "mm", 10, 3, 30, false, ""),
            new ParameterSpec("tr", "TR", "ms", 30, 5, 1000, false, "repetition time"),
            new ParameterSpec("flip", "Flip angle", "°", 20, 1, 90, false, ""),
            new ParameterSpec("bandwidth", "Receiver bandwidth", "Hz/px", 200, 50, 5000, false, "per pixel"));

    public Localizer() {
        super("localizer", "Three-plane localizer", PARAMS);
    }

    @Override
    public BuiltProtocol build(Map<String, Double> values, UnitProfile unit) throws ParameterException {
        ParameterValues p = resolve(values);
        int n = p.integer("matrix");
        if (n % 2 != 0) throw new ParameterException("matrix", "Matrix must be even");
        double fov = p.get("fov") * 1e-3, thickness = p.get("slice_thickness") * 1e-3, tr = p.get("tr") * 1e-3, bw = p.get("bandwidth");
        SliceSelectiveReadout x = SliceSelectiveReadout.of(Math.toRadians(p.get("flip")), PULSE, thickness, fov, n, bw, unit);
        Encoding.Readout ro = x.readout();
        double dwell = x.dwell(), excDur = x.excitationBlock();
        double dky = 1 / fov, sliceRephase = x.sliceRephaseArea();
        double spoil = 4 / thickness;
        Encoding.SharedLobe pre = Encoding.SharedLobe.forMaxArea(Math.max(ro.prephaseArea(), Math.max(dky * n / 2, Math.abs(sliceRephase))), unit);
        Encoding.SharedLobe post = Encoding.SharedLobe.forMaxArea(Math.max(dky * n / 2, spoil), unit);
        double preDur = pre.blockDuration(unit), postDur = post.blockDuration(unit);
        double minTr = excDur + preDur + ro.duration() + postDur;
        if (tr < minTr - 1e-9) {
            throw new ParameterException("tr", String.format("TR %.1f ms is shorter than the minimum %.1f ms for these parameters", tr * 1e3, minTr * 1e3));
        }
        double fill = Trap.ceil(tr - minTr, unit.blockRaster());
        List<Block> blocks = new ArrayList<>();
        int lines = 0, k = 0;
        for (int plane = 0; plane < PLANES.length; plane++) {
            for (int rep = -DUMMY_TRS; rep < n; rep++, k++) {
                boolean dummy = rep < 0;
                int line = dummy ? n / 2 : rep;
                double phase = 0.5 * RF_SPOIL_INCREMENT * k * (k + 1) % (2 * Math.PI);
                double ky = (line - n / 2) * dky;
                List<Block> tr1 = new ArrayList<>();
                tr1.add(new Block(excDur, x.rf().withPhaseAndOffset(phase, 0), null, null, x.sliceSelect(), null));
                tr1.add(new Block(preDur, null, pre.lobe(-ro.prephaseArea()), pre.lobe(ky), pre.lobe(sliceRephase), null));
                Adc adc = dummy ? null : new Adc(ro.adcDelay(), n, dwell, phase, 0, new AdcCounters(line, 0, 0, plane, 0, 0, 0, 0, 0), 0);
                tr1.add(new Block(ro.duration(), null, ro.trap(), null, null, adc));
                tr1.add(new Block(postDur, null, null, post.lobe(-ky), post.lobe(spoil), null));
                if (fill > 0) tr1.add(Block.delay(fill));
                for (Block b : tr1) blocks.add(PLANES[plane].rotate(b));
                if (!dummy) lines++;
            }
        }
        // each plane's blocks are already rotated into the unit's axes
        Sequence seq = sequence(blocks, SliceOrientation.AXIAL, fov, fov, thickness);
        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("te_actual_ms", ((excDur - x.excitationCentre()) + preDur + ro.echoTime()) * 1e3);
        derived.put("tr_min_ms", minTr * 1e3);
        derived.put("dwell_us", dwell * 1e6);
        derived.put("bandwidth_actual_hz_px", 1.0 / (dwell * n));
        derived.put("scan_time_s", seq.duration());
        derived.put("snr_relative", ProtocolMath.relativeSnr(fov, fov, thickness, n, n, 1, 1, dwell));
        List<ScanGeometry.SlicePlane> planes = new ArrayList<>();
        for (SliceOrientation o : PLANES) planes.add(ScanGeometry.SlicePlane.of(o, 0));
        ScanGeometry g = new ScanGeometry(n, n, PLANES.length, fov * 1e3, fov * 1e3, thickness * 1e3, new double[3],
                PLANES[0].read(), PLANES[0].phase(), PLANES[0].slice(), 1, planes);
        return new BuiltProtocol(name(), seq, g, lines, p.asMap(), derived);
    }
}
