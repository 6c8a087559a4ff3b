package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.GradientWaveform;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.hw.program.SampledGradient;
import org.lodestone.hw.program.Trapezoid;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.phantom.EllipsePhantom;
import org.lodestone.twin.phantom.EllipsoidPhantom;
import org.lodestone.twin.phantom.Tissue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lodestone.twin.TestPrograms.us;

/** Sampled gradients and phase-modulated RF play out as the physics of the waveforms they describe. */
class ProgramPlaybackTest {

    /** The trapezoid as raster points (raster = gcd of its segment lengths): the same piecewise-linear waveform. */
    static SampledGradient sampled(Trapezoid t) {
        long r = gcd(gcd(t.riseTicks(), t.flatTicks()), t.fallTicks());
        int n = (int) ((t.riseTicks() + t.flatTicks() + t.fallTicks()) / r) + 1;
        float[] p = new float[n];
        for (int i = 0; i < n; i++) p[i] = (float) t.valueAt(t.delayTicks() + (double) i * r);
        return new SampledGradient(t.delayTicks(), (int) r, p);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    static DeviceProgram mapGradients(DeviceProgram p, java.util.function.UnaryOperator<GradientWaveform> f) {
        List<ProgramBlock> out = new ArrayList<>();
        for (ProgramBlock b : p.blocks()) {
            out.add(new ProgramBlock(b.durationTicks(), b.rf(), b.gx() == null ? null : f.apply(b.gx()),
                    b.gy() == null ? null : f.apply(b.gy()), b.gz() == null ? null : f.apply(b.gz()), b.adc()));
        }
        return new DeviceProgram(p.tickNs(), out);
    }

    private static List<SimulatedLine> run(HiddenParameters hp, org.lodestone.twin.phantom.Phantom ph, DeviceProgram p) {
        try (ScannerModel m = new ScannerModel(hp, ph, 0, 2)) {
            return m.newScan(p, AcquisitionSettings.at(hp.trueLarmorHz()), 0).runAll();
        }
    }

    /** Largest |a − b| over every sample and channel, and the largest |a|. */
    private static double[] compare(List<SimulatedLine> a, List<SimulatedLine> b) {
        assertThat(b).hasSameSizeAs(a);
        double diff = 0, peak = 0;
        for (int l = 0; l < a.size(); l++) {
            float[] x = a.get(l).data(), y = b.get(l).data();
            for (int i = 0; i < x.length; i++) {
                diff = Math.max(diff, Math.abs(x[i] - y[i]));
                peak = Math.max(peak, Math.abs(x[i]));
            }
        }
        return new double[] {diff, peak};
    }

    @Test
    void aSampledGradientEqualToATrapezoidGivesTheSameData() {
        // real gradient chain: seeded scale, delay and eddy currents act on both forms
        HiddenParameters hp = HiddenParameters.fromSeed(5);
        assertThat(hp.gradients().isIdeal()).isFalse();
        DeviceProgram trap = TestPrograms.spinEchoImaging(16, 200, 100);
        DeviceProgram samp = mapGradients(trap, g -> sampled((Trapezoid) g));
        assertThat(samp.blocks().stream().filter(b -> b.gx() instanceof SampledGradient).count()).isGreaterThan(15);
        var disc = EllipsePhantom.disc(0.06, Tissue.WHITE_MATTER);
        List<SimulatedLine> a = run(hp, disc, trap);
        double[] same = compare(a, run(hp, disc, samp));
        assertThat(same[1]).isGreaterThan(200); // well above the 1-LSB quantisation
        // equal within float rounding of the points plus one ADC step at a rounding edge
        assertThat(same[0]).isLessThanOrEqualTo(1.0 + 1e-4 * same[1]);
        // and the comparison can fail: a 1 % larger sampled readout is seen
        DeviceProgram off = mapGradients(trap, g -> {
            Trapezoid t = (Trapezoid) g;
            return sampled(new Trapezoid(t.delayTicks(), t.riseTicks(), t.flatTicks(), t.fallTicks(), 1.01 * t.amplitudeHzPerM()));
        });
        assertThat(compare(a, run(hp, disc, off))[0]).isGreaterThan(0.01 * same[1]);
    }

    /** Excitation with a z slice-select gradient, rephaser, then an x readout; the RF as given. */
    private static DeviceProgram sliceFid(RfPulse rf, double gzHzPerM) {
        long rfEnd = rf.endTicks();
        Trapezoid ss = new Trapezoid(0, us(100), rfEnd - us(100) + us(20), us(100), gzHzPerM);
        long exDur = ss.endTicks() + us(10);
        double ssArea = ss.totalArea(TestPrograms.TICK_NS);
        double centreArea = ss.areaUntil(ProgramAnalysis.rfCentreTicks(rf), TestPrograms.TICK_NS);
        Trapezoid reph = new Trapezoid(0, us(100), us(300), us(100), -(ssArea - centreArea) / 400e-6);
        AdcWindow adc = TestPrograms.adc(100, 256, 10, 0);
        Trapezoid ro = new Trapezoid(0, us(100), us(2700), us(100), 1.0 / (0.25 * 10e-6));
        List<ProgramBlock> b = List.of(new ProgramBlock(exDur, rf, null, null, ss, null),
                new ProgramBlock(us(600), null, null, null, reph, null),
                new ProgramBlock(us(3000), null, ro, null, null, adc));
        return new DeviceProgram(TestPrograms.TICK_NS, b);
    }

    @Test
    void aConstantPhaseRampIsAFrequencyOffsetAndMovesTheSlice() {
        HiddenParameters hp = HiddenParameters.ideal(2);
        var head = EllipsoidPhantom.head();
        double g = 200_000; // Hz/m: 2 kHz moves the sheet 10 mm
        double offset = 6000;
        RfPulse base = TestPrograms.hard(90, 10, 0, RfPulse.Use.EXCITATION);
        RfPulse shifted = new RfPulse(base.delayTicks(), base.amplitudeHz(), 0, offset, base.dwellTicks(), base.shape(), base.use());
        float[] ramp = new float[base.shape().length];
        double dwellS = base.dwellTicks() * TestPrograms.TICK_NS * 1e-9;
        for (int i = 0; i < ramp.length; i++) ramp[i] = (float) Math.IEEEremainder(2 * Math.PI * offset * (i + 0.5) * dwellS, 2 * Math.PI);
        RfPulse ramped = new RfPulse(base.delayTicks(), base.amplitudeHz(), 0, 0, base.dwellTicks(), base.shape(), base.use(), ramp);
        assertThat(new ProgramAnalysis(sliceFid(ramped, g)).slicePositionM()).isCloseTo(offset / g, within(1e-6));
        List<SimulatedLine> a = run(hp, head, sliceFid(shifted, g));
        double[] same = compare(a, run(hp, head, sliceFid(ramped, g)));
        assertThat(same[1]).isGreaterThan(1000);
        assertThat(same[0]).isLessThanOrEqualTo(1.0 + 1e-4 * same[1]);
        // the slice really moved: the unshifted pulse images another section of the head (30 mm lower)
        assertThat(compare(a, run(hp, head, sliceFid(base, g)))[0]).isGreaterThan(0.05 * same[1]);
    }

    @Test
    void aConstantPhaseShapeTurnsTheSignalPhase() {
        HiddenParameters hp = HiddenParameters.ideal(3);
        var disc = EllipsePhantom.disc(0.03, Tissue.WHITE_MATTER);
        RfPulse real = TestPrograms.hard(90, 10, 0, RfPulse.Use.EXCITATION);
        float[] phase = new float[real.shape().length];
        double theta = Math.PI / 3;
        Arrays.fill(phase, (float) theta);
        RfPulse turned = new RfPulse(real.delayTicks(), real.amplitudeHz(), 0, 0, real.dwellTicks(), real.shape(), real.use(), phase);
        SimulatedLine a = run(hp, disc, withRf(TestPrograms.fid(256, 20), real)).getFirst();
        SimulatedLine b = run(hp, disc, withRf(TestPrograms.fid(256, 20), turned)).getFirst();
        // b = a·e^{iθ}: Σ b·conj(a) has the angle θ and |Σ b·conj(a)| = Σ |a|²
        double sr = 0, si = 0, aa = 0;
        for (int k = 0; k < 256; k++) {
            double ar = a.re(0, k), ai = a.im(0, k), br = b.re(0, k), bi = b.im(0, k);
            sr += br * ar + bi * ai;
            si += bi * ar - br * ai;
            aa += ar * ar + ai * ai;
        }
        assertThat(aa).isGreaterThan(1e6);
        assertThat(Math.atan2(si, sr)).isCloseTo(theta, within(1e-3));
        assertThat(Math.hypot(sr, si) / aa).isCloseTo(1.0, within(1e-3));
    }

    private static DeviceProgram withRf(DeviceProgram p, RfPulse rf) {
        ProgramBlock b = p.blocks().getFirst();
        List<ProgramBlock> out = new ArrayList<>(p.blocks());
        out.set(0, new ProgramBlock(b.durationTicks(), rf, b.gx(), b.gy(), b.gz(), b.adc()));
        return new DeviceProgram(p.tickNs(), out);
    }
}
