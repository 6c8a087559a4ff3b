package org.lodestone.twin.physics;

import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.hw.program.GradientWaveform;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What a program implies before it runs: block start times, the role of each RF pulse, the
 * k-space position of every ADC window (k in cycles/m, reset by excitations and negated by
 * refocusing pulses) and, for Cartesian imaging programs, the image grid (readout/phase axes,
 * matrix, Δk, FOV) and which ADC is the k-space centre line.
 */
public final class ProgramAnalysis {
    public enum RfRole { EXCITATION, REFOCUSING, INVERSION }

    /** A pulse whose slab is thicker than this (metres) is non-selective: it excites the whole object. */
    static final double SELECTIVE_SLAB_M = 1.0;

    /** One ADC window: its block, k at the centre sample N/2, gradient at that sample, constant-gradient flag. */
    public record AdcInfo(int block, AdcWindow adc, double[] kCentre, double[] gradientHzPerM, boolean gradientConstant) {
    }

    /**
     * The Cartesian image grid the program samples. {@code dkRead} is the signed k step per
     * readout sample along {@code readAxis}; {@code dkPhase} the signed k step per line counter
     * along {@code phaseAxis} (cycles/m). {@code centreAdc} indexes {@link #adcs()}.
     */
    public record Geometry(int readAxis, int phaseAxis, int nRead, int nPhase, double dkRead, double dkPhase,
                           int centreAdc, int nPartition, double dkPartition) {
        public Geometry(int readAxis, int phaseAxis, int nRead, int nPhase, double dkRead, double dkPhase, int centreAdc) {
            this(readAxis, phaseAxis, nRead, nPhase, dkRead, dkPhase, centreAdc, 1, 0);
        }

        /** True for a 3D program: partitions phase-encoded along the third axis. */
        public boolean is3d() {
            return nPartition > 1 && dkPartition != 0;
        }

        public double fovPartitionM() {
            return 1.0 / Math.abs(dkPartition);
        }

        public int partitionAxis() {
            return 3 - readAxis - phaseAxis;
        }

        public double fovReadM() {
            return 1.0 / Math.abs(dkRead);
        }

        public double fovPhaseM() {
            return 1.0 / Math.abs(dkPhase);
        }
    }

    private final DeviceProgram program;
    private final long[] blockStart;
    private final RfRole[] roles;
    private final List<AdcInfo> adcs = new ArrayList<>();
    private final int sliceAxis;
    private final double slicePositionM;
    private final Geometry geometry;
    private final boolean wholeObject;

    public ProgramAnalysis(DeviceProgram program) {
        this.program = program;
        List<ProgramBlock> blocks = program.blocks();
        int tick = program.tickNs();
        blockStart = new long[blocks.size() + 1];
        roles = new RfRole[blocks.size()];
        double[] k = new double[3];
        int sliceAx = -1;
        double slicePos = 0;
        boolean selective = false;
        for (int b = 0; b < blocks.size(); b++) {
            ProgramBlock blk = blocks.get(b);
            blockStart[b + 1] = blockStart[b] + blk.durationTicks();
            double[] kStart = k.clone();
            if (blk.rf() != null) {
                roles[b] = roleOf(blk.rf(), tick);
                double tc = rfCentreTicks(blk.rf());
                if (roles[b] == RfRole.EXCITATION) {
                    selective |= selection(blk, tick) != null;
                    // the sheet's axis: the first excitation with any gradient on, even a weak marker (see wholeObject)
                    double[] any = strongestGradient(blk, tc);
                    if (sliceAx < 0 && any[0] >= 0) {
                        sliceAx = (int) any[0];
                        slicePos = equivalent(blk.rf(), tick).frequencyOffsetHz() / any[1];
                    }
                }
            }
            if (blk.adc() != null) {
                AdcWindow a = blk.adc();
                double tcs = sampleTicks(a, a.samples() / 2, tick);
                double[] kc = kAt(blk, b, kStart, tcs, tick);
                double[] g = new double[3];
                boolean constant = true;
                double t0 = sampleTicks(a, 0, tick);
                double t1 = sampleTicks(a, a.samples() - 1, tick);
                for (int ax = 0; ax < 3; ax++) {
                    GradientWaveform tr = blk.gradient(ax);
                    if (tr != null) {
                        g[ax] = tr.valueAt(tcs);
                        constant &= tr.isConstantOver(t0, t1);
                    }
                }
                adcs.add(new AdcInfo(b, a, kc, g, constant));
            }
            k = kAt(blk, b, kStart, blk.durationTicks(), tick);
        }
        this.geometry = findGeometry(sliceAx);
        boolean readoutGradient = false;
        for (AdcInfo a : adcs) for (double gv : a.gradientHzPerM()) readoutGradient |= gv != 0;
        this.wholeObject = !selective && geometry == null && !readoutGradient;
        int sl = sliceAx;
        if (sl < 0) {
            sl = 2;
            if (geometry != null) sl = 3 - geometry.readAxis() - geometry.phaseAxis();
            slicePos = 0;
        }
        this.sliceAxis = sl;
        this.slicePositionM = Double.isFinite(slicePos) ? slicePos : 0;
    }

    private double[] kAt(ProgramBlock blk, int b, double[] kStart, double t, int tick) {
        double[] k = kStart.clone();
        double from = 0;
        if (blk.rf() != null) {
            double tc = rfCentreTicks(blk.rf());
            if (tc <= t) {
                for (int ax = 0; ax < 3; ax++) k[ax] += area(blk.gradient(ax), 0, tc, tick);
                switch (roles[b]) {
                    case EXCITATION -> java.util.Arrays.fill(k, 0);
                    case REFOCUSING -> { for (int ax = 0; ax < 3; ax++) k[ax] = -k[ax]; }
                    case INVERSION -> { }
                }
                from = tc;
            }
        }
        for (int ax = 0; ax < 3; ax++) k[ax] += area(blk.gradient(ax), from, t, tick);
        return k;
    }

    /**
     * {axis, position m} of the slab a pulse selects: the strongest gradient at its centre, if the slab it excites
     * (about 1/(duration × gradient) thick, its bandwidth over the gradient) is thinner than
     * {@value #SELECTIVE_SLAB_M} m; null for a non-selective pulse (no gradient, or one so weak that the slab is
     * wider than any object in the bore: a 400 µs hard pulse under 200 Hz/m excites 12 m).
     */
    static double[] selection(ProgramBlock blk, int tick) {
        RfPulse rf = blk.rf();
        double[] strongest = strongestGradient(blk, rfCentreTicks(rf));
        int axis = (int) strongest[0];
        double gmax = strongest[1];
        double durationS = Math.max(1, rf.durationTicks()) * (double) tick * 1e-9;
        if (axis < 0 || 1 / (durationS * Math.abs(gmax)) > SELECTIVE_SLAB_M) return null;
        double pos = equivalent(rf, tick).frequencyOffsetHz() / gmax;
        return new double[] {axis, Double.isFinite(pos) ? pos : 0};
    }

    /** {axis, gradient Hz/m} of the strongest gradient at time t of a block ({−1, 0} when none is on). */
    private static double[] strongestGradient(ProgramBlock blk, double t) {
        int axis = -1;
        double gmax = 0;
        for (int ax = 0; ax < 3; ax++) {
            GradientWaveform g = blk.gradient(ax);
            double gv = g == null ? 0 : g.valueAt(t);
            if (Math.abs(gv) > Math.abs(gmax)) {
                gmax = gv;
                axis = ax;
            }
        }
        return new double[] {axis, gmax};
    }

    static double area(GradientWaveform g, double fromTicks, double toTicks, int tick) {
        if (g == null) return 0;
        return g.areaUntil(toTicks, tick) - g.areaUntil(fromTicks, tick);
    }

    /** RF role from its declared use; for OTHER, from the nominal flip angle. */
    public static RfRole roleOf(RfPulse rf, int tickNs) {
        return switch (rf.use()) {
            case EXCITATION -> RfRole.EXCITATION;
            case REFOCUSING -> RfRole.REFOCUSING;
            case INVERSION -> RfRole.INVERSION;
            case OTHER -> Math.abs(equivalent(rf, tickNs).areaTurns()) * 360 < 135 ? RfRole.EXCITATION : RfRole.REFOCUSING;
        };
    }

    /**
     * What the twin plays for an RF pulse: its area (turns, signed), phase at the pulse start and
     * frequency offset. The twin rotates instantaneously at the pulse centre, so a phase-modulated
     * pulse is reduced to its mean phase slope (a frequency offset: a constant phase ramp is exactly
     * a frequency offset, and moves the slice the same way) and the complex area of the rest.
     */
    public record RfEquivalent(double areaTurns, double phaseRad, double frequencyOffsetHz) {
    }

    public static RfEquivalent equivalent(RfPulse rf, int tickNs) {
        if (!rf.isPhaseModulated()) return new RfEquivalent(rf.areaTurns(tickNs), rf.phaseRad(), rf.frequencyOffsetHz());
        float[] mag = rf.shape();
        double dwellS = rf.dwellTicks() * (double) tickNs * 1e-9;
        // slope: magnitude-weighted mean phase step between samples (no unwrapping needed; sign flips at
        // sinc zero crossings carry almost no weight)
        double sr = 0, si = 0;
        for (int i = 1; i < mag.length; i++) {
            double w = (double) mag[i - 1] * mag[i];
            double d = rf.phaseOf(i) - rf.phaseOf(i - 1);
            sr += w * Math.cos(d);
            si += w * Math.sin(d);
        }
        double slope = mag.length > 1 && (sr != 0 || si != 0) ? Math.atan2(si, sr) / dwellS : 0; // rad/s
        double ar = 0, ai = 0;
        for (int i = 0; i < mag.length; i++) {
            double ph = rf.phaseOf(i) - slope * (i + 0.5) * dwellS;
            ar += mag[i] * Math.cos(ph);
            ai += mag[i] * Math.sin(ph);
        }
        double area = Math.hypot(ar, ai) * rf.amplitudeHz() * dwellS;
        return new RfEquivalent(area, rf.phaseRad() + Math.atan2(ai, ar), rf.frequencyOffsetHz() + slope / (2 * Math.PI));
    }

    /** Centre of an RF pulse in ticks from its block start (middle of the shape). */
    public static double rfCentreTicks(RfPulse rf) {
        return rf.delayTicks() + rf.durationTicks() / 2.0;
    }

    /** Time of ADC sample n in ticks from its block start: delay + (n + ½)·dwell. */
    public static double sampleTicks(AdcWindow a, int n, int tickNs) {
        return a.delayTicks() + (n + 0.5) * a.dwellNs() / (double) tickNs;
    }

    private Geometry findGeometry(int sliceAx) {
        if (adcs.isEmpty()) return null;
        // readout axis: strongest gradient at the echo sample of the first ADC that has one
        int read = -1;
        for (AdcInfo a : adcs) {
            int best = -1;
            for (int ax = 0; ax < 3; ax++) {
                if (ax != sliceAx && a.gradientHzPerM()[ax] != 0
                        && (best < 0 || Math.abs(a.gradientHzPerM()[ax]) > Math.abs(a.gradientHzPerM()[best]))) best = ax;
            }
            if (best >= 0) {
                read = best;
                break;
            }
        }
        if (read < 0) return null;
        TreeMap<Integer, AdcInfo> firstOfLine = new TreeMap<>();
        TreeMap<Integer, Integer> indexOfLine = new TreeMap<>();
        for (int i = 0; i < adcs.size(); i++) {
            int line = adcs.get(i).adc().counters().line();
            if (!firstOfLine.containsKey(line)) {
                firstOfLine.put(line, adcs.get(i));
                indexOfLine.put(line, i);
            }
        }
        int lo = firstOfLine.firstKey();
        int hi = firstOfLine.lastKey();
        if (hi == lo) return null;
        int phase = -1;
        double bestSpread = 0;
        for (int ax = 0; ax < 3; ax++) {
            if (ax == read || ax == sliceAx) continue;
            double spread = Math.abs(firstOfLine.get(hi).kCentre()[ax] - firstOfLine.get(lo).kCentre()[ax]);
            if (phase < 0 || spread > bestSpread) {
                phase = ax;
                bestSpread = spread;
            }
        }
        double dkPhase = (firstOfLine.get(hi).kCentre()[phase] - firstOfLine.get(lo).kCentre()[phase]) / (hi - lo);
        int nPhase = hi + 1;
        // 3D: the partition counter phase-encodes the third axis
        int partAxis = 3 - read - phase;
        TreeMap<Integer, AdcInfo> firstOfPartition = new TreeMap<>();
        for (AdcInfo a : adcs) {
            if (a.adc().counters().line() == firstOfLine.firstKey()) firstOfPartition.putIfAbsent(a.adc().counters().partition(), a);
        }
        int nPart = 1;
        double dkPart = 0;
        if (firstOfPartition.size() > 1) {
            int plo = firstOfPartition.firstKey(), phi = firstOfPartition.lastKey();
            dkPart = (firstOfPartition.get(phi).kCentre()[partAxis] - firstOfPartition.get(plo).kCentre()[partAxis]) / (phi - plo);
            if (dkPart != 0) nPart = phi + 1;
        }
        Integer centre = null;
        for (int i = 0; i < adcs.size() && centre == null; i++) {
            var ctr = adcs.get(i).adc().counters();
            if (ctr.line() == nPhase / 2 && (nPart == 1 || ctr.partition() == nPart / 2)) centre = i;
        }
        if (centre == null) return null;
        AdcInfo c = adcs.get(centre);
        double dkRead = c.gradientHzPerM()[read] * c.adc().dwellNs() * 1e-9;
        if (dkRead == 0 || dkPhase == 0) return null;
        Geometry g = new Geometry(read, phase, c.adc().samples(), nPhase, dkRead, dkPhase, centre, nPart, nPart > 1 ? dkPart : 0);
        if (g.is3d() && (g.fovPartitionM() > 2 || g.fovPartitionM() < 0.005)) return null;
        if (g.fovReadM() > 2 || g.fovPhaseM() > 2 || g.fovReadM() < 0.01 || g.fovPhaseM() < 0.01) return null;
        return g;
    }

    public DeviceProgram program() {
        return program;
    }

    public long blockStartTicks(int b) {
        return blockStart[b];
    }

    public RfRole role(int b) {
        return roles[b];
    }

    /** True when some pulse refocuses (spin or turbo spin echo); false for gradient-echo programs and FIDs. */
    public boolean refocuses() {
        for (RfRole r : roles) if (r == RfRole.REFOCUSING) return true;
        return false;
    }

    public List<AdcInfo> adcs() {
        return adcs;
    }

    /** The axis the excitation selects (gradient on during it), or the one outside the image plane. */
    public int sliceAxis() {
        return sliceAxis;
    }

    /** Position of the excited sheet along the slice axis: RF offset / slice gradient, metres. */
    public double slicePositionM() {
        return slicePositionM;
    }

    /** The two in-plane axes, ascending. */
    public int[] inPlaneAxes() {
        return switch (sliceAxis) {
            case 0 -> new int[] {1, 2};
            case 1 -> new int[] {0, 2};
            default -> new int[] {0, 1};
        };
    }

    /**
     * True when no excitation selects a slice, the program samples no image grid and reads out without gradients
     * (FIDs, spectra): its pulses excite the whole object. 3D programs with non-selective pulses keep their slab
     * (the partition FOV; see IsochromatGrid). A non-selective 1D projection still plays one 5 mm sheet, across the
     * axis of a weak marker gradient during its pulse if there is one: calibration's gradient routine finds its
     * rods in that central plane (on a whole object they would not stand out); left as it was.
     */
    public boolean wholeObject() {
        return wholeObject;
    }

    /** The Cartesian image grid, or null when the program does not sample one (FID, 1D). */
    public Geometry geometry() {
        return geometry;
    }
}
