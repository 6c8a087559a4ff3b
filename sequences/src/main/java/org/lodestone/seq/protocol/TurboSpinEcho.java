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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turbo spin echo (RARE) in 2D (multi-slice) and 3D, optionally inversion-prepared (IR-SE = IR with
 * one echo per excitation, IR-TSE; STIR and FLAIR inversion times in the derived values).
 * <p>
 * A CPMG train: sinc 90° (phase 0), then {@code etl} crushed 180°s (phase 90°) at the echo spacing;
 * each echo has its own phase (and in 3D partition) encode before it and the rewinder after it.
 * The k-space points (all of them, or an undersampling mask) are sorted by the ordering into etl bands:
 * echo e of every shot reads band e. Linear: bands in ky order (the centre is read at the middle of the
 * train); centric: bands by distance from ky = 0 (the centre is read by the first echo). The echo index
 * goes into the MRD segment counter; the contrast counter stays 0 (one contrast).
 */
public final class TurboSpinEcho extends ProtocolDescription {
    static final double RF_DURATION = 3e-3;
    static final double RF_TIME_BANDWIDTH = 4;
    static final double RF_DWELL = 10e-6;
    /** Crusher area around each 180, cycles across a slice (2D) or a partition (3D). */
    static final double CRUSHER_CYCLES_2D = 4, CRUSHER_CYCLES_3D = 2;
    static final int DUMMY_SHOTS = 1;
    /** Seed of the undersampling mask: the same protocol always samples the same points. */
    static final long MASK_SEED = 5;

    public enum Variant { TSE2D, TSE3D, IRSE, IRTSE }

    private final Variant variant;

    private TurboSpinEcho(Variant variant) {
        boolean threeD = variant == Variant.TSE3D, ir = variant == Variant.IRSE || variant == Variant.IRTSE;
        List<ParameterSpec> p = new ArrayList<>(List.of(
                new ParameterSpec("fov", "Field of view", "mm", 240, 50, 400, false, "square field of view"),
                new ParameterSpec("matrix", "Matrix", "px", 128, 32, 512, true, "readout samples = phase encodes"),
                new ParameterSpec("slice_thickness", threeD ? "Slab thickness" : "Slice thickness", "mm", threeD ? 120 : 5, 2, 200, false, ""),
                new ParameterSpec("slice_position", "Slice position", "mm", 0, -150, 150, false, "centre along the slice direction")));
        if (threeD) {
            p.add(new ParameterSpec("partitions", "Partitions", "", 32, 4, 256, true, "encodes along the slab"));
            p.add(new ParameterSpec("acceleration", "Acceleration", "×", 1, 1, 8, false, "variable-density Poisson disc over phase × partition (1 = full)"));
            p.add(new ParameterSpec("calibration", "Calibration region", "px", 16, 4, 64, true, "fully sampled centre square (phase × partition)"));
        } else {
            p.add(new ParameterSpec("slices", "Slices", "", 1, 1, 64, true, "interleaved within each TR"));
            p.add(new ParameterSpec("slice_gap", "Slice gap", "mm", 0, 0, 100, false, "between adjacent slices"));
        }
        if (variant != Variant.IRSE) {
            p.add(new ParameterSpec("etl", "Echo train length", "", threeD ? 16 : 8, 2, 64, true, "echoes per excitation"));
        }
        p.add(new ParameterSpec("esp", "Echo spacing", "ms", 0, 0, 100, false, "between 180° pulses (0 = shortest)"));
        p.add(new ParameterSpec("ordering", "Ordering", "", 0, 0, 1, true, "0 linear (centre mid-train), 1 centric (centre first)"));
        if (threeD) p.add(new ParameterSpec("partial_fourier", "Partial Fourier", "", 1, 0.55, 1, false, "fraction of phase encodes acquired"));
        else p.addAll(PhaseUndersampling.parameters(true));
        double defaultTr = switch (variant) {
            case TSE2D -> 2000;
            case TSE3D -> 1000;
            case IRSE -> 2000;
            case IRTSE -> 6000;
        };
        p.add(new ParameterSpec("tr", "TR", "ms", defaultTr, 10, 20000, false, "repetition time"));
        if (ir) {
            double defaultTi = variant == Variant.IRSE ? InversionTiming.nullingTiMs(InversionTiming.FAT_T1_MS, defaultTr)
                    : InversionTiming.nullingTiMs(InversionTiming.CSF_T1_MS, defaultTr);
            p.add(new ParameterSpec("ti", "TI", "ms", Math.round(defaultTi), 10, 10000, false,
                    "inversion time (derived: ti_stir_ms nulls fat, ti_flair_ms nulls CSF at this TR)"));
        }
        p.add(new ParameterSpec("averages", "Averages", "", 1, 1, 32, true, ""));
        p.add(new ParameterSpec("bandwidth", "Receiver bandwidth", "Hz/px", 150, 20, 5000, false, "per pixel"));
        p.addAll(Encoding.orientationParameters());
        super(switch (variant) {
            case TSE2D -> "tse2d";
            case TSE3D -> "tse3d";
            case IRSE -> "ir-se";
            case IRTSE -> "ir-tse";
        }, switch (variant) {
            case TSE2D -> "2D turbo spin echo (RARE)";
            case TSE3D -> "3D turbo spin echo";
            case IRSE -> "Inversion recovery spin echo (STIR by default)";
            case IRTSE -> "Inversion recovery turbo spin echo (FLAIR by default)";
        }, p);
        this.variant = variant;
    }

    public static TurboSpinEcho tse2d() {
        return new TurboSpinEcho(Variant.TSE2D);
    }

    public static TurboSpinEcho tse3d() {
        return new TurboSpinEcho(Variant.TSE3D);
    }

    public static TurboSpinEcho irse() {
        return new TurboSpinEcho(Variant.IRSE);
    }

    public static TurboSpinEcho irtse() {
        return new TurboSpinEcho(Variant.IRTSE);
    }

    @Override
    public BuiltProtocol build(Map<String, Double> values, UnitProfile unit) throws ParameterException {
        ParameterValues p = resolve(values);
        boolean threeD = variant == Variant.TSE3D, ir = variant == Variant.IRSE || variant == Variant.IRTSE;
        int n = p.integer("matrix");
        if (n % 2 != 0) throw new ParameterException("matrix", "Matrix must be even");
        int parts = threeD ? p.integer("partitions") : 1;
        if (parts % 2 != 0 && threeD) throw new ParameterException("partitions", "Partitions must be even");
        int etl = variant == Variant.IRSE ? 1 : p.integer("etl");
        int slices = threeD ? 1 : p.integer("slices");
        double fov = p.get("fov") * 1e-3, thickness = p.get("slice_thickness") * 1e-3;
        double tr = p.get("tr") * 1e-3;
        int averages = p.integer("averages");
        double bw = p.get("bandwidth");
        boolean centric = p.integer("ordering") == 1;
        SliceOrientation orient = Encoding.orientation(p);
        InPlaneOffset inPlane = InPlaneOffset.of(p, fov, fov);
        if (threeD) inPlane = inPlane.withSlabCentre(p.get("slice_position") * 1e-3); // partitions centred on the slab
        double br = unit.blockRaster(), gr = unit.gradientRaster();

        double dwell = Encoding.dwell(bw, n, unit, 2);
        double gRead = Encoding.readGradient(fov, dwell, bw, unit);
        double gSlice = Encoding.sliceGradient(RF_TIME_BANDWIDTH, RF_DURATION, thickness, unit);

        // Which points: 3D the whole grid or a Poisson-disc mask, then partial Fourier along phase; 2D the phase
        // encodes of PhaseUndersampling, whole echo trains of them, which the ordering below spreads over the trains.
        List<int[]> points = new ArrayList<>();
        if (threeD) {
            SamplingMask mask = p.get("acceleration") > 1
                    ? PoissonDisc.variableDensity(n, parts, p.get("acceleration"), p.integer("calibration"), MASK_SEED)
                    : SamplingMask.full(n, parts);
            points.addAll(mask.withLinesFrom(SamplingMask.partialFourierFirstLine(n, p.get("partial_fourier"))).points());
        } else {
            for (int line : PhaseUndersampling.lines(p, n, etl)) points.add(new int[] {line, 0});
        }
        int shots = (points.size() + etl - 1) / etl;

        // Events.
        Trap ssExc = Trap.withFlat(gSlice, RF_DURATION, unit.maxSlew(), gr);
        Rf rf90 = Rf.sinc(Math.PI / 2, RF_DURATION, RF_TIME_BANDWIDTH, RF_DWELL, ssExc.rise(), 0, Rf.Use.EXCITATION);
        double excDur = Trap.ceil(ssExc.duration(), br), excCentre = rf90.delay() + RF_DURATION / 2;
        Rf rf180 = Rf.sinc(Math.PI, RF_DURATION, RF_TIME_BANDWIDTH, RF_DWELL, ssExc.rise(), Math.PI / 2, Rf.Use.REFOCUSING);
        double refDur = excDur, refCentre = excCentre;
        Encoding.Readout ro = Encoding.Readout.of(gRead, n, dwell, unit);
        double voxelZ = thickness / parts;
        double crush = (threeD ? CRUSHER_CYCLES_3D : CRUSHER_CYCLES_2D) / voxelZ;
        double dky = 1 / fov, dkz = 1 / thickness;
        double maxKy = dky * n / 2, maxKz = threeD ? dkz * parts / 2 : 0;
        double sliceRephase = -(gSlice * RF_DURATION / 2 + gSlice * ssExc.fall() / 2);
        Encoding.SharedLobe pre = Encoding.SharedLobe.forMaxArea(Math.max(ro.prephaseArea(), Math.abs(sliceRephase + crush)), unit);
        Encoding.SharedLobe enc = Encoding.SharedLobe.forMaxArea(Math.max(maxKy, crush + maxKz), unit);
        double preDur = pre.blockDuration(unit), encDur = enc.blockDuration(unit);
        Trap spoiler = Trap.forArea(4 * crush, unit.maxGradient(), unit.maxSlew(), gr);
        double spoilDur = Trap.ceil(spoiler.duration(), br);

        // Echo spacing: 90→180 is half of it, 180→echo and echo→180 are half of it.
        double firstHalf = (excDur - excCentre) + preDur + refCentre;
        double echoBefore = (refDur - refCentre) + encDur + ro.echoTime();
        double echoAfter = (ro.duration() - ro.echoTime()) + encDur + refCentre;
        double espMin = 2 * Trap.ceil(Math.max(firstHalf, Math.max(echoBefore, echoAfter)), br);
        double espAsked = p.get("esp") * 1e-3;
        if (espAsked > 0 && espAsked < espMin - 1e-9) {
            throw new ParameterException("esp", String.format("Echo spacing %.2f ms is shorter than the minimum %.2f ms for these parameters", espAsked * 1e3, espMin * 1e3));
        }
        double esp = espAsked > 0 ? 2 * Trap.ceil(espAsked / 2, br) : espMin;
        double padFirst = Encoding.onBlockRaster(esp / 2 - firstHalf, unit, "first half echo spacing");
        double padBefore = Encoding.onBlockRaster(esp / 2 - echoBefore, unit, "echo spacing before the echo");
        double padAfter = Encoding.onBlockRaster(esp / 2 - echoAfter, unit, "echo spacing after the echo");

        // Inversion: slice-selective 180 (same profile), spoiler, wait.
        double ti = ir ? p.get("ti") * 1e-3 : 0;
        Rf inv = Rf.sinc(Math.PI, RF_DURATION, RF_TIME_BANDWIDTH, RF_DWELL, ssExc.rise(), 0, Rf.Use.INVERSION);
        double tiMin = ir ? (excDur - excCentre) + spoilDur + excCentre : 0;
        if (ir && ti < tiMin - 1e-9) {
            throw new ParameterException("ti", String.format("TI %.1f ms is shorter than the minimum %.1f ms", ti * 1e3, tiMin * 1e3));
        }
        double tiFill = ir ? Trap.ceil(ti - tiMin, br) : 0;
        double invPart = ir ? excDur + spoilDur + tiFill : 0;
        double train = excDur + preDur + padFirst + etl * (refDur + 2 * encDur + padBefore + padAfter + ro.duration()) + spoilDur;
        double slot = invPart + train;
        double minTr = Trap.ceil(slices * slot, br);
        if (tr < minTr - 1e-9) {
            throw new ParameterException("tr", String.format("TR %.1f ms is shorter than the minimum %.1f ms for these parameters (%d slice%s × %.1f ms)",
                    tr * 1e3, minTr * 1e3, slices, slices == 1 ? "" : "s", slot * 1e3));
        }
        double trFill = Trap.ceil(tr - slices * slot, br);
        double spacing = thickness + (threeD ? 0 : p.get("slice_gap") * 1e-3);
        double stackCentre = p.get("slice_position") * 1e-3;
        if (Math.abs(stackCentre) + spacing * (slices - 1) / 2 + thickness / 2 > 0.2) {
            throw new ParameterException(threeD ? "slice_thickness" : "slices", "the slices reach beyond ±200 mm from the centre");
        }

        // Ordering: echo e of shot s reads band e, point s of it.
        int cy = n / 2, cz = parts / 2;
        Comparator<int[]> byOrder = centric
                ? Comparator.<int[]>comparingInt(q -> Math.abs(q[0] - cy)).thenComparingInt(q -> q[0]).thenComparingInt(q -> q[1])
                : Comparator.<int[]>comparingInt(q -> q[0]).thenComparingInt(q -> q[1]);
        points.sort(byOrder);
        int[][][] plan = new int[shots][etl][];
        int centreEcho = 0;
        for (int e = 0; e < etl; e++) {
            List<int[]> band = new ArrayList<>(points.subList(Math.min(points.size(), e * shots), Math.min(points.size(), (e + 1) * shots)));
            band.sort(Comparator.<int[]>comparingInt(q -> q[1]).thenComparingInt(q -> q[0]));
            for (int s = 0; s < band.size(); s++) {
                plan[s][e] = band.get(s);
                if (band.get(s)[0] == cy && band.get(s)[1] == cz) centreEcho = e;
            }
        }

        List<Block> blocks = new ArrayList<>();
        int lines = 0;
        for (int rep = -DUMMY_SHOTS; rep < shots * averages; rep++) {
            boolean dummy = rep < 0;
            int shot = dummy ? 0 : rep % shots, avg = dummy ? 0 : rep / shots;
            for (int slice = 0; slice < slices; slice++) {
                double z = stackCentre + (slice - (slices - 1) / 2.0) * spacing;
                double offset = gSlice * z;
                if (ir) {
                    blocks.add(new Block(excDur, inv.withPhaseAndOffset(0, offset), null, null, ssExc, null));
                    blocks.add(new Block(spoilDur, null, null, null, spoiler, null));
                    if (tiFill > 0) blocks.add(Block.delay(tiFill));
                }
                blocks.add(new Block(excDur, rf90.withPhaseAndOffset(0, offset), null, null, ssExc, null));
                blocks.add(new Block(preDur, null, pre.lobe(ro.prephaseArea()), null, pre.lobe(sliceRephase + crush), null));
                if (padFirst > 0) blocks.add(Block.delay(padFirst));
                for (int e = 0; e < etl; e++) {
                    int[] q = plan[shot][e];
                    double ky = q == null ? 0 : (q[0] - cy) * dky, kz = q == null || !threeD ? 0 : (q[1] - cz) * dkz;
                    blocks.add(new Block(refDur, rf180.withPhaseAndOffset(Math.PI / 2, offset), null, null, ssExc, null));
                    blocks.add(new Block(encDur, null, null, enc.lobe(ky), enc.lobe(crush + kz), null));
                    if (padBefore > 0) blocks.add(Block.delay(padBefore));
                    Adc adc = dummy || q == null ? null : new Adc(ro.adcDelay(), n, dwell, 0, 0,
                            new AdcCounters(q[0], threeD ? q[1] : 0, avg, slice, 0, 0, 0, 0, e), 0);
                    blocks.add(new Block(ro.duration(), null, ro.trap(), null, null, adc));
                    if (adc != null) lines++;
                    if (padAfter > 0) blocks.add(Block.delay(padAfter));
                    blocks.add(new Block(encDur, null, null, enc.lobe(-ky), enc.lobe(crush - kz), null));
                }
                blocks.add(new Block(spoilDur, null, null, null, spoiler, null));
            }
            if (trFill > 0) blocks.add(Block.delay(trFill));
        }
        Sequence seq = sequence(inPlane.applied(blocks), orient, fov, fov, thickness);
        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("esp_ms", esp * 1e3);
        derived.put("esp_min_ms", espMin * 1e3);
        derived.put("te_effective_ms", esp * (centreEcho + 1) * 1e3);
        derived.put("tr_min_ms", minTr * 1e3);
        derived.put("shots", (double) shots);
        derived.put("dwell_us", dwell * 1e6);
        derived.put("bandwidth_actual_hz_px", 1.0 / (dwell * n));
        derived.put("readout_gradient_mT_m", Physics.hzPerMToMTPerM(gRead));
        derived.put("scan_time_s", seq.duration());
        derived.put("acceleration_actual", (double) n * parts / points.size());
        if (!threeD) derived.put("lines_per_slice", (double) points.size());
        double snr = ProtocolMath.relativeSnr(fov, fov, thickness, n, n, parts, averages, dwell) * Math.sqrt((double) points.size() / (n * parts));
        derived.put("snr_relative", snr);
        if (ir) {
            derived.put("ti_min_ms", tiMin * 1e3);
            derived.put("ti_stir_ms", InversionTiming.nullingTiMs(InversionTiming.FAT_T1_MS, tr * 1e3));
            derived.put("ti_flair_ms", InversionTiming.nullingTiMs(InversionTiming.CSF_T1_MS, tr * 1e3));
        }
        ScanGeometry g = threeD
                ? new ScanGeometry(n, n, parts, fov * 1e3, fov * 1e3, voxelZ * 1e3, ScanGeometry.SlicePlane.of(orient, stackCentre * 1e3).positionLps(),
                orient.read(), orient.phase(), orient.slice(), averages)
                : ScanGeometry.stack(n, n, slices, fov * 1e3, fov * 1e3, thickness * 1e3, orient, stackCentre * 1e3, spacing * 1e3, averages);
        return new BuiltProtocol(name(), seq, inPlane.placed(g), lines * 1, p.asMap(), derived);
    }
}
