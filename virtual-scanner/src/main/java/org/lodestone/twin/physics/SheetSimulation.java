package org.lodestone.twin.physics;

import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.twin.truth.TruthVolume;

import java.util.ArrayList;
import java.util.List;

/**
 * One sheet of a scan (see {@link ScanSimulation}): an isochromat Bloch simulation in the excited sheet, advanced block
 * by block in program order so the caller can pace delivery and abort between blocks.
 *
 * <p>Transverse magnetisation is m = Mx + iMy; a spin whose frequency is above the receiver's
 * carrier accumulates phase +2π·Δf·t, so the demodulated signal of an isochromat at r is
 * m·exp(+i2π(Δf·t + k·r)), k = ∫G dt in cycles/m. Each isochromat carries a pending phase that
 * free precession adds to cheaply; it is turned into a rotation of m only where it matters (RF
 * pulses and ADC windows). The parts: the spins ({@link IsochromatGrid}), excitation
 * ({@link Excitation}), signal synthesis ({@link TileKernels}, {@link ReadoutPlanner},
 * {@link TransformReadout}, the receiver here) and noise/EMI ({@link NoiseAndInterference}).
 */
final class SheetSimulation {
    private static final double TWO_PI = 2 * Math.PI;

    private final ScannerModel model;
    private final DeviceProgram program;
    private final ProgramAnalysis analysis;
    private AcquisitionSettings settings; // replaced between blocks by settings sent mid-scan
    private final double tickS;
    private final double startTwinS;
    private final GradientChain gradients;
    private final double txEfficiency;
    private final double rxEfficiency;
    private final int outChannels;
    private final IsochromatGrid grid;
    private final ReadoutPlanner planner;
    private final TileRunner runner;
    private final NoiseAndInterference noise;
    /** 3D gradient echo: the voxels' analytic dephasing (null: the isochromats' own). */
    private final VoxelDephasing dephasing;
    private double blockFieldHz; // true Larmor − set frequency during the current block

    // program-order state
    private int nextBlock;
    private int adcCounter;
    private double clockS; // reversible-dephasing clock: time since excitation, negated by refocusing
    private TruthVolume truth;
    /** A block's trailing free precession, not yet applied: it joins the next block's first (see {@link #carryingFree}). */
    private SpinOp.Free pendingFree;
    /** Amplifier enables for the block being simulated (both on unless a caller says otherwise). */
    private boolean rfOn = true;
    private boolean gradientsOn = true;

    /** The whole program's ADC index of each of this sheet's ADC windows (null: the same). */
    private final int[] adcIndexInScan;

    SheetSimulation(ScannerModel model, DeviceProgram program, AcquisitionSettings settings, long scanIndex, double startTwinS,
                    int[] adcIndexInScan) {
        this.adcIndexInScan = adcIndexInScan;
        this.model = model;
        this.program = program;
        this.analysis = new ProgramAnalysis(program);
        this.settings = settings;
        this.tickS = program.tickNs() * 1e-9;
        this.startTwinS = startTwinS;
        HiddenParameters hp = model.hidden();
        this.gradients = new GradientChain(hp.gradients(), program.tickNs());
        double larmor0 = model.thermal().larmorHz(startTwinS);
        double eff = hp.coil().efficiency(hp.nominalLarmorHz(), larmor0, settings.tuneCode(), settings.matchCode());
        this.txEfficiency = eff;
        this.rxEfficiency = eff;
        this.outChannels = model.receiveChannels();
        this.grid = new IsochromatGrid(model, analysis, settings);
        this.planner = new ReadoutPlanner(grid, program.tickNs());
        this.runner = new TileRunner(model, grid, new TransformReadout(grid));
        this.noise = new NoiseAndInterference(model, scanIndex);
        this.dephasing = grid.voxelEdges == null ? null : new VoxelDephasing(grid.voxelEdges, grid.voxelSize);
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
        return grid.n;
    }

    /** Program time at the start of block b, seconds. */
    double blockStartS(int b) {
        return analysis.blockStartTicks(b) * tickS;
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
        applyPendingFree(); // it ran under the old fields
        double[] gs = model.hidden().gradients().scale();
        grid.shiftField(gs[0] * (next.shimXHzPerM() - settings.shimXHzPerM()), gs[1] * (next.shimYHzPerM() - settings.shimYHzPerM()),
                gs[2] * (next.shimZHzPerM() - settings.shimZHzPerM()));
        settings = next;
    }

    public AcquisitionSettings settings() {
        return settings;
    }

    /**
     * Passes the next block without touching the spins, for a sheet at rest (before any pulse reaches it: the
     * spins are at equilibrium, which free precession and relaxation keep) or done (after its last line): the
     * gradient chain still follows the program (its eddy currents carry across blocks).
     */
    void skipNextBlock() {
        applyPendingFree();
        int b = nextBlock++;
        ProgramBlock blk = program.blocks().get(b);
        gradients.enter(blk, b == 0);
        if (blk.adc() != null) adcCounter++;
    }

    /** Simulates the next block with the amplifiers as their enable lines are (see {@link ScanSimulation#simulateNextBlock(boolean, boolean)}). */
    SimulatedLine simulateNextBlock(boolean rfAmplifierOn, boolean gradientAmplifierOn) {
        rfOn = rfAmplifierOn;
        gradientsOn = gradientAmplifierOn;
        int b = nextBlock++;
        ProgramBlock blk = program.blocks().get(b);
        gradients.enter(blk, b == 0);
        blockFieldHz = model.thermal().larmorHz(startTwinS + blockStartS(b)) - settings.frequencyHz();
        List<SpinOp> ops = new ArrayList<>(4);
        RfPulse rf = blk.rf();
        AdcWindow adc = blk.adc();
        double tc = rf == null ? 0 : ProgramAnalysis.rfCentreTicks(rf);
        double t0 = adc == null ? 0 : ProgramAnalysis.sampleTicks(adc, 0, program.tickNs());
        double tLast = adc == null ? 0 : ProgramAnalysis.sampleTicks(adc, adc.samples() - 1, program.tickNs());
        double tPrev = 0;
        boolean rfFirst = rf != null && (adc == null || tc <= t0);
        if (rfFirst) {
            tPrev = addFree(ops, tPrev, tc);
            if (rfOn) pulse(ops, b, rf);
        }
        SpinOp.Adc adcOp = null;
        double clock0 = 0;
        double[] weights = null;
        int adcIndex = -1;
        if (adc != null) {
            adcIndex = adcCounter++;
            tPrev = addFree(ops, tPrev, t0);
            clock0 = clockS;
            ProgramAnalysis.Geometry geo = analysis.geometry();
            int capture = geo != null && geo.centreAdc() == adcIndex ? adc.samples() / 2 : -1;
            if (adcIndexInScan != null) adcIndex = adcIndexInScan[adcIndex]; // noise and line numbers are the scan's
            adcOp = planner.plan(adc, this::area, blockFieldHz, capture);
            ops.add(adcOp);
            if (dephasing != null) weights = dephasing.window(adcOp);
            clockS += (tLast - t0) * tickS;
            tPrev = tLast;
        }
        if (rf != null && !rfFirst) {
            tPrev = addFree(ops, tPrev, Math.max(tc, tPrev));
            if (rfOn) pulse(ops, b, rf);
        }
        addFree(ops, tPrev, blk.durationTicks());
        runner.run(carryingFree(ops));
        if (adcOp == null) return null;
        return receive(b, adc, adcOp, adcIndex, clock0, weights);
    }

    /** A pulse's rotation, of only the coherent part of the voxels' transverse magnetisation in a 3D gradient echo. */
    private void pulse(List<SpinOp> ops, int b, RfPulse rf) {
        SpinOp.Rot r = rotation(b, rf);
        ops.add(dephasing == null ? r : r.keepingTransverse(dephasing.atPulse()));
    }

    /**
     * The block's operations with the free precession carried from the previous block joined to its first, and its own
     * trailing free precession kept back for the next: free precession composes exactly, and nothing reads the spins
     * between blocks, so a pass over every isochromat per block is saved (issue #18: a gradient echo's TR has four).
     */
    private List<SpinOp> carryingFree(List<SpinOp> ops) {
        List<SpinOp> out = new ArrayList<>(ops.size() + 1);
        SpinOp.Free carried = pendingFree;
        for (SpinOp op : ops) {
            if (carried != null) {
                out.add(op instanceof SpinOp.Free f ? carried.then(f) : carried);
                carried = null;
                if (op instanceof SpinOp.Free) continue;
            }
            out.add(op);
        }
        if (carried == null && !out.isEmpty() && out.getLast() instanceof SpinOp.Free f) {
            out.removeLast();
            carried = f;
        }
        pendingFree = carried;
        return out;
    }

    private void applyPendingFree() {
        if (pendingFree != null) runner.run(List.of(pendingFree));
        pendingFree = null;
    }

    /** Gradient area the spins see: none while the gradient amplifier is disabled. */
    private double area(int axis, double from, double to) {
        return gradientsOn ? gradients.area(axis, from, to) : 0;
    }

    private double addFree(List<SpinOp> ops, double from, double to) {
        if (to <= from) return from;
        double dt = (to - from) * tickS;
        double a0 = area(0, from, to), a1 = area(1, from, to), a2 = area(2, from, to);
        ops.add(new SpinOp.Free(dt, a0, a1, a2, TWO_PI * Math.IEEEremainder(blockFieldHz * dt, 1.0)));
        if (dephasing != null) dephasing.add(a0, a1, a2);
        clockS += dt;
        return to;
    }

    /** The pulse's rotation; an excitation restarts the T2′ clock, a refocusing pulse mirrors it. */
    private SpinOp.Rot rotation(int b, RfPulse rf) {
        SpinOp.Rot r = Excitation.rotation(rf, program.tickNs(), model.hidden().rfScale(), settings.transmitScale(), txEfficiency);
        switch (analysis.role(b)) {
            case EXCITATION -> clockS = 0;
            case REFOCUSING -> clockS = -clockS;
            case INVERSION -> { }
        }
        return r;
    }

    /**
     * The receiver: the coils' sums with reversible dephasing (T2′) per tissue and sample, the coil efficiency,
     * interference, the ADC's e^{−i(adcPhase + 2π·adcOffset·(n+½)·dwell)} and gain, then noise and the ADC.
     */
    private SimulatedLine receive(int b, AdcWindow adc, SpinOp.Adc op, int adcIndex, double clock0, double[] weights) {
        int ns = adc.samples();
        int coils = grid.coils;
        double dwell = op.dwellS();
        double[][] f = new double[grid.tissues.length][ns];
        for (int t = 0; t < grid.tissues.length; t++) {
            double t2p = grid.tissues[t].t2PrimeS();
            for (int k = 0; k < ns; k++) f[t][k] = Double.isInfinite(t2p) ? 1 : Math.exp(-Math.abs(clock0 + k * dwell) / t2p);
            if (weights != null) for (int k = 0; k < ns; k++) f[t][k] *= weights[k]; // the voxels' own dephasing
        }
        double gain = Math.pow(10, settings.receiverGainDb() / 20);
        double start = (analysis.blockStartTicks(b) + adc.delayTicks()) * tickS;
        int nc = outChannels;
        double[] emi = noise.interference(adc, adcIndex, startTwinS + start, settings.frequencyHz());
        float[] data = new float[2 * nc * ns];
        double[][] partial = op.partial();
        double[] s = new double[2 * coils];
        for (int k = 0; k < ns; k++) {
            java.util.Arrays.fill(s, 0);
            for (int t = 0; t < partial.length; t++) {
                double w = f[op.partialTissue()[t]][k];
                double[] p = partial[t];
                for (int j = 0; j < 2 * coils; j++) s[j] += w * p[2 * coils * k + j];
            }
            double[] v = new double[2 * nc];
            for (int j = 0; j < 2 * coils; j++) v[j] = s[j] * rxEfficiency;
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
            double c = Math.cos(psi) * gain, sn = Math.sin(psi) * gain;
            for (int ch = 0; ch < nc; ch++) {
                data[2 * (ch * ns + k)] = (float) (v[2 * ch] * c - v[2 * ch + 1] * sn);
                data[2 * (ch * ns + k) + 1] = (float) (v[2 * ch] * sn + v[2 * ch + 1] * c);
            }
        }
        noise.addNoiseAndDigitise(data, nc, dwell, gain, adcIndex);
        if (op.capture() >= 0) truth = TruthImage.build(grid, analysis, clock0 + op.capture() * dwell);
        return new SimulatedLine(adcIndex, b, adc, nc, start, start + ns * dwell, data);
    }

    static long mix(long seed, long scan, long adc) {
        long h = seed * 0x9E3779B97F4A7C15L ^ (scan + 0x632BE59BD9B4E019L) * 0xBF58476D1CE4E5B9L;
        h ^= (adc + 1) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return h;
    }
}
