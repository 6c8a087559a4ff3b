package org.lodestone.twin.physics;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.twin.truth.TruthVolume;

import java.util.ArrayList;
import java.util.List;

/**
 * One scan of one program, advanced block by block in program order so the caller can pace delivery and
 * abort between blocks. Each distinct slice-selective excitation (axis and position: the slices of a stack,
 * the three planes of a localizer) excites its own sheet of spins, simulated by a {@link SheetSimulation}:
 * it sees every block's gradients and timing, but only its own slice's pulses (another slice's pulse is off
 * resonance there) and non-selective ones; an ADC window belongs to the sheet excited last. A program with
 * one excitation position (or none, e.g. an FID) is one sheet, as before.
 *
 * <p>Transverse magnetisation is m = Mx + iMy; a spin whose frequency is above the receiver's
 * carrier accumulates phase +2π·Δf·t, so the demodulated signal of an isochromat at r is
 * m·exp(+i2π(Δf·t + k·r)), k = ∫G dt in cycles/m (see {@link SheetSimulation} for the parts).
 */
public final class ScanSimulation {
    /** Beyond this many slices the spins of one sheet stand for all of them (memory: each sheet is a grid of its own). */
    static final int MAX_SHEETS = 16;
    /** Slice positions closer than this are the same sheet. */
    private static final double SAME_POSITION_M = 5e-4;

    private final DeviceProgram program;
    private final ProgramAnalysis analysis;
    private final List<SheetSimulation> sheets;
    /** Per sheet, the slice counter of its lines (−1 for none), for stacking the truth. */
    private final int[] sheetSlice;
    /** Per sheet, the blocks it must simulate: from the first pulse that reaches it to its last line (else at rest or done). */
    private final int[] firstActive, lastActive;
    private int nextBlock;
    private TruthVolume truth;

    ScanSimulation(ScannerModel model, DeviceProgram program, AcquisitionSettings settings, long scanIndex, double startTwinS) {
        this.program = program;
        this.analysis = new ProgramAnalysis(program);
        int tick = program.tickNs();
        List<ProgramBlock> blocks = program.blocks();
        // the sheets: one per distinct (axis, position) of the slice-selective excitations
        List<double[]> keys = new ArrayList<>();
        int[] rfSheet = new int[blocks.size()]; // −1: every sheet (non-selective, or another kind of pulse)
        int[] adcSheet = new int[blocks.size()];
        int current = 0;
        for (int b = 0; b < blocks.size(); b++) {
            ProgramBlock blk = blocks.get(b);
            rfSheet[b] = -1;
            double[] key = blk.rf() == null ? null : ProgramAnalysis.selection(blk, tick);
            if (key != null) {
                int s = indexOf(keys, key);
                if (s < 0 && analysis.role(b) == ProgramAnalysis.RfRole.EXCITATION) {
                    keys.add(key);
                    s = keys.size() - 1;
                }
                rfSheet[b] = s;
                if (s >= 0 && analysis.role(b) == ProgramAnalysis.RfRole.EXCITATION) current = s;
            }
            adcSheet[b] = current;
        }
        List<SheetSimulation> list = new ArrayList<>();
        if (keys.size() <= 1 || keys.size() > MAX_SHEETS) {
            list.add(new SheetSimulation(model, program, settings, scanIndex, startTwinS, null));
            sheetSlice = new int[] {-1};
            firstActive = new int[] {0};
            lastActive = new int[] {Integer.MAX_VALUE};
        } else {
            sheetSlice = new int[keys.size()];
            firstActive = new int[keys.size()];
            lastActive = new int[keys.size()];
            for (int s = 0; s < keys.size(); s++) {
                List<ProgramBlock> own = new ArrayList<>(blocks.size());
                List<Integer> adcIndex = new ArrayList<>();
                int adcs = 0;
                sheetSlice[s] = -1;
                firstActive[s] = Integer.MAX_VALUE;
                lastActive[s] = -1;
                for (int b = 0; b < blocks.size(); b++) {
                    ProgramBlock blk = blocks.get(b);
                    boolean keepRf = blk.rf() != null && (rfSheet[b] < 0 || rfSheet[b] == s);
                    boolean keepAdc = blk.adc() != null && adcSheet[b] == s;
                    if (keepRf || keepAdc) firstActive[s] = Math.min(firstActive[s], b);
                    if (keepAdc) lastActive[s] = b;
                    if (keepAdc) {
                        adcIndex.add(adcs);
                        if (sheetSlice[s] < 0) sheetSlice[s] = blk.adc().counters().slice();
                    }
                    if (blk.adc() != null) adcs++;
                    own.add(keepRf == (blk.rf() != null) && keepAdc == (blk.adc() != null) ? blk
                            : new ProgramBlock(blk.durationTicks(), keepRf ? blk.rf() : null, blk.gx(), blk.gy(), blk.gz(), keepAdc ? blk.adc() : null));
                }
                int[] map = adcIndex.stream().mapToInt(Integer::intValue).toArray();
                list.add(new SheetSimulation(model, new DeviceProgram(tick, own), settings, scanIndex, startTwinS, map));
            }
        }
        this.sheets = List.copyOf(list);
    }

    private static int indexOf(List<double[]> keys, double[] key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i)[0] == key[0] && Math.abs(keys.get(i)[1] - key[1]) < SAME_POSITION_M) return i;
        }
        return -1;
    }

    /** Amplitude efficiency of the coil at this scan's Larmor frequency and tune/match codes (transmit and receive). */
    public double coilEfficiency() {
        return sheets.getFirst().coilEfficiency();
    }

    /** Twin time at which the scan started, seconds. */
    public double startTwinS() {
        return sheets.getFirst().startTwinS();
    }

    public int isochromats() {
        int n = 0;
        for (SheetSimulation s : sheets) n += s.isochromats();
        return n;
    }

    /** Sheets simulated (1 unless the program excites several slice positions). */
    public int sheets() {
        return sheets.size();
    }

    /** The whole program's analysis (roles of its pulses, its lines). */
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
        return analysis.blockStartTicks(b) * (program.tickNs() * 1e-9);
    }

    public double durationS() {
        return program.durationSeconds();
    }

    /**
     * The ideal noiseless image, once every sheet's k-space centre line has been simulated (else null): one
     * sheet's image, or the sheets' images stacked by slice counter, with the first slice's geometry.
     */
    public TruthVolume truth() {
        if (truth != null) return truth;
        if (sheets.size() == 1) return truth = sheets.getFirst().truth();
        TruthVolume[] bySlice = new TruthVolume[sheets.size()];
        for (int s = 0; s < sheets.size(); s++) {
            TruthVolume t = sheets.get(s).truth();
            int c = sheetSlice[s];
            if (c < 0) continue; // a sheet without lines has no image
            if (t == null) return null;
            if (c >= bySlice.length || bySlice[c] != null) return truth = sheets.getFirst().truth(); // not a stack by counter
            bySlice[c] = t;
        }
        return truth = TruthStack.of(bySlice);
    }

    /**
     * Settings the host sent during the scan take effect from the next block, as on the board: the
     * carrier at once (per block), a shim change as a static field change of every isochromat.
     */
    public void updateSettings(AcquisitionSettings next) {
        for (SheetSimulation s : sheets) s.updateSettings(next);
    }

    public AcquisitionSettings settings() {
        return sheets.getFirst().settings();
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
        int b = nextBlock++;
        SimulatedLine line = null;
        for (int s = 0; s < sheets.size(); s++) {
            if (b < firstActive[s] || b > lastActive[s]) {
                sheets.get(s).skipNextBlock(); // exact: nothing it does then is seen (localizer: each plane's blocks only)
                continue;
            }
            SimulatedLine l = sheets.get(s).simulateNextBlock(rfAmplifierOn, gradientAmplifierOn);
            if (l != null) line = l;
        }
        return line;
    }

    static long mix(long seed, long scan, long adc) {
        return SheetSimulation.mix(seed, scan, adc);
    }
}
