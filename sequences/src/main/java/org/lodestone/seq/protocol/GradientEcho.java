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
import org.lodestone.seq.sampling.PoissonDisc;
import org.lodestone.seq.sampling.SamplingMask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spoiled gradient echo (FLASH): slice- (2D) or slab-selective (3D) sinc excitation, phase encodes
 * (and partition encodes in 3D) with their rewinders, readout with the echo at sample N/2, a spoiler
 * on the slice axis and quadratic RF spoiling (phase increment 117°, the ADC follows the RF phase).
 */
public final class GradientEcho extends ProtocolDescription {
    static final double RF_DURATION = 2e-3;
    static final double RF_TIME_BANDWIDTH = 4;
    static final double RF_DWELL = 10e-6;
    static final double RF_SPOIL_INCREMENT = Math.toRadians(117);
    static final int DUMMY_SCANS = 10;
    /** Seed of the Poisson-disc mask: one protocol, one pattern. */
    static final long MASK_SEED = 5;

    private final boolean threeD;

    private GradientEcho(boolean threeD) {
        List<ParameterSpec> p = new ArrayList<>(List.of(
                new ParameterSpec("fov", "Field of view", "mm", 240, 50, 400, false, "square field of view"),
                new ParameterSpec("matrix", "Matrix", "px", threeD ? 96 : 128, 32, 512, true, "readout samples = phase encodes"),
                new ParameterSpec("slice_thickness", threeD ? "Slab thickness" : "Slice thickness", "mm", threeD ? 80 : 5, 2, 200, false, ""),
                new ParameterSpec("slice_position", "Slice position", "mm", 0, -150, 150, false, "along the slice axis (S+)"),
                new ParameterSpec("tr", "TR", "ms", threeD ? 20 : 50, 2, 5000, false, "repetition time"),
                new ParameterSpec("te", "TE", "ms", threeD ? 9 : 10, 1, 200, false, "echo time"),
                new ParameterSpec("flip", "Flip angle", "°", threeD ? 15 : 30, 1, 90, false, ""),
                new ParameterSpec("averages", "Averages", "", 1, 1, 32, true, ""),
                new ParameterSpec("bandwidth", "Receiver bandwidth", "Hz/px", 150, 20, 5000, false, "per pixel")));
        if (threeD) {
            p.add(new ParameterSpec("partitions", "Partitions", "", 32, 4, 256, true, "encodes along the slab"));
            p.add(new ParameterSpec("acceleration", "Acceleration", "×", 1, 1, 8, false, "variable-density Poisson disc over phase × partition (1 = full)"));
            p.add(new ParameterSpec("calibration", "Calibration region", "px", 16, 4, 64, true, "fully sampled centre square (phase × partition)"));
            p.add(new ParameterSpec("partial_fourier", "Partial Fourier", "", 1, 0.55, 1, false, "fraction of phase encodes acquired"));
        } else {
            p.addAll(PhaseUndersampling.parameters(true));
        }
        p.addAll(Encoding.orientationParameters());
        super(threeD ? "gre3d" : "gre2d", threeD ? "3D gradient echo (spoiled)" : "2D gradient echo (FLASH)", p);
        this.threeD = threeD;
    }

    public static GradientEcho twoD() {
        return new GradientEcho(false);
    }

    public static GradientEcho threeD() {
        return new GradientEcho(true);
    }

    @Override
    public BuiltProtocol build(Map<String, Double> values, UnitProfile unit) throws ParameterException {
        ParameterValues p = resolve(values);
        int n = p.integer("matrix");
        if (n % 2 != 0) throw new ParameterException("matrix", "Matrix must be even");
        int parts = threeD ? p.integer("partitions") : 1;
        if (threeD && parts % 2 != 0) throw new ParameterException("partitions", "Partitions must be even");
        double fov = p.get("fov") * 1e-3, thickness = p.get("slice_thickness") * 1e-3;
        double tr = p.get("tr") * 1e-3, te = p.get("te") * 1e-3;
        int averages = p.integer("averages");
        SliceOrientation orient = Encoding.orientation(p);
        InPlaneOffset inPlane = InPlaneOffset.of(p, fov, fov);
        if (threeD) inPlane = inPlane.withSlabCentre(p.get("slice_position") * 1e-3); // partitions centred on the slab
        // Oblique: the lobes that share a block share one timing, so each stays a trapezoid once rotated.
        boolean oblique = !orient.equals(SliceOrientation.AXIAL);
        double gr = unit.gradientRaster(), br = unit.blockRaster(), slew = unit.maxSlew(), gmax = unit.maxGradient();
        double dwell = Math.max(unit.minDwell(), onTick(1.0 / (p.get("bandwidth") * n), unit));
        if (dwell > unit.maxDwell()) throw new ParameterException("bandwidth", String.format("the bandwidth needs a dwell of %.1f µs, longer than the unit's %.1f µs", dwell * 1e6, unit.maxDwell() * 1e6));
        double gRead = 1.0 / (fov * dwell);
        if (gRead > gmax) throw new ParameterException("fov", String.format("FOV %.0f mm needs a readout gradient of %.2f mT/m; the unit allows %.2f mT/m", fov * 1e3, Physics.hzPerMToMTPerM(gRead), Physics.hzPerMToMTPerM(gmax)));
        double gSlice = Rf.sincBandwidth(RF_TIME_BANDWIDTH, RF_DURATION) / thickness;
        if (gSlice > gmax) throw new ParameterException("slice_thickness", String.format("%.1f mm needs %.2f mT/m of slice-select gradient; the unit allows %.2f mT/m", thickness * 1e3, Physics.hzPerMToMTPerM(gSlice), Physics.hzPerMToMTPerM(gmax)));

        Trap ss = Trap.withFlat(gSlice, RF_DURATION, slew, gr);
        Rf rf = Rf.sinc(Math.toRadians(p.get("flip")), RF_DURATION, RF_TIME_BANDWIDTH, RF_DWELL, ss.rise(), 0, Rf.Use.EXCITATION);
        double excDur = Trap.ceil(ss.duration(), br);
        double excCentre = rf.delay() + RF_DURATION / 2;
        Trap ro = Trap.withFlat(gRead, Trap.ceil(n * dwell, gr), slew, gr);
        double echoInReadout = ro.rise() + (n / 2 + 0.5) * dwell;
        double preArea = -gRead * (ro.rise() / 2 + (n / 2 + 0.5) * dwell);
        double readDur = Trap.ceil(ro.duration(), br);
        double dky = 1 / fov, dkz = 1 / thickness;
        double sliceRephase = -(gSlice * RF_DURATION / 2 + gSlice * ss.fall() / 2);
        double maxPart = threeD ? dkz * parts / 2 : 0;
        double preDur = 0;
        for (double area : new double[] {preArea, dky * n / 2, Math.abs(sliceRephase) + maxPart}) {
            preDur = Math.max(preDur, Trap.forArea(area, gmax, slew, gr).duration());
        }
        preDur = Trap.ceil(preDur, br);
        Trap spoiler = Trap.forArea(4 / (thickness / parts), gmax, slew, gr); // 4 cycles across a slice / partition
        double spoilDur = Trap.ceil(Math.max(Trap.forArea(spoiler.area() + maxPart, gmax, slew, gr).duration(), preDur), br);
        Encoding.SharedLobe preLobe = null, spoilLobe = null;
        if (oblique) {
            preLobe = Encoding.SharedLobe.forMaxArea(Math.max(Math.abs(preArea), Math.max(dky * n / 2, Math.abs(sliceRephase) + maxPart)), unit);
            preDur = preLobe.blockDuration(unit);
            spoilLobe = Encoding.SharedLobe.forMaxArea(Math.max(dky * n / 2, spoiler.area() + maxPart), unit);
            spoilDur = Math.max(spoilLobe.blockDuration(unit), preDur);
        }

        double minTe = (excDur - excCentre) + preDur + echoInReadout;
        if (te < minTe - 1e-9) throw new ParameterException("te", String.format("TE %.2f ms is shorter than the minimum %.2f ms for these parameters", te * 1e3, minTe * 1e3));
        double teFill = Trap.ceil(te - minTe, br);
        double trUsed = excDur + preDur + teFill + readDur + spoilDur;
        double minTr = Trap.ceil(excDur + preDur + Trap.ceil(0, br) + readDur + spoilDur + teFill, br);
        if (tr < minTr - 1e-9) throw new ParameterException("tr", String.format("TR %.1f ms is shorter than the minimum %.1f ms for these parameters", tr * 1e3, minTr * 1e3));
        double trFill = Trap.ceil(tr - trUsed, br);

        // Which points: 3D the whole grid or a variable-density Poisson disc, then partial Fourier along phase;
        // 2D the phase encodes of PhaseUndersampling.
        List<int[]> points;
        if (threeD) {
            SamplingMask mask = p.get("acceleration") > 1
                    ? PoissonDisc.variableDensity(n, parts, p.get("acceleration"), p.integer("calibration"), MASK_SEED)
                    : SamplingMask.full(n, parts);
            points = mask.withLinesFrom(SamplingMask.partialFourierFirstLine(n, p.get("partial_fourier"))).points(); // partition-major
        } else {
            points = new ArrayList<>();
            for (int line : PhaseUndersampling.lines(p, n, 1)) points.add(new int[] {line, 0});
        }

        List<Block> blocks = new ArrayList<>();
        int lines = 0, k = 0;
        double z = p.get("slice_position") * 1e-3;
        int total = points.size() * averages;
        for (int rep = -DUMMY_SCANS; rep < total; rep++, k++) {
            boolean dummy = rep < 0;
            int idx = Math.max(rep, 0);
            int[] point = points.get(idx % points.size());
            int line = dummy ? n / 2 : point[0];
            int part = dummy ? parts / 2 : point[1];
            int avg = dummy ? 0 : idx / points.size();
            double phase = 0.5 * RF_SPOIL_INCREMENT * k * (k + 1) % (2 * Math.PI);
            double ky = (line - n / 2) * dky, kz = threeD ? (part - parts / 2) * dkz : 0;
            blocks.add(new Block(excDur, rf.withPhaseAndOffset(phase, gSlice * z), null, null, ss, null));
            blocks.add(oblique
                    ? new Block(preDur, null, preLobe.lobe(preArea), preLobe.lobe(ky), preLobe.lobe(sliceRephase + kz), null)
                    : new Block(preDur, null, lobe(preArea, gmax, slew, gr), lobe(ky, gmax, slew, gr), lobe(sliceRephase + kz, gmax, slew, gr), null));
            if (teFill > 0) blocks.add(Block.delay(teFill));
            Adc adc = dummy ? null : new Adc(ro.rise(), n, dwell, phase, 0, new AdcCounters(line, part, avg, 0, 0, 0, 0, 0, 0), 0);
            blocks.add(new Block(readDur, null, ro, null, null, adc));
            // Rewind the phase and partition encodes; spoil on the slice axis.
            blocks.add(oblique
                    ? new Block(spoilDur, null, null, spoilLobe.lobe(-ky), spoilLobe.lobe(spoiler.area() - kz), null)
                    : new Block(spoilDur, null, null, lobe(-ky, gmax, slew, gr), lobe(spoiler.area() - kz, gmax, slew, gr), null));
            if (trFill > 0) blocks.add(Block.delay(trFill));
            if (!dummy) lines++;
        }
        Sequence seq = sequence(inPlane.applied(blocks), orient, fov, fov, thickness);
        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("te_actual_ms", (minTe + teFill) * 1e3);
        derived.put("te_min_ms", minTe * 1e3);
        derived.put("tr_min_ms", minTr * 1e3);
        derived.put("dwell_us", dwell * 1e6);
        derived.put("bandwidth_actual_hz_px", 1.0 / (dwell * n));
        derived.put("scan_time_s", seq.duration());
        derived.put("snr_relative", ProtocolMath.relativeSnr(fov, fov, thickness, n, n, parts, averages, dwell)
                * Math.sqrt((double) points.size() / (n * parts)));
        if (threeD) derived.put("acceleration_actual", (double) n * parts / points.size());
        else PhaseUndersampling.derived(derived, n, points.stream().mapToInt(q -> q[0]).toArray());
        ScanGeometry g = threeD
                ? new ScanGeometry(n, n, parts, fov * 1e3, fov * 1e3, thickness * 1e3 / parts, ScanGeometry.SlicePlane.of(orient, z * 1e3).positionLps(),
                orient.read(), orient.phase(), orient.slice(), averages)
                : ScanGeometry.stack(n, n, 1, fov * 1e3, fov * 1e3, thickness * 1e3, orient, z * 1e3, thickness * 1e3, averages);
        return new BuiltProtocol(name(), seq, inPlane.placed(g), lines, p.asMap(), derived);
    }

    private static Trap lobe(double area, double gmax, double slew, double raster) {
        return Math.abs(area) < 1e-9 ? null : Trap.forArea(area, gmax, slew, raster);
    }
}
