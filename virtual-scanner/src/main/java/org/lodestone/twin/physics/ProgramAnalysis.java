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
 * matrix, Δk, FOV) and which ADC is the k-space centre line. Directions are vectors on the gradient axes, so an
 * oblique slice (its gradients on several axes) keeps its true normal, read and phase directions.
 */
public final class ProgramAnalysis {
    public enum RfRole { EXCITATION, REFOCUSING, INVERSION }

    /** A pulse whose slab is thicker than this (metres) is non-selective: it excites the whole object. */
    static final double SELECTIVE_SLAB_M = 1.0;

    /** One ADC window: its block, k at the centre sample N/2, gradient at that sample, constant-gradient flag. */
    public record AdcInfo(int block, AdcWindow adc, double[] kCentre, double[] gradientHzPerM, boolean gradientConstant) {
    }

    /**
     * The Cartesian image grid the program samples. {@code readDir}, {@code phaseDir} are unit vectors on the gradient
     * axes (x, y, z), the read gradient at the echo and the phase-encode step's k direction, each turned so its largest
     * component is positive (an axis-aligned program gets exact unit axes). {@code dkRead} is the signed k step per
     * readout sample along {@code readDir}; {@code dkPhase} the signed k step per line counter along {@code phaseDir};
     * {@code dkPartition} per partition counter along the slice normal (cycles/m). {@code readCentreM}: where along
     * {@code readDir} the image centre lies (the centre ADC's frequency offset over the read gradient; 0 without one).
     * {@code phaseCentreM}: where along {@code phaseDir} it lies (the ADC phase ramp across the lines over 2π·Δk, beside
     * the excitations' own phases such as RF spoiling; 0 without one). {@code partitionCentreM}: where along the slice
     * normal a 3D program's partition field of view is centred (the ADC phase ramp across the partitions, read the same
     * way; 0 for 2D or without one). {@code centreAdc} indexes {@link #adcs()}.
     */
    public record Geometry(double[] readDir, double[] phaseDir, int nRead, int nPhase, double dkRead, double dkPhase,
                           int centreAdc, int nPartition, double dkPartition, double readCentreM, double phaseCentreM,
                           double partitionCentreM) {
        /** True for a 3D program: partitions phase-encoded along the slice normal. */
        public boolean is3d() {
            return nPartition > 1 && dkPartition != 0;
        }

        /** The gradient axis nearest the read direction. */
        public int readAxis() {
            return dominantAxis(readDir);
        }

        /** The gradient axis nearest the phase direction. */
        public int phaseAxis() {
            return dominantAxis(phaseDir);
        }

        public double fovPartitionM() {
            return 1.0 / Math.abs(dkPartition);
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
    /** Per ADC window, the phase of the excitation before it (the reference its own phase is set against). */
    private final List<Double> excitationPhase = new ArrayList<>();
    private final double[] sliceNormal;
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
        double[] normal = null;
        double slicePos = 0;
        boolean selective = false;
        double lastExcitationPhase = 0;
        for (int b = 0; b < blocks.size(); b++) {
            ProgramBlock blk = blocks.get(b);
            blockStart[b + 1] = blockStart[b] + blk.durationTicks();
            double[] kStart = k.clone();
            if (blk.rf() != null) {
                roles[b] = roleOf(blk.rf(), tick);
                double tc = rfCentreTicks(blk.rf());
                if (roles[b] == RfRole.EXCITATION) {
                    lastExcitationPhase = equivalent(blk.rf(), tick).phaseRad();
                    selective |= selection(blk, tick) != null;
                    // the sheet's normal: the full gradient vector of the first excitation with any gradient on, even a
                    // weak marker (see wholeObject); its position along it: RF offset / gradient along the normal
                    double[] gv = gradientAt(blk, tc);
                    double[] n = unit(gv);
                    if (normal == null && n != null) {
                        normal = n;
                        slicePos = equivalent(blk.rf(), tick).frequencyOffsetHz() / dot(gv, n);
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
                excitationPhase.add(lastExcitationPhase);
            }
            k = kAt(blk, b, kStart, blk.durationTicks(), tick);
        }
        this.geometry = findGeometry(normal, Double.isFinite(slicePos) ? slicePos : 0);
        boolean readoutGradient = false;
        for (AdcInfo a : adcs) for (double gv : a.gradientHzPerM()) readoutGradient |= gv != 0;
        this.wholeObject = !selective && geometry == null && !readoutGradient;
        if (normal == null) {
            normal = geometry != null ? unit(cross(geometry.readDir(), geometry.phaseDir())) : null;
            if (normal == null) normal = new double[] {0, 0, 1};
            slicePos = 0;
        }
        this.sliceNormal = normal;
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

    private Geometry findGeometry(double[] normal, double slicePos) {
        if (adcs.isEmpty()) return null;
        // read direction: the gradient at the echo sample of the first ADC that has one across the sheet's normal
        double[] read = null;
        for (AdcInfo a : adcs) {
            read = unit(normal == null ? a.gradientHzPerM() : across(a.gradientHzPerM(), normal));
            if (read != null) break;
        }
        if (read == null) return null;
        TreeMap<Integer, AdcInfo> firstOfLine = new TreeMap<>();
        for (int i = 0; i < adcs.size(); i++) firstOfLine.putIfAbsent(adcs.get(i).adc().counters().line(), adcs.get(i));
        int lo = firstOfLine.firstKey();
        int hi = firstOfLine.lastKey();
        if (hi == lo) return null;
        // phase direction: the k step between the first and last line, across read (and the normal, when known)
        double[] spread = minus(firstOfLine.get(hi).kCentre(), firstOfLine.get(lo).kCentre());
        double[] phase = across(spread, read);
        if (normal != null) phase = across(phase, normal);
        phase = unit(phase);
        if (phase == null) return null;
        double dkPhase = dot(spread, phase) / (hi - lo);
        int nPhase = hi + 1;
        // 3D: the partition counter phase-encodes the sheet's normal (or what is across read and phase)
        double[] partDir = normal != null ? normal : unit(cross(read, phase));
        TreeMap<Integer, AdcInfo> firstOfPartition = new TreeMap<>();
        for (AdcInfo a : adcs) {
            if (a.adc().counters().line() == firstOfLine.firstKey()) firstOfPartition.putIfAbsent(a.adc().counters().partition(), a);
        }
        int nPart = 1;
        double dkPart = 0;
        if (firstOfPartition.size() > 1) {
            int plo = firstOfPartition.firstKey(), phi = firstOfPartition.lastKey();
            dkPart = dot(minus(firstOfPartition.get(phi).kCentre(), firstOfPartition.get(plo).kCentre()), partDir) / (phi - plo);
            if (dkPart != 0) nPart = phi + 1;
        }
        Integer centre = null;
        for (int i = 0; i < adcs.size() && centre == null; i++) {
            var ctr = adcs.get(i).adc().counters();
            if (ctr.line() == nPhase / 2 && (nPart == 1 || ctr.partition() == nPart / 2)) centre = i;
        }
        if (centre == null) return null;
        AdcInfo c = adcs.get(centre);
        double gRead = dot(c.gradientHzPerM(), read);
        double dkRead = gRead * c.adc().dwellNs() * 1e-9;
        if (dkRead == 0 || dkPhase == 0) return null;
        double readCentre = c.adc().frequencyOffsetHz() == 0 ? 0 : c.adc().frequencyOffsetHz() / gRead;
        Geometry g = new Geometry(read, phase, c.adc().samples(), nPhase, dkRead, dkPhase, centre, nPart, nPart > 1 ? dkPart : 0,
                readCentre, encodeCentre(centre, phase, 1, 0), nPart > 1 ? partitionCentre(encodeCentre(centre, partDir, 0, 1), dkPart, slicePos) : 0);
        if (g.is3d() && (g.fovPartitionM() > 2 || g.fovPartitionM() < 0.005)) return null;
        if (g.fovReadM() > 2 || g.fovPhaseM() > 2 || g.fovReadM() < 0.01 || g.fovPhaseM() < 0.01) return null;
        return g;
    }

    /**
     * Where along {@code dir} the receiver puts the image centre: the ADC phase of the line (lineStep 1) or partition
     * (partitionStep 1) next to the centre ADC's, all other counters the same, against the centre's, each less its
     * excitation's phase (RF spoiling), over 2π times their k step along {@code dir}. Adjacent encodes keep the step
     * within ±π for a centre within ±FOV/2 (a slab's centre beyond that is still found modulo its field of view, where
     * it images the same). 0 when the phases do not differ (no offset) or no neighbour was acquired.
     */
    private double encodeCentre(int centre, double[] dir, int lineStep, int partitionStep) {
        AdcInfo c = adcs.get(centre);
        var cc = c.adc().counters();
        for (int i = 0; i < adcs.size(); i++) {
            var n = adcs.get(i).adc().counters();
            if (Math.abs(n.line() - cc.line()) != lineStep || Math.abs(n.partition() - cc.partition()) != partitionStep
                    || n.slice() != cc.slice()) continue;
            double dk = dot(minus(adcs.get(i).kCentre(), c.kCentre()), dir);
            double turn = (adcs.get(i).adc().phaseRad() - excitationPhase.get(i)) - (c.adc().phaseRad() - excitationPhase.get(centre));
            turn = Math.IEEEremainder(turn, 2 * Math.PI);
            return Math.abs(turn) < 1e-9 || dk == 0 ? 0 : turn / (2 * Math.PI * dk);
        }
        return 0;
    }

    /**
     * The partition centre the phases give is known modulo the partition field of view (every alias images the same
     * voxels); the one nearest the slab the excitation selects is where the slab is.
     */
    private static double partitionCentre(double fromPhases, double dkPartition, double slicePos) {
        double fov = 1 / Math.abs(dkPartition);
        return fromPhases + fov * Math.rint((slicePos - fromPhases) / fov);
    }

    /** The gradient vector (Hz/m on x, y, z) of a block at time t. */
    private static double[] gradientAt(ProgramBlock blk, double t) {
        double[] g = new double[3];
        for (int ax = 0; ax < 3; ax++) {
            GradientWaveform w = blk.gradient(ax);
            g[ax] = w == null ? 0 : w.valueAt(t);
        }
        return g;
    }

    /**
     * v / |v|, turned so its largest component is positive, with components below 1e-9 of it set to zero (rounding
     * noise of a rotation is no direction: an axis-aligned vector becomes an exact unit axis); null for a zero vector.
     */
    static double[] unit(double[] v) {
        if (v == null) return null;
        int d = dominantAxis(v);
        double big = Math.abs(v[d]);
        if (big == 0 || !Double.isFinite(big)) return null;
        double[] c = new double[3];
        for (int ax = 0; ax < 3; ax++) c[ax] = Math.abs(v[ax]) < 1e-9 * big ? 0 : v[ax];
        double len = Math.sqrt(dot(c, c)), sign = Math.signum(c[d]);
        for (int ax = 0; ax < 3; ax++) c[ax] = c[ax] == 0 ? 0 : sign * c[ax] / len;
        return c;
    }

    static int dominantAxis(double[] v) {
        int best = 0;
        for (int ax = 1; ax < 3; ax++) if (Math.abs(v[ax]) > Math.abs(v[best])) best = ax;
        return best;
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** v without its component along the unit vector u. */
    private static double[] across(double[] v, double[] u) {
        double p = dot(v, u);
        if (p == 0) return v.clone();
        return new double[] {v[0] - p * u[0], v[1] - p * u[1], v[2] - p * u[2]};
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

    /** The gradient axis nearest the sheet's normal. */
    public int sliceAxis() {
        return dominantAxis(sliceNormal);
    }

    /**
     * Unit normal of the excited sheet on the gradient axes: the direction of the full gradient vector at the centre of
     * the first excitation with a gradient on (largest component positive), else the one across the image plane.
     */
    public double[] sliceNormal() {
        return sliceNormal.clone();
    }

    /** Position of the excited sheet along its normal: RF offset / slice gradient along the normal, metres. */
    public double slicePositionM() {
        return slicePositionM;
    }

    /**
     * Two unit vectors spanning the sheet, {read, phase} of the image grid ordered by their nearest gradient axis (an
     * axis-aligned program gets its two in-plane unit axes, ascending), or the unit axes across the normal's nearest
     * axis when the program samples no image grid.
     */
    public double[][] inPlaneBasis() {
        if (geometry != null) {
            return geometry.phaseAxis() < geometry.readAxis() ? new double[][] {geometry.phaseDir(), geometry.readDir()}
                    : new double[][] {geometry.readDir(), geometry.phaseDir()};
        }
        int[] axes = switch (sliceAxis()) {
            case 0 -> new int[] {1, 2};
            case 1 -> new int[] {0, 2};
            default -> new int[] {0, 1};
        };
        double[][] basis = new double[2][3];
        basis[0][axes[0]] = 1;
        basis[1][axes[1]] = 1;
        return basis;
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
