package org.lodestone.twin.physics;

import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.hw.program.GradientWaveform;
import org.lodestone.twin.phantom.Phantom;
import org.lodestone.twin.phantom.Tissue;
import org.lodestone.twin.truth.TruthVolume;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One scan of one program: an isochromat Bloch simulation in the excited sheet, advanced block
 * by block in program order so the caller can pace delivery and abort between blocks.
 *
 * <p>Transverse magnetisation is m = Mx + iMy; a spin whose frequency is above the receiver's
 * carrier accumulates phase +2π·Δf·t, so the demodulated signal of an isochromat at r is
 * m·exp(+i2π(Δf·t + k·r)), k = ∫G dt in cycles/m. Each isochromat carries a pending phase that
 * free precession adds to cheaply; it is turned into a rotation of m only where it matters (RF
 * pulses and ADC windows). Isochromats are sorted by tissue and processed in tiles of
 * {@value #TILE}; ADC sums are reduced per tile and then over tiles in a fixed order, so the
 * result does not depend on the number of threads.
 */
public final class ScanSimulation {
    static final int TILE = 256;
    private static final double TWO_PI = 2 * Math.PI;
    private static final double MAX_ISO_SPACING_M = 0.0015;
    private static final double DEFAULT_VOXEL_M = 0.002;
    /**
     * 2D: isochromats spread over ±½ of this along the slice axis (at regular depths, see
     * {@link #DEPTHS_2D}), so gradient areas on that axis (crushers, spoilers) dephase unwanted
     * coherence pathways, while balanced slice-select/rephaser and crusher pairs leave the wanted
     * echo untouched. It is not the program's slice thickness (no slice profile).
     */
    static final double SLICE_SPREAD_M = 0.005;

    private final ScannerModel model;
    private final DeviceProgram program;
    private final ProgramAnalysis analysis;
    private AcquisitionSettings settings; // replaced between blocks by settings sent mid-scan
    private final long scanIndex;
    private final double tickS;
    private final double startTwinS;
    private final GradientChain gradients;
    private final double txEfficiency;
    private final double rxEfficiency;
    private final double b0NominalT;
    private final int outChannels;
    private final double[] maxAbsPos = new double[3];
    private double blockFieldHz; // true Larmor − set frequency during the current block

    // isochromats
    private final int n;
    private final double[][] pos; // [axis][iso]
    private final double[] df;
    private final double[] m0;
    private final double[] mre;
    private final double[] mim;
    private final double[] mz;
    private final double[] ph;
    private final double[] rss;
    private final double[] c0r, c0i, c1r, c1i;
    private final double[] truthMag;
    private final int[] tileFrom, tileTo, tileTissue;
    private final Tissue[] tissues;
    private final int pointsPerVoxel;
    private final int layers;
    /**
     * 2D: depths per in-plane sub-point. With the 2×2 sub-grid that is 12 regular depths per voxel
     * across the sheet (measured on se2d: centre-row zipper 32 → 3.5 against 1.2 when converged;
     * 8 regular depths alias a two-crusher moment of 8 cycles and were worse), or 4 (one per
     * sub-point: zipper 7) when the grid would exceed {@link #MAX_2D_GRID_POINTS} (over the phantom's
     * bounding disc; 128² gets 12 depths, 256² gets 4), to stay faster than real time.
     */
    static final int DEPTHS_2D = 3;
    static final double MAX_2D_GRID_POINTS = 200_000;
    /** 3D: above this many sub-grid points (over the phantom's bounding disc × partitions), one isochromat per voxel in-plane. */
    static final double MAX_3D_SUBGRID_POINTS = 600_000;
    private final int depths;
    // TRANSFORM windows: per isochromat coefficient, Taylor argument and frequency bin of the current segment
    private double[] segRe, segIm, segZ;
    private int[] segBin;
    private ReadoutTransform transform;

    // program-order state
    private int nextBlock;
    private int adcCounter;
    private double clockS; // reversible-dephasing clock: time since excitation, negated by refocusing
    private TruthVolume truth;

    ScanSimulation(ScannerModel model, DeviceProgram program, AcquisitionSettings settings, long scanIndex, double startTwinS) {
        this.model = model;
        this.program = program;
        this.analysis = new ProgramAnalysis(program);
        this.settings = settings;
        this.scanIndex = scanIndex;
        this.tickS = program.tickNs() * 1e-9;
        this.startTwinS = startTwinS;
        HiddenParameters hp = model.hidden();
        this.gradients = new GradientChain(hp.gradients(), program.tickNs());
        this.b0NominalT = hp.nominalB0Tesla();
        double larmor0 = model.thermal().larmorHz(startTwinS);
        double eff = hp.coil().efficiency(hp.nominalLarmorHz(), larmor0, settings.tuneCode(), settings.matchCode());
        this.txEfficiency = eff;
        this.rxEfficiency = eff;
        this.outChannels = CoilArray.CHANNELS + (model.emi() == null ? 0 : 1);

        Phantom phantom = model.phantom();
        int[] axes = analysis.inPlaneAxes();
        int sl = analysis.sliceAxis();
        ProgramAnalysis.Geometry g = analysis.geometry();
        double[] delta = new double[2];
        int[] sub = new int[2];
        double r = phantom.halfExtentM();
        for (int k = 0; k < 2; k++) {
            double d = DEFAULT_VOXEL_M;
            if (g != null && axes[k] == g.readAxis()) d = g.fovReadM() / g.nRead();
            if (g != null && axes[k] == g.phaseAxis()) d = g.fovPhaseM() / g.nPhase();
            delta[k] = d;
            sub[k] = Math.max(2, 2 * (int) Math.ceil(d / (2 * MAX_ISO_SPACING_M)));
        }
        // 3D: one layer of isochromats per partition, at random depths inside it; 2D: one sheet
        boolean threeD = g != null && g.is3d() && g.partitionAxis() == sl;
        layers = threeD ? g.nPartition() : 1;
        // 3D: large grids get one isochromat per voxel in-plane, at its centre (4× fewer than the 2×2
        // sub-grid, which made the default 3D protocols ~3.5× slower than real time); their intra-voxel
        // dephasing then comes only from each isochromat's random depth within its partition. Small slabs
        // keep the sub-grid (a 32×32×8 TSE: Pearson vs truth 0.90 with it, 0.78 without). See the README.
        if (threeD && Math.PI * r * r * sub[0] * sub[1] / (delta[0] * delta[1]) * g.nPartition() > MAX_3D_SUBGRID_POINTS) {
            sub[0] = sub[1] = 1;
        }
        double layerThickness = threeD ? g.fovPartitionM() / layers : SLICE_SPREAD_M;
        double estimate = Math.PI * r * r * sub[0] * sub[1] / (delta[0] * delta[1]) * layers;
        if (estimate > 3e6) sub[0] = sub[1] = 1; // very fine grids: one isochromat per voxel
        depths = threeD || estimate * DEPTHS_2D > MAX_2D_GRID_POINTS ? 1 : DEPTHS_2D;
        pointsPerVoxel = sub[0] * sub[1];

        List<Tissue> tissueList = phantom.tissues();
        Tissue[] own = tissueList.toArray(Tissue[]::new);
        tissues = new Tissue[own.length];
        for (int t = 0; t < own.length; t++) tissues[t] = own[t].atField(b0NominalT);
        Map<Tissue, Integer> index = new IdentityHashMap<>();
        for (int t = 0; t < own.length; t++) index.put(own[t], t);
        List<List<double[]>> byTissue = new ArrayList<>();
        for (int t = 0; t < tissues.length; t++) byTissue.add(new ArrayList<>());
        int qa = (int) Math.ceil(r / delta[0]) + 1;
        int qb = (int) Math.ceil(r / delta[1]) + 1;
        double z0 = analysis.slicePositionM();
        double[] p = new double[3];
        for (int l = 0; l < layers; l++) {
            double zc = threeD ? z0 + (l - layers / 2) * layerThickness : z0;
            p[sl] = zc;
            for (int ia = -qa; ia <= qa; ia++) {
                for (int sa = 0; sa < sub[0]; sa++) {
                    double u = (ia + (sa + 0.5) / sub[0] - 0.5) * delta[0];
                    p[axes[0]] = u;
                    for (int ib = -qb; ib <= qb; ib++) {
                        for (int sb = 0; sb < sub[1]; sb++) {
                            double v = (ib + (sb + 0.5) / sub[1] - 0.5) * delta[1];
                            p[axes[1]] = v;
                            Tissue t = phantom.tissueAt(p[0], p[1], p[2]);
                            if (t == null || t.protonDensity() <= 0) continue;
                            if (threeD) {
                                byTissue.get(index.get(t)).add(new double[] {u, v, zc});
                                continue;
                            }
                            // 2D: the voxel's sub-points share one regular set of depths, interleaved
                            // (sub-point s holds depths s, s + S, s + 2S, … of S·D), shifted by a random
                            // fraction per voxel: a gradient moment of q cycles across the sheet
                            // then cancels exactly unless q is a multiple of S·D.
                            int sIdx = sa * sub[1] + sb, slots = pointsPerVoxel * depths;
                            double shift = voxelShift(hp.seed(), ia, ib);
                            for (int j = 0; j < depths; j++) {
                                double z = zc + ((sIdx + pointsPerVoxel * j + shift) / slots - 0.5) * layerThickness;
                                byTissue.get(index.get(t)).add(new double[] {u, v, z});
                            }
                        }
                    }
                }
            }
        }
        int count = 0;
        int tiles = 0;
        for (List<double[]> l : byTissue) {
            count += l.size();
            tiles += (l.size() + TILE - 1) / TILE;
        }
        n = count;
        pos = new double[3][n];
        df = new double[n];
        m0 = new double[n];
        mre = new double[n];
        mim = new double[n];
        mz = new double[n];
        ph = new double[n];
        rss = new double[n];
        c0r = new double[n];
        c0i = new double[n];
        c1r = new double[n];
        c1i = new double[n];
        truthMag = new double[n];
        tileFrom = new int[tiles];
        tileTo = new int[tiles];
        tileTissue = new int[tiles];
        double area = delta[0] / sub[0] * delta[1] / sub[1] * 1e6 / depths; // mm²
        if (threeD) area *= layerThickness / SLICE_SPREAD_M; // keep the 2D signal unit: PD × mm² × 5 mm
        double larmorRef = hp.nominalLarmorHz();
        double[] gs = hp.gradients().scale();
        CoilArray coils = model.coils();
        SplittableRandom zr = new SplittableRandom(hp.seed() ^ 0x5DEECE66DL);
        int i = 0;
        int tile = 0;
        for (int t = 0; t < tissues.length; t++) {
            List<double[]> l = byTissue.get(t);
            for (int from = 0; from < l.size(); from += TILE) {
                tileFrom[tile] = i + from;
                tileTo[tile] = i + Math.min(l.size(), from + TILE);
                tileTissue[tile] = t;
                tile++;
            }
            for (double[] uvz : l) {
                pos[axes[0]][i] = uvz[0];
                pos[axes[1]][i] = uvz[1];
                pos[sl][i] = threeD ? uvz[2] + (zr.nextDouble() - 0.5) * layerThickness : uvz[2];
                double x = pos[0][i], y = pos[1][i], z = pos[2][i];
                // static part; the (time-dependent) isocentre Larmor − set frequency is added per block
                df[i] = larmorRef * 1e-6 * hp.inhomogeneityPpm(x, y, z)
                        + gs[0] * settings.shimXHzPerM() * x + gs[1] * settings.shimYHzPerM() * y + gs[2] * settings.shimZHzPerM() * z;
                m0[i] = tissues[t].protonDensity() * area;
                mz[i] = m0[i];
                double[] s0 = coils.sensitivity(0, x, y, z);
                double[] s1 = coils.sensitivity(1, x, y, z);
                c0r[i] = s0[0];
                c0i[i] = s0[1];
                c1r[i] = s1[0];
                c1i[i] = s1[1];
                rss[i] = Math.sqrt(s0[0] * s0[0] + s0[1] * s0[1] + s1[0] * s1[0] + s1[1] * s1[1]);
                for (int ax = 0; ax < 3; ax++) maxAbsPos[ax] = Math.max(maxAbsPos[ax], Math.abs(pos[ax][i]));
                i++;
            }
        }
    }

    /** A fraction in [0, 1) per in-plane voxel, from the seed: where the voxel's regular set of depths starts. */
    static double voxelShift(long seed, int ia, int ib) {
        long h = mix(seed ^ 0x5DEECE66DL, ia, ib);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Amplitude efficiency of the coil at this scan's Larmor frequency and tune/match codes (transmit and receive). */
    public double coilEfficiency() {
        return rxEfficiency;
    }

    /** Twin time at which the scan started, seconds. */
    public double startTwinS() {
        return startTwinS;
    }

    public int isochromats() {
        return n;
    }

    public ProgramAnalysis analysis() {
        return analysis;
    }

    public int blockCount() {
        return program.blocks().size();
    }

    public int nextBlock() {
        return nextBlock;
    }

    /** Program time at the start of block b, seconds. */
    public double blockStartS(int b) {
        return analysis.blockStartTicks(b) * tickS;
    }

    public double durationS() {
        return program.durationSeconds();
    }

    /** The ideal noiseless image, once the k-space centre line has been simulated (else null). */
    public TruthVolume truth() {
        return truth;
    }

    /**
     * Settings the host sent during the scan take effect from the next block, as on the board: the
     * carrier at once (per block), a shim change as a static field change of every isochromat.
     */
    public void updateSettings(AcquisitionSettings next) {
        double[] gs = model.hidden().gradients().scale();
        double dx = gs[0] * (next.shimXHzPerM() - settings.shimXHzPerM()), dy = gs[1] * (next.shimYHzPerM() - settings.shimYHzPerM()),
                dz = gs[2] * (next.shimZHzPerM() - settings.shimZHzPerM());
        if (dx != 0 || dy != 0 || dz != 0) for (int i = 0; i < n; i++) df[i] += dx * pos[0][i] + dy * pos[1][i] + dz * pos[2][i];
        settings = next;
    }

    public AcquisitionSettings settings() {
        return settings;
    }

    /** Runs every remaining block; returns the ADC lines. */
    public List<SimulatedLine> runAll() {
        List<SimulatedLine> out = new ArrayList<>();
        while (nextBlock < blockCount()) {
            SimulatedLine l = simulateNextBlock();
            if (l != null) out.add(l);
        }
        return out;
    }

    // ---- per-block operations, computed once and applied to every tile ----

    private sealed interface Op permits Free, Rot, Adc, AdcSegment, AdcEnd {
    }

    /** Free precession and relaxation for dt, with gradient areas (cycles/m) per axis. */
    private record Free(double dt, double a0, double a1, double a2, double phase0) implements Op {
    }

    private record Rot(double[] r) implements Op {
    }

    /**
     * An ADC window. {@code cum[k]} is the real gradient area from sample 0 to sample k (cycles/m per axis).
     * TRANSFORM: the samples split into segments {@code segStart[s] .. segStart[s+1]−1} over which the area
     * is linear in the sample index to within {@value #SEGMENT_PHASE_TOLERANCE_RAD} rad at the object's
     * extent (slope {@code segBase[s]}), each summed by {@link ReadoutTransform}; EXACT: one sin/cos per
     * isochromat and sample with {@code steps[k]} = area from sample k−1 to k. {@code partial[p]} holds
     * the coil sums of tissue {@code partialTissue[p]}. {@code capture} ≥ 0 records |m| at that sample for the truth image.
     */
    private record Adc(int samples, double dwellS, AdcMode mode, double[][] steps, double[][] cum, int[] segStart,
                       double[][] segBase, boolean[][] segAxes, double fieldHz, int capture, double[][] partial,
                       int[] partialTissue) implements Op {
    }

    /** Per isochromat, the coefficient, frequency bin and Taylor argument of segment {@code segment} of a TRANSFORM window. */
    private record AdcSegment(Adc adc, int segment) implements Op {
    }

    /** The end of a TRANSFORM window: m rotated and relaxed to the last sample. */
    private record AdcEnd(Adc adc) implements Op {
    }

    private enum AdcMode { TRANSFORM, EXACT }

    /**
     * Largest phase error left in a TRANSFORM window (at the farthest isochromat), radians. Eddy currents
     * make the readout area slightly non-linear in time: within a segment the phase is the linear part
     * plus a residual ρ = 2π·R_j·r that is applied to first order (e^{iρ} ≈ 1 + iρ, error ρ²/2), except on
     * the axes where it is smallest that together stay below half of this, where it is ignored; the window
     * is split until that error is below this (the earlier per-sample 2nd-order correction left up to ~6e-4 rad).
     * With 5e-4, the eddy-current bend of ~0.1 rad in the bench's readouts takes 2–3 segments.
     */
    static final double SEGMENT_PHASE_TOLERANCE_RAD = 5e-4;

    /** Simulates the next block; returns its ADC line, or null if it has none. */
    public SimulatedLine simulateNextBlock() {
        return simulateNextBlock(true, true);
    }

    /**
     * Simulates the next block with the amplifiers as their enable lines are: an RF amplifier whose enable is low
     * transmits nothing (the block's pulse is not played), a gradient amplifier whose enable is low drives no
     * current (no gradient area, no phase from it). The receiver still samples.
     */
    public SimulatedLine simulateNextBlock(boolean rfAmplifierOn, boolean gradientAmplifierOn) {
        rfOn = rfAmplifierOn;
        gradientsOn = gradientAmplifierOn;
        int b = nextBlock++;
        ProgramBlock blk = program.blocks().get(b);
        gradients.enter(blk, b == 0);
        blockFieldHz = model.thermal().larmorHz(startTwinS + blockStartS(b)) - settings.frequencyHz();
        List<Op> ops = new ArrayList<>(4);
        RfPulse rf = blk.rf();
        AdcWindow adc = blk.adc();
        double tc = rf == null ? 0 : ProgramAnalysis.rfCentreTicks(rf);
        double t0 = adc == null ? 0 : ProgramAnalysis.sampleTicks(adc, 0, program.tickNs());
        double tLast = adc == null ? 0 : ProgramAnalysis.sampleTicks(adc, adc.samples() - 1, program.tickNs());
        double tPrev = 0;
        boolean rfFirst = rf != null && (adc == null || tc <= t0);
        if (rfFirst) {
            tPrev = addFree(ops, blk, tPrev, tc);
            if (rfOn) ops.add(rotation(b, rf));
        }
        Adc adcOp = null;
        double clock0 = 0;
        int adcIndex = -1;
        if (adc != null) {
            adcIndex = adcCounter++;
            tPrev = addFree(ops, blk, tPrev, t0);
            clock0 = clockS;
            adcOp = adcOp(blk, adc, t0, adcIndex);
            ops.add(adcOp);
            clockS += (tLast - t0) * tickS;
            tPrev = tLast;
        }
        if (rf != null && !rfFirst) {
            tPrev = addFree(ops, blk, tPrev, Math.max(tc, tPrev));
            if (rfOn) ops.add(rotation(b, rf));
        }
        addFree(ops, blk, tPrev, blk.durationTicks());
        run(ops);
        if (adcOp == null) return null;
        return finishAdc(b, adc, adcOp, adcIndex, clock0);
    }

    /** Amplifier enables for the block being simulated (both on unless a caller says otherwise). */
    private boolean rfOn = true;
    private boolean gradientsOn = true;

    /** Gradient area the spins see: none while the gradient amplifier is disabled. */
    private double area(int axis, double from, double to) {
        return gradientsOn ? gradients.area(axis, from, to) : 0;
    }

    private double addFree(List<Op> ops, ProgramBlock blk, double from, double to) {
        if (to <= from) return from;
        double dt = (to - from) * tickS;
        ops.add(new Free(dt, area(0, from, to), area(1, from, to), area(2, from, to),
                TWO_PI * Math.IEEEremainder(blockFieldHz * dt, 1.0)));
        clockS += dt;
        return to;
    }

    private Rot rotation(int b, RfPulse rf) {
        ProgramAnalysis.RfEquivalent eq = ProgramAnalysis.equivalent(rf, program.tickNs());
        double alpha = TWO_PI * eq.areaTurns() * model.hidden().rfScale() * settings.transmitScale() * txEfficiency;
        // phase of the carrier-offset RF at its centre, relative to the receiver's rotating frame
        double phi = eq.phaseRad() + TWO_PI * eq.frequencyOffsetHz() * rf.durationTicks() / 2.0 * tickS;
        double nx = Math.cos(phi), ny = Math.sin(phi);
        double c = Math.cos(alpha), s = Math.sin(alpha), oc = 1 - c;
        double[] r = {
            c + oc * nx * nx, oc * nx * ny, s * ny,
            oc * nx * ny, c + oc * ny * ny, -s * nx,
            -s * ny, s * nx, c};
        switch (analysis.role(b)) {
            case EXCITATION -> clockS = 0;
            case REFOCUSING -> clockS = -clockS;
            case INVERSION -> { }
        }
        return new Rot(r);
    }

    private Adc adcOp(ProgramBlock blk, AdcWindow adc, double t0, int adcIndex) {
        int tick = program.tickNs();
        int ns = adc.samples();
        double dwellS = adc.dwellNs() * 1e-9;
        // gradient area between consecutive samples, from the real (scaled, delayed, eddy) gradient
        double[][] steps = new double[ns][3];
        double[][] cum = new double[ns][3];
        for (int k = 1; k < ns; k++) {
            double a = ProgramAnalysis.sampleTicks(adc, k - 1, tick);
            double bT = ProgramAnalysis.sampleTicks(adc, k, tick);
            for (int ax = 0; ax < 3; ax++) {
                steps[k][ax] = area(ax, a, bT);
                cum[k][ax] = cum[k - 1][ax] + steps[k][ax];
            }
        }
        ProgramAnalysis.Geometry geo = analysis.geometry();
        int capture = geo != null && geo.centreAdc() == adcIndex ? ns / 2 : -1;
        int[] seg = segments(cum, ns);
        if (seg == null) {
            return new Adc(ns, dwellS, AdcMode.EXACT, steps, cum, null, null, null, blockFieldHz, capture,
                    new double[tileFrom.length][4 * ns], tileTissue);
        }
        double[][] segBase = new double[seg.length - 1][3];
        boolean[][] segAxes = new boolean[seg.length - 1][3];
        int longest = 1;
        for (int s = 0; s + 1 < seg.length; s++) {
            int first = seg[s], last = seg[s + 1] - 1;
            longest = Math.max(longest, last - first + 1);
            for (int ax = 0; ax < 3; ax++) segBase[s][ax] = last > first ? (cum[last][ax] - cum[first][ax]) / (last - first) : 0;
            segAxes[s] = correctedAxes(residualRad(cum, first, last - first + 1));
        }
        if (transform == null || 4 * longest > transform.gridSize()) transform = new ReadoutTransform(tissues.length, CoilArray.CHANNELS, longest);
        int[] identity = new int[tissues.length];
        for (int t = 0; t < identity.length; t++) identity[t] = t;
        return new Adc(ns, dwellS, AdcMode.TRANSFORM, null, cum, seg, segBase, segAxes, blockFieldHz, capture,
                new double[tissues.length][4 * ns], identity);
    }

    /**
     * Splits a window's samples into the fewest runs (greedy, longest first) over which the area is
     * linear to within the tolerance at the object's extent; returns the run starts and ns, or null
     * when more than ns/4 runs would be needed (then the direct per-sample sum is cheaper).
     */
    private int[] segments(double[][] cum, int ns) {
        List<Integer> starts = new ArrayList<>();
        int first = 0;
        while (first < ns) {
            starts.add(first);
            if (starts.size() > Math.max(1, ns / 4)) return null;
            // gallop, then bisect, for the longest run [first, first + len) that is linear enough
            int good = 1, len = 2;
            while (first + len <= ns && linearEnough(cum, first, len)) {
                good = len;
                len *= 2;
            }
            int bad = Math.min(len, ns - first + 1);
            while (bad - good > 1) {
                int mid = (good + bad) >>> 1;
                if (linearEnough(cum, first, mid)) good = mid;
                else bad = mid;
            }
            first += good;
        }
        int[] out = new int[starts.size() + 1];
        for (int s = 0; s < starts.size(); s++) out[s] = starts.get(s);
        out[starts.size()] = ns;
        return out;
    }

    /** Per axis, the largest phase of the area's deviation from its chord over [first, first + len), at the object's extent. */
    private double[] residualRad(double[][] cum, int first, int len) {
        double[] rho = new double[3];
        int last = first + len - 1;
        for (int ax = 0; ax < 3; ax++) {
            double slope = len > 1 ? (cum[last][ax] - cum[first][ax]) / (len - 1) : 0;
            double worst = 0;
            for (int j = 1; j < len - 1; j++) worst = Math.max(worst, Math.abs(cum[first + j][ax] - cum[first][ax] - slope * j));
            rho[ax] = TWO_PI * worst * maxAbsPos[ax];
        }
        return rho;
    }

    /** The axes whose residual is corrected to first order: all but the smallest ones that together stay within half the tolerance. */
    private static boolean[] correctedAxes(double[] rho) {
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (p, q) -> Double.compare(rho[p], rho[q]));
        boolean[] corrected = {true, true, true};
        double ignored = 0;
        for (int ax : order) {
            if (ignored + rho[ax] > SEGMENT_PHASE_TOLERANCE_RAD / 2) break;
            ignored += rho[ax];
            corrected[ax] = false;
        }
        return corrected;
    }

    /** Whether a run's residual, corrected to first order on {@link #correctedAxes} (error ρ²/2), stays within the tolerance. */
    private boolean linearEnough(double[][] cum, int first, int len) {
        double[] rho = residualRad(cum, first, len);
        boolean[] axes = correctedAxes(rho);
        double corrected = 0, ignored = 0;
        for (int ax = 0; ax < 3; ax++) {
            if (axes[ax]) corrected += rho[ax];
            else ignored += rho[ax];
        }
        return corrected * corrected / 2 + ignored <= SEGMENT_PHASE_TOLERANCE_RAD;
    }

    /**
     * A TRANSFORM window: per segment, coefficients on the tiles, then the grids (one thread per coil),
     * then the samples: s_j = S_0(j) + i2π·Σ_ax R_j,ax·S_ax(j) with S_ax the sum weighted by position.
     */
    private void transformAdc(Adc a) {
        if (segRe == null) {
            segRe = new double[n];
            segIm = new double[n];
            segZ = new double[n];
            segBin = new int[n];
        }
        int[] seg = a.segStart();
        int coils = CoilArray.CHANNELS;
        for (int s = 0; s + 1 < seg.length; s++) {
            boolean[] axes = a.segAxes()[s];
            runTiles(List.of(new AdcSegment(a, s)));
            int first = seg[s], len = seg[s + 1] - first;
            double[] base = a.segBase()[s], c0 = a.cum()[first];
            double[][] residual = new double[len][3];
            for (int j = 0; j < len; j++) {
                for (int ax = 0; ax < 3; ax++) residual[j][ax] = TWO_PI * (a.cum()[first + j][ax] - c0[ax] - base[ax] * j);
            }
            // one task per coil: its grids (in isochromat order), then its samples
            List<Callable<Void>> tasks = new ArrayList<>(coils);
            for (int c = 0; c < coils; c++) {
                int coil = c;
                tasks.add(() -> {
                    spreadCoil(coil, axes);
                    evaluateCoil(a, coil, axes, first, len, residual);
                    return null;
                });
            }
            if (model.threads() == 1) {
                for (Callable<Void> task : tasks) {
                    try {
                        task.call();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            } else {
                invoke(tasks);
            }
        }
        runTiles(List.of(new AdcEnd(a)));
    }

    /** Coil c's sums of one segment per tissue, first-order corrected for the residual, decayed by T2, into the window's partials. */
    private void evaluateCoil(Adc a, int c, boolean[] axes, int first, int len, double[][] residual) {
        double[] sum = new double[2 * len], moment = new double[2 * len];
        for (int t = 0; t < tissues.length; t++) {
            double e2 = Math.exp(-a.dwellS() / tissues[t].t2S());
            double[] out = a.partial()[t];
            double[] g = transform.grid[t][c];
            transform.evaluate(g, c, 0, len, sum);
            for (int ax = 0; ax < 3; ax++) {
                if (!axes[ax]) continue;
                transform.evaluate(g, c, 1 + ax, len, moment);
                for (int j = 0; j < len; j++) {
                    double r = residual[j][ax];
                    sum[2 * j] -= r * moment[2 * j + 1];
                    sum[2 * j + 1] += r * moment[2 * j];
                }
            }
            for (int j = 0; j < len; j++) {
                double d = Math.pow(e2, first + j);
                out[4 * (first + j) + 2 * c] = d * sum[2 * j];
                out[4 * (first + j) + 2 * c + 1] = d * sum[2 * j + 1];
            }
        }
    }

    /** Adds every isochromat's coefficient, weighted by coil c's sensitivity (and position), to its tissue's grids, in isochromat order. */
    private void spreadCoil(int c, boolean[] axes) {
        double[] cr = c == 0 ? c0r : c1r, ci = c == 0 ? c0i : c1i;
        int mask = (axes[0] ? 1 : 0) | (axes[1] ? 2 : 0) | (axes[2] ? 4 : 0);
        double[] p0 = pos[0], p1 = pos[1], p2 = pos[2];
        for (int t = 0; t < tileFrom.length; t++) {
            double[] g = transform.grid[tileTissue[t]][c];
            for (int i = tileFrom[t]; i < tileTo[t]; i++) {
                double ar = segRe[i], ai = segIm[i];
                ReadoutTransform.spread(g, segBin[i], cr[i] * ar - ci[i] * ai, cr[i] * ai + ci[i] * ar, segZ[i], mask, p0[i], p1[i], p2[i]);
            }
        }
    }

    private void run(List<Op> ops) {
        List<Op> chunk = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (op instanceof Adc a && a.mode() == AdcMode.TRANSFORM) {
                runTiles(chunk);
                chunk.clear();
                transformAdc(a);
            } else {
                chunk.add(op);
            }
        }
        runTiles(chunk);
    }

    private void runTiles(List<Op> ops) {
        if (ops.isEmpty()) return;
        int threads = model.threads();
        if (threads == 1 || tileFrom.length < 2) {
            new TileWorker(0, 1, ops).call();
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>(threads);
        for (int k = 0; k < threads; k++) tasks.add(new TileWorker(k, threads, List.copyOf(ops)));
        invoke(tasks);
    }

    private void invoke(List<Callable<Void>> tasks) {
        try {
            for (Future<Void> f : model.pool().invokeAll(tasks)) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("simulation failed: " + e.getCause(), e.getCause());
        }
    }

    /** Applies a block's operations to tiles first, first+stride, ... */
    private final class TileWorker implements Callable<Void> {
        private final int first;
        private final int stride;
        private final List<Op> ops;

        TileWorker(int first, int stride, List<Op> ops) {
            this.first = first;
            this.stride = stride;
            this.ops = ops;
        }

        @Override
        public Void call() {
            for (int t = first; t < tileFrom.length; t += stride) {
                Tissue tis = tissues[tileTissue[t]];
                int from = tileFrom[t], to = tileTo[t];
                for (Op op : ops) {
                    switch (op) {
                        case Free f -> free(from, to, tis, f);
                        case Rot r -> rotate(from, to, r.r());
                        case Adc a -> adc(t, from, to, tis, a);
                        case AdcSegment a -> segment(from, to, tis, a.adc(), a.segment());
                        case AdcEnd a -> endOfWindow(from, to, tis, a.adc());
                    }
                }
            }
            return null;
        }

        private void free(int from, int to, Tissue tis, Free f) {
            double e1 = Math.exp(-f.dt() / tis.t1S());
            double e2 = Math.exp(-f.dt() / tis.t2S());
            double dt = f.dt(), a0 = f.a0(), a1 = f.a1(), a2 = f.a2(), c = f.phase0();
            double[] p0 = pos[0], p1 = pos[1], p2 = pos[2];
            for (int i = from; i < to; i++) {
                ph[i] += c + TWO_PI * (df[i] * dt + a0 * p0[i] + a1 * p1[i] + a2 * p2[i]);
                mre[i] *= e2;
                mim[i] *= e2;
                mz[i] = m0[i] + (mz[i] - m0[i]) * e1;
            }
        }

        private void applyPending(int from, int to) {
            for (int i = from; i < to; i++) {
                double p = ph[i];
                if (p != 0) {
                    double c = Math.cos(p), s = Math.sin(p);
                    double re = mre[i], im = mim[i];
                    mre[i] = re * c - im * s;
                    mim[i] = re * s + im * c;
                    ph[i] = 0;
                }
            }
        }

        private void rotate(int from, int to, double[] r) {
            applyPending(from, to);
            for (int i = from; i < to; i++) {
                double x = mre[i], y = mim[i], z = mz[i];
                mre[i] = r[0] * x + r[1] * y + r[2] * z;
                mim[i] = r[3] * x + r[4] * y + r[5] * z;
                mz[i] = r[6] * x + r[7] * y + r[8] * z;
            }
        }

        private void segment(int from, int to, Tissue tis, Adc a, int s) {
            double dwell = a.dwellS();
            int first = a.segStart()[s], len = a.segStart()[s + 1] - first;
            if (s == 0 && a.capture() >= 0) {
                double e = Math.exp(-a.capture() * dwell / tis.t2S());
                for (int i = from; i < to; i++) truthMag[i] = Math.hypot(mre[i], mim[i]) * e;
            }
            double[] c = a.cum()[first], g = a.segBase()[s];
            double h = (len - 1) / 2.0, fd = a.fieldHz() * dwell;
            double[] p0 = pos[0], p1 = pos[1], p2 = pos[2];
            double[] rem = new double[1];
            for (int i = from; i < to; i++) {
                double f = df[i] * dwell + fd; // off-resonance, cycles per sample
                segBin[i] = transform.bin(f + g[0] * p0[i] + g[1] * p1[i] + g[2] * p2[i], rem);
                double delta = rem[0];
                // pending phase + phase at the segment's first sample + the Taylor centre's offset from the bin
                double phase = ph[i] + TWO_PI * (f * first + c[0] * p0[i] + c[1] * p1[i] + c[2] * p2[i] + delta * h);
                double cs = Math.cos(phase), sn = Math.sin(phase);
                segRe[i] = mre[i] * cs - mim[i] * sn;
                segIm[i] = mre[i] * sn + mim[i] * cs;
                segZ[i] = TWO_PI * delta * h;
            }
        }

        private void endOfWindow(int from, int to, Tissue tis, Adc a) {
            int last = a.samples() - 1;
            double dwell = a.dwellS();
            double e2 = Math.exp(-last * dwell / tis.t2S());
            double[] c = a.cum()[last];
            double fd = a.fieldHz() * dwell;
            double[] p0 = pos[0], p1 = pos[1], p2 = pos[2];
            for (int i = from; i < to; i++) {
                double phase = ph[i] + TWO_PI * ((df[i] * dwell + fd) * last + c[0] * p0[i] + c[1] * p1[i] + c[2] * p2[i]);
                double cs = e2 * Math.cos(phase), sn = e2 * Math.sin(phase);
                double re = mre[i], im = mim[i];
                mre[i] = re * cs - im * sn;
                mim[i] = re * sn + im * cs;
                ph[i] = 0;
            }
            double e1 = Math.exp(-last * dwell / tis.t1S());
            for (int i = from; i < to; i++) mz[i] = m0[i] + (mz[i] - m0[i]) * e1;
        }

        /** EXACT: one sin/cos per isochromat and sample. */
        private void adc(int tile, int from, int to, Tissue tis, Adc a) {
            applyPending(from, to);
            int ns = a.samples();
            double dwell = a.dwellS();
            double e2 = Math.exp(-dwell / tis.t2S());
            if (a.capture() >= 0) {
                double e = Math.exp(-a.capture() * dwell / tis.t2S());
                for (int i = from; i < to; i++) truthMag[i] = Math.hypot(mre[i], mim[i]) * e;
            }
            double[] out = a.partial()[tile];
            double[] p0 = pos[0], p1 = pos[1], p2 = pos[2];
            for (int k = 0; k < ns; k++) {
                if (k > 0) {
                    double[] st = a.steps()[k];
                    double fd = a.fieldHz() * dwell;
                    for (int i = from; i < to; i++) {
                        double theta = TWO_PI * ((df[i] * dwell + fd) + st[0] * p0[i] + st[1] * p1[i] + st[2] * p2[i]);
                        double c = e2 * Math.cos(theta), s = e2 * Math.sin(theta);
                        double re = mre[i], im = mim[i];
                        mre[i] = re * c - im * s;
                        mim[i] = re * s + im * c;
                    }
                }
                double s0r = 0, s0i = 0, s1r = 0, s1i = 0;
                for (int i = from; i < to; i++) {
                    double re = mre[i], im = mim[i];
                    s0r += c0r[i] * re - c0i[i] * im;
                    s0i += c0r[i] * im + c0i[i] * re;
                    s1r += c1r[i] * re - c1i[i] * im;
                    s1i += c1r[i] * im + c1i[i] * re;
                }
                out[4 * k] = s0r;
                out[4 * k + 1] = s0i;
                out[4 * k + 2] = s1r;
                out[4 * k + 3] = s1i;
            }
            double e1 = Math.exp(-(ns - 1) * dwell / tis.t1S());
            for (int i = from; i < to; i++) mz[i] = m0[i] + (mz[i] - m0[i]) * e1;
        }
    }

    private SimulatedLine finishAdc(int b, AdcWindow adc, Adc op, int adcIndex, double clock0) {
        int ns = adc.samples();
        double dwell = op.dwellS();
        // reversible dephasing (T2') per tissue and sample
        double[][] f = new double[tissues.length][ns];
        for (int t = 0; t < tissues.length; t++) {
            double t2p = tissues[t].t2PrimeS();
            for (int k = 0; k < ns; k++) f[t][k] = Double.isInfinite(t2p) ? 1 : Math.exp(-Math.abs(clock0 + k * dwell) / t2p);
        }
        double gain = Math.pow(10, settings.receiverGainDb() / 20);
        double start = (analysis.blockStartTicks(b) + adc.delayTicks()) * tickS;
        int nc = outChannels;
        double[] emi = model.emi() == null ? null : interference(adc, adcIndex, startTwinS + start);
        float[] data = new float[2 * nc * ns];
        double[][] partial = op.partial();
        for (int k = 0; k < ns; k++) {
            double s0r = 0, s0i = 0, s1r = 0, s1i = 0;
            for (int t = 0; t < partial.length; t++) {
                double w = f[op.partialTissue()[t]][k];
                double[] p = partial[t];
                s0r += w * p[4 * k];
                s0i += w * p[4 * k + 1];
                s1r += w * p[4 * k + 2];
                s1i += w * p[4 * k + 3];
            }
            double[] v = new double[2 * nc];
            v[0] = s0r * rxEfficiency;
            v[1] = s0i * rxEfficiency;
            v[2] = s1r * rxEfficiency;
            v[3] = s1i * rxEfficiency;
            if (emi != null) {
                EmiConfig e = model.emi();
                double er = emi[2 * k], ei = emi[2 * k + 1];
                for (int c = 0; c < nc; c++) {
                    v[2 * c] += e.couplingRe()[c] * er - e.couplingIm()[c] * ei;
                    v[2 * c + 1] += e.couplingRe()[c] * ei + e.couplingIm()[c] * er;
                }
            }
            // receiver: ADC phase and frequency offset, then gain
            double psi = -(adc.phaseRad() + TWO_PI * adc.frequencyOffsetHz() * (k + 0.5) * dwell);
            double c = Math.cos(psi) * gain, s = Math.sin(psi) * gain;
            for (int ch = 0; ch < nc; ch++) {
                data[2 * (ch * ns + k)] = (float) (v[2 * ch] * c - v[2 * ch + 1] * s);
                data[2 * (ch * ns + k) + 1] = (float) (v[2 * ch] * s + v[2 * ch + 1] * c);
            }
        }
        double sigma = model.noiseStd(dwell);
        if (sigma > 0) {
            // seeded by (seed, scan, ADC index) alone: re-simulating a line gives the same noise
            SplittableRandom rng = new SplittableRandom(mix(model.hidden().seed(), scanIndex, adcIndex));
            double sg = sigma * gain;
            for (int j = 0; j < data.length; j++) data[j] += (float) (sg * rng.nextGaussian());
        }
        for (int j = 0; j < data.length; j++) data[j] = quantise(data[j]);
        if (op.capture() >= 0) truth = buildTruth(clock0 + op.capture() * dwell);
        return new SimulatedLine(adcIndex, b, adc, nc, start, start + ns * dwell, data);
    }

    /** 16-bit ADC with 1 signal unit per LSB at 0 dB: round to the nearest code, clip at full scale. */
    static float quantise(float v) {
        double q = Math.rint(v / ScannerModel.ADC_LSB);
        if (q > ScannerModel.ADC_MAX_CODE) q = ScannerModel.ADC_MAX_CODE;
        if (q < -ScannerModel.ADC_MAX_CODE - 1) q = -ScannerModel.ADC_MAX_CODE - 1;
        return (float) (q * ScannerModel.ADC_LSB);
    }

    /**
     * The interference source at each sample, demodulated at the set frequency (complex, interleaved):
     * carriers at absolute frequencies with phases continuous in twin time, plus broadband noise seeded
     * by (seed, scan, ADC index).
     */
    private double[] interference(AdcWindow adc, int adcIndex, double windowStartTwinS) {
        EmiConfig e = model.emi();
        int ns = adc.samples();
        double dwell = adc.dwellNs() * 1e-9;
        double[] out = new double[2 * ns];
        double nominal = model.hidden().nominalLarmorHz();
        for (EmiConfig.Carrier car : e.carriers()) {
            double fb = nominal + car.offsetFromNominalHz() - settings.frequencyHz();
            for (int k = 0; k < ns; k++) {
                double t = windowStartTwinS + (k + 0.5) * dwell;
                double ph = car.phaseRad() + TWO_PI * Math.IEEEremainder(fb * t, 1.0);
                out[2 * k] += car.amplitude() * Math.cos(ph);
                out[2 * k + 1] += car.amplitude() * Math.sin(ph);
            }
        }
        double sb = e.broadbandStdAt10us() * Math.sqrt(10e-6 / dwell);
        if (sb > 0) {
            SplittableRandom rng = new SplittableRandom(mix(model.hidden().seed() ^ 0xE1E1E1E1L, scanIndex, adcIndex));
            for (int j = 0; j < out.length; j++) out[j] += sb * rng.nextGaussian();
        }
        return out;
    }

    static long mix(long seed, long scan, long adc) {
        long h = seed * 0x9E3779B97F4A7C15L ^ (scan + 0x632BE59BD9B4E019L) * 0xBF58476D1CE4E5B9L;
        h ^= (adc + 1) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return h;
    }

    private TruthVolume buildTruth(double echoClockS) {
        ProgramAnalysis.Geometry g = analysis.geometry();
        int nr = g.nRead(), np = g.nPhase();
        int nz = layers;
        double[] acc = new double[nr * np * nz];
        double[] rd = pos[g.readAxis()], pd = pos[g.phaseAxis()], zd = pos[analysis.sliceAxis()];
        for (int t = 0; t < tileFrom.length; t++) {
            double t2p = tissues[tileTissue[t]].t2PrimeS();
            double w = Double.isInfinite(t2p) ? 1 : Math.exp(-Math.abs(echoClockS) / t2p);
            for (int i = tileFrom[t]; i < tileTo[t]; i++) {
                int ir = Math.floorMod((int) Math.floor(nr / 2 - nr * g.dkRead() * rd[i] + 0.5), nr);
                int ip = Math.floorMod((int) Math.floor(np / 2 - np * g.dkPhase() * pd[i] + 0.5), np);
                int iz = nz == 1 ? 0 : Math.floorMod((int) Math.floor(nz / 2 - nz * g.dkPartition() * zd[i] + 0.5), nz);
                acc[(iz * np + ip) * nr + ir] += truthMag[i] * w * rss[i];
            }
        }
        float[] data = new float[acc.length];
        for (int j = 0; j < acc.length; j++) data[j] = (float) (acc[j] / pointsPerVoxel);
        double[] read = axis(g.readAxis(), -Math.signum(g.dkRead()));
        double[] phase = axis(g.phaseAxis(), -Math.signum(g.dkPhase()));
        double[] slice = axis(analysis.sliceAxis(), nz == 1 ? 1 : -Math.signum(g.dkPartition()));
        double[] centre = new double[3]; // voxel (nr/2, np/2) sits at read = phase = 0
        double dz = nz == 1 ? 5.0 : 1e3 * g.fovPartitionM() / nz;
        centre[analysis.sliceAxis()] = nz == 1 ? 1e3 * analysis.slicePositionM() : 0;
        if (nz > 1) {
            // positionLps is the first slice (index 0); index nz/2 is at z = 0
            for (int ax = 0; ax < 3; ax++) centre[ax] -= slice[ax] * dz * (nz / 2);
        }
        return new TruthVolume(nr, np, nz, data, 1e3 * g.fovReadM() / nr, 1e3 * g.fovPhaseM() / np, dz,
                centre, read, phase, slice);
    }

    private static double[] axis(int ax, double sign) {
        double[] v = new double[3];
        v[ax] = sign == 0 ? 1 : sign;
        return v;
    }
}
