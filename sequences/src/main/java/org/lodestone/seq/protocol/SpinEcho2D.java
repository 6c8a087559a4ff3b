package org.lodestone.seq.protocol;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.seq.geometry.SliceOrientation;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Physics;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 2D single-slice spin echo: slice-selective sinc 90°, phase encode and readout prephaser,
 * crushed slice-selective 180° at TE/2, readout with the echo at the centre sample (N/2), then a
 * spoiler that also rewinds the phase encode; two dummy repetitions to reach the steady state, then one line per TR (× averages).
 */
public final class SpinEcho2D extends ProtocolDescription {
    static final double RF_DURATION = 3e-3;
    static final double RF_TIME_BANDWIDTH = 4;
    static final double RF_DWELL = 10e-6;
    static final int DUMMY_SCANS = 2;
    /** Crusher area, in cycles across the slice thickness: enough to dephase the 180's FID. */
    static final double CRUSHER_CYCLES = 4;
    /**
     * End-of-TR spoiler, in cycles across the slice. Not a multiple of the crusher: with equal areas, magnetization
     * left from one TR is refocused by the next TR's crushers (a stimulated-echo pathway), and shows as stripes.
     */
    static final double SPOILER_CYCLES = 9.5;

    private static final List<ParameterSpec> PARAMS = withOrientation(
            new ParameterSpec("fov", "Field of view", "mm", 240, 50, 400, false, "square field of view"),
            new ParameterSpec("matrix", "Matrix", "px", 128, 32, 512, true, "readout samples = phase encodes"),
            new ParameterSpec("slice_thickness", "Slice thickness", "mm", 5, 2, 20, false, ""),
            new ParameterSpec("slice_position", "Slice position", "mm", 0, -150, 150, false, "centre of the slice stack, along the slice axis (S+)"),
            new ParameterSpec("slices", "Slices", "", 1, 1, 64, true, "interleaved within each TR"),
            new ParameterSpec("slice_gap", "Slice gap", "mm", 0, 0, 100, false, "between adjacent slices"),
            new ParameterSpec("tr", "TR", "ms", 500, 10, 10000, false, "repetition time"),
            new ParameterSpec("te", "TE", "ms", 20, 1, 500, false, "echo time"),
            new ParameterSpec("averages", "Averages", "", 1, 1, 32, true, ""),
            new ParameterSpec("bandwidth", "Receiver bandwidth", "Hz/px", 150, 20, 5000, false, "per pixel"));

    private static List<ParameterSpec> withOrientation(ParameterSpec... own) {
        List<ParameterSpec> all = new ArrayList<>(List.of(own));
        all.addAll(PhaseUndersampling.parameters(true));
        all.addAll(Encoding.orientationParameters());
        return List.copyOf(all);
    }

    public SpinEcho2D() {
        super("se2d", "2D spin echo", PARAMS);
    }

    @Override
    public BuiltProtocol build(Map<String, Double> values, UnitProfile unit) throws ParameterException {
        ParameterValues p = resolve(values);
        int n = p.integer("matrix");
        if (n % 2 != 0) throw new ParameterException("matrix", "Matrix must be even");
        double fov = p.get("fov") * 1e-3;
        double thickness = p.get("slice_thickness") * 1e-3;
        double tr = p.get("tr") * 1e-3;
        double te = p.get("te") * 1e-3;
        int averages = p.integer("averages");
        double bwPerPixel = p.get("bandwidth");
        SliceOrientation orient = Encoding.orientation(p);
        InPlaneOffset inPlane = InPlaneOffset.of(p, fov, fov);
        // Oblique: the lobes that share a block share one timing, so each stays a trapezoid once rotated.
        boolean oblique = !orient.equals(SliceOrientation.AXIAL);
        double gr = unit.gradientRaster();
        double blockRaster = unit.blockRaster();
        double slew = unit.maxSlew();
        double gmax = unit.maxGradient();

        // Readout: dwell on the device tick; the bandwidth actually realised is reported.
        double dwell = Math.max(unit.minDwell(), onTick(1.0 / (bwPerPixel * n), unit));
        if (dwell > unit.maxDwell()) {
            throw new ParameterException("bandwidth", String.format("Receiver bandwidth %.0f Hz/px needs a dwell of %.1f µs, longer than the unit's %.1f µs",
                    bwPerPixel, dwell * 1e6, unit.maxDwell() * 1e6));
        }
        double gRead = 1.0 / (fov * dwell);
        if (gRead > gmax) {
            throw new ParameterException("fov", String.format("FOV %.0f mm at %.0f Hz/px needs a readout gradient of %.2f mT/m; the unit allows %.2f mT/m (enlarge the FOV or lower the bandwidth)",
                    fov * 1e3, bwPerPixel, Physics.hzPerMToMTPerM(gRead), Physics.hzPerMToMTPerM(gmax)));
        }
        double gSlice = Rf.sincBandwidth(RF_TIME_BANDWIDTH, RF_DURATION) / thickness;
        if (gSlice > gmax) {
            throw new ParameterException("slice_thickness", String.format("A %.1f mm slice needs %.2f mT/m of slice-select gradient; the unit allows %.2f mT/m",
                    thickness * 1e3, Physics.hzPerMToMTPerM(gSlice), Physics.hzPerMToMTPerM(gmax)));
        }

        // Excitation: sinc 90° under the slice-select plateau.
        Trap ssExc = Trap.withFlat(gSlice, RF_DURATION, slew, gr);
        Rf rf90 = Rf.sinc(Math.PI / 2, RF_DURATION, RF_TIME_BANDWIDTH, RF_DWELL, ssExc.rise(), 0, Rf.Use.EXCITATION);
        double excDur = Trap.ceil(ssExc.duration(), blockRaster);
        double excCentre = rf90.delay() + RF_DURATION / 2;

        // Readout lobe; the k-space centre falls on sample n/2.
        Trap ro = Trap.withFlat(gRead, Trap.ceil(n * dwell, gr), slew, gr);
        double echoInReadout = ro.rise() + (n / 2 + 0.5) * dwell;
        double preArea = gRead * (ro.rise() / 2 + (n / 2 + 0.5) * dwell);
        double readDur = Trap.ceil(ro.duration(), blockRaster);

        // Prephasers: readout (same sign: the 180 negates it), slice rephaser, largest phase encode.
        double dky = 1.0 / fov;
        double maxPe = dky * n / 2;
        double sliceRephase = -(gSlice * RF_DURATION / 2 + gSlice * ssExc.fall() / 2);
        double preDur = 0;
        for (double area : new double[] {preArea, sliceRephase, maxPe}) {
            preDur = Math.max(preDur, Trap.forArea(area, gmax, slew, gr).duration());
        }
        preDur = Trap.ceil(preDur, blockRaster);
        Encoding.SharedLobe preLobe = oblique
                ? Encoding.SharedLobe.forMaxArea(Math.max(Math.abs(preArea), Math.max(Math.abs(sliceRephase), maxPe)), unit) : null;
        if (oblique) preDur = preLobe.blockDuration(unit);

        // Refocusing: crushed, slice-selective 180° (phase 90°: CPMG).
        Trap ssRef = Trap.withFlat(gSlice, RF_DURATION, slew, gr);
        Rf rf180 = Rf.sinc(Math.PI, RF_DURATION, RF_TIME_BANDWIDTH, RF_DWELL, ssRef.rise(), Math.PI / 2, Rf.Use.REFOCUSING);
        double refDur = Trap.ceil(ssRef.duration(), blockRaster);
        double refCentre = rf180.delay() + RF_DURATION / 2;
        Trap crusher = Trap.forArea(CRUSHER_CYCLES / thickness, gmax, slew, gr);
        double crushDur = Trap.ceil(crusher.duration(), blockRaster);

        double firstHalf = (excDur - excCentre) + preDur + crushDur + refCentre;
        double secondHalf = (refDur - refCentre) + crushDur + echoInReadout;
        double minTe = 2 * Math.max(firstHalf, secondHalf);
        if (te < minTe - 1e-9) {
            throw new ParameterException("te", String.format("TE %.2f ms is shorter than the minimum %.2f ms for these parameters", te * 1e3, minTe * 1e3));
        }
        double delay1 = Trap.ceil(te / 2 - firstHalf, blockRaster);
        double delay2 = Trap.ceil(te / 2 - secondHalf, blockRaster);
        double actualTe = 2 * (firstHalf + delay1);
        Trap spoiler = Trap.forArea(SPOILER_CYCLES / thickness, gmax, slew, gr);
        // The spoiler block also rewinds the phase encode, so what survives into the next TR carries no line-dependent phase.
        double spoilDur = Trap.ceil(Math.max(spoiler.duration(), Trap.forArea(maxPe, gmax, slew, gr).duration()), blockRaster);
        Encoding.SharedLobe spoilLobe = oblique ? Encoding.SharedLobe.forMaxArea(Math.max(spoiler.area(), maxPe), unit) : null;
        if (oblique) spoilDur = spoilLobe.blockDuration(unit);
        int slices = p.integer("slices");
        double spacing = thickness + p.get("slice_gap") * 1e-3;
        double perSlice = excDur + preDur + delay1 + 2 * crushDur + refDur + delay2 + readDur + spoilDur;
        double trUsed = slices * perSlice;
        double minTr = Trap.ceil(trUsed, blockRaster);
        double stackCentre = p.get("slice_position") * 1e-3;
        if (Math.abs(stackCentre) + spacing * (slices - 1) / 2 + thickness / 2 > 0.2) {
            throw new ParameterException("slices", String.format("%d slices %.1f mm apart around %.0f mm reach beyond ±200 mm", slices,
                    spacing * 1e3, stackCentre * 1e3));
        }
        if (tr < minTr - 1e-9) {
            throw new ParameterException("tr", String.format("TR %.1f ms is shorter than the minimum %.1f ms for these parameters", tr * 1e3, minTr * 1e3));
        }
        double trFill = Trap.ceil(tr - trUsed, blockRaster);

        int[] acquired = PhaseUndersampling.lines(p, n, 1);
        List<Block> blocks = new ArrayList<>();
        int lines = 0;
        for (int rep = -DUMMY_SCANS; rep < acquired.length * averages; rep++) {
            boolean dummy = rep < 0;
            int line = dummy ? n / 2 : acquired[rep % acquired.length];
            int avg = dummy ? 0 : rep / acquired.length;
            double ky = (line - n / 2) * dky;
            for (int slice = 0; slice < slices; slice++) {
                // Slice offset by frequency: the slice gradient maps position to offset (Hz = Hz/m · m).
                double z = stackCentre + (slice - (slices - 1) / 2.0) * spacing;
                Rf exc = z == 0 ? rf90 : rf90.withPhaseAndOffset(rf90.phaseRad(), gSlice * z);
                Rf ref = z == 0 ? rf180 : rf180.withPhaseAndOffset(rf180.phaseRad(), gSlice * z);
                blocks.add(new Block(excDur, exc, null, null, ssExc, null));
                // The 180 negates phase: encode −ky before it to read +ky after.
                blocks.add(oblique
                        ? new Block(preDur, null, preLobe.lobe(preArea), preLobe.lobe(-ky), preLobe.lobe(sliceRephase), null)
                        : new Block(preDur, null, lobe(preArea, gmax, slew, gr), lobe(-ky, gmax, slew, gr),
                        lobe(sliceRephase, gmax, slew, gr), null));
                if (delay1 > 0) blocks.add(Block.delay(delay1));
                blocks.add(new Block(crushDur, null, null, null, crusher, null));
                blocks.add(new Block(refDur, ref, null, null, ssRef, null));
                blocks.add(new Block(crushDur, null, null, null, crusher, null));
                if (delay2 > 0) blocks.add(Block.delay(delay2));
                Adc adc = dummy ? null : new Adc(ro.rise(), n, dwell, 0, 0,
                        new AdcCounters(line, 0, avg, slice, 0, 0, 0, 0, 0), 0);
                blocks.add(new Block(readDur, null, ro, null, null, adc));
                blocks.add(oblique
                        ? new Block(spoilDur, null, null, spoilLobe.lobe(-ky), spoilLobe.lobe(spoiler.area()), null)
                        : new Block(spoilDur, null, null, lobe(-ky, gmax, slew, gr), spoiler, null));
            }
            if (trFill > 0) blocks.add(Block.delay(trFill));
            if (!dummy) lines += slices;
        }
        Sequence seq = sequence(inPlane.applied(blocks), orient, fov, fov, thickness);

        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("te_actual_ms", actualTe * 1e3);
        derived.put("te_min_ms", minTe * 1e3);
        derived.put("tr_min_ms", minTr * 1e3);
        derived.put("dwell_us", dwell * 1e6);
        derived.put("bandwidth_actual_hz_px", 1.0 / (dwell * n));
        derived.put("readout_gradient_mT_m", Physics.hzPerMToMTPerM(gRead));
        derived.put("slice_gradient_mT_m", Physics.hzPerMToMTPerM(gSlice));
        derived.put("scan_time_s", seq.duration());
        derived.put("slice_spacing_mm", spacing * 1e3);
        derived.put("snr_relative", ProtocolMath.relativeSnr(fov, fov, thickness, n, n, 1, averages, dwell)
                * Math.sqrt((double) acquired.length / n));
        PhaseUndersampling.derived(derived, n, acquired);
        // Each slice of the stack carries its own plane into the MRD headers.
        ScanGeometry g = ScanGeometry.stack(n, n, slices, fov * 1e3, fov * 1e3, thickness * 1e3, orient, stackCentre * 1e3,
                spacing * 1e3, averages);
        return new BuiltProtocol(name(), seq, inPlane.placed(g), lines, p.asMap(), derived);
    }

    /** The shortest lobe of the given area; every prephaser fits the block sized for the largest. */
    private static Trap lobe(double area, double gmax, double slew, double raster) {
        return area == 0 ? null : Trap.forArea(area, gmax, slew, raster);
    }
}
