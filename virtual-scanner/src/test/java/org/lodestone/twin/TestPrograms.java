package org.lodestone.twin;

import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.hw.program.Trapezoid;
import org.lodestone.hw.program.AdcCounters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-written device programs (tick 100 ns) for the tests. */
public final class TestPrograms {
    public static final int TICK_NS = 100;

    private TestPrograms() {
    }

    public static long us(double micros) {
        return Math.round(micros * 1000 / TICK_NS);
    }

    /** Hard pulse of the given flip, 625 Hz (14.7 µT) amplitude, starting at delayUs. */
    public static RfPulse hard(double flipDeg, double delayUs, double phaseRad, RfPulse.Use use) {
        double amp = 625;
        int n = (int) Math.round(flipDeg / 360.0 / (amp * 1e-6)); // 1 µs samples
        float[] shape = new float[n];
        Arrays.fill(shape, 1f);
        double exactAmp = flipDeg / 360.0 / (n * 1e-6);
        return new RfPulse(us(delayUs), exactAmp, phaseRad, 0, 10, shape, use);
    }

    public static AdcWindow adc(double delayUs, int samples, double dwellUs, int line) {
        return new AdcWindow(us(delayUs), samples, (int) Math.round(dwellUs * 1000), 0, 0,
                new AdcCounters(line, 0, 0, 0, 0, 0, 0, 0, 0), 0);
    }

    /** 90° hard pulse then one ADC window (FID). */
    public static DeviceProgram fid(int samples, double dwellUs) {
        RfPulse rf = hard(90, 10, 0, RfPulse.Use.EXCITATION);
        double end = 10 + rf.durationTicks() * TICK_NS / 1000.0;
        AdcWindow a = adc(end + 50, samples, dwellUs, 0);
        long dur = us(end + 50 + samples * dwellUs + 100);
        return new DeviceProgram(TICK_NS, List.of(new ProgramBlock(dur, rf, null, null, null, a)));
    }

    /** The program with a constant gradient (Hz/m) on {@code axis} over each RF pulse's block, e.g. a weak marker. */
    public static DeviceProgram withGradientDuringPulse(DeviceProgram p, int axis, double hzPerM) {
        List<ProgramBlock> out = new java.util.ArrayList<>();
        for (ProgramBlock b : p.blocks()) {
            if (b.rf() == null) {
                out.add(b);
                continue;
            }
            long end = b.rf().delayTicks() + b.rf().durationTicks() + us(20);
            Trapezoid g = new Trapezoid(0, us(10), end, us(10), hzPerM);
            out.add(new ProgramBlock(b.durationTicks(), b.rf(), axis == 0 ? g : b.gx(), axis == 1 ? g : b.gy(), axis == 2 ? g : b.gz(), b.adc()));
        }
        return new DeviceProgram(p.tickNs(), out);
    }

    /**
     * Single spin echo without imaging gradients: 90°x, crusher–180°y–crusher on z centred at
     * TE/2, and an ADC whose sample N/2 falls exactly on TE.
     */
    public static DeviceProgram spinEcho(double teMs, int samples, double dwellUs) {
        List<ProgramBlock> b = new ArrayList<>();
        RfPulse ex = hard(90, 100, 0, RfPulse.Use.EXCITATION);
        double exCentre = 100 + ex.durationTicks() * TICK_NS / 2000.0;
        double teUs = teMs * 1000;
        b.add(new ProgramBlock(us(1000), ex, null, null, null, null));
        RfPulse ref = hard(180, 0, Math.PI / 2, RfPulse.Use.REFOCUSING);
        double refHalf = ref.durationTicks() * TICK_NS / 2000.0;
        Trapezoid crush = new Trapezoid(0, us(100), us(800), us(100), 200_000);
        double refBlockStart = exCentre + teUs / 2 - refHalf;
        b.add(ProgramBlock.delay(us(refBlockStart - 1000 - 1000)));
        b.add(new ProgramBlock(us(1000), null, null, null, crush, null));
        b.add(new ProgramBlock(us(2 * refHalf), ref, null, null, null, null));
        b.add(new ProgramBlock(us(1000), null, null, null, crush, null));
        double t = refBlockStart + 2 * refHalf + 1000;
        double adcStart = exCentre + teUs - (samples / 2 + 0.5) * dwellUs;
        b.add(ProgramBlock.delay(us(adcStart - t)));
        b.add(new ProgramBlock(us(samples * dwellUs + 100), null, null, null, null, adc(0, samples, dwellUs, 0)));
        return new DeviceProgram(TICK_NS, b);
    }

    /**
     * 2D spin-echo imaging, Cartesian, N×N, FOV in mm, readout on x, phase on y (the phase
     * encode is applied before the 180° so k_y at the echo runs opposite to the line counter),
     * TE 20 ms, TR in ms, dwell 20 µs.
     */
    public static DeviceProgram spinEchoImaging(int n, double fovMm, double trMs) {
        return spinEchoImaging(n, fovMm, trMs, 20);
    }

    public static DeviceProgram spinEchoImaging(int n, double fovMm, double trMs, double dwellUs) {
        return org.lodestone.twin.bench.BenchPrograms.spinEcho2d(n, fovMm, trMs, dwellUs);
    }

    /** A hard pulse of fixed duration (800 µs) and the given nominal flip, so only the amplitude changes with the flip. */
    public static RfPulse fixedDuration(double flipDeg, double delayUs, double phaseRad, RfPulse.Use use) {
        float[] shape = new float[800];
        Arrays.fill(shape, 1f);
        return new RfPulse(us(delayUs), flipDeg / 360.0 / 800e-6, phaseRad, 0, 10, shape, use);
    }

    /** Several FIDs in one program: pulse (800 µs) at the start of block i, ADC 50 µs after it, blocks start at startsS[i]. */
    public static DeviceProgram fids(double[] startsS, double[] flipsDeg, int samples, double dwellUs) {
        List<ProgramBlock> b = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < startsS.length; i++) {
            if (startsS[i] > t) b.add(ProgramBlock.delay(us((startsS[i] - t) * 1e6)));
            RfPulse rf = fixedDuration(flipsDeg[i], 10, 0, RfPulse.Use.EXCITATION);
            double dur = 10 + 800 + 50 + samples * dwellUs + 100;
            // crusher after the window dephases what is left before the next FID
            Trapezoid spoil = new Trapezoid(us(dur), us(100), us(2000), us(100), 200_000);
            b.add(new ProgramBlock(us(dur + 2300), rf, null, null, spoil, adc(860, samples, dwellUs, i)));
            t = startsS[i] + (dur + 2300) * 1e-6;
        }
        return new DeviceProgram(TICK_NS, b);
    }

    /** Inversion recovery: for each TI, 180° – TI – 90° – FID, then a recovery gap of recoveryS. */
    public static DeviceProgram inversionRecovery(double[] tiS, double recoveryS, int samples, double dwellUs) {
        List<ProgramBlock> b = new ArrayList<>();
        for (int i = 0; i < tiS.length; i++) {
            RfPulse inv = fixedDuration(180, 0, 0, RfPulse.Use.INVERSION);
            // inversion centre at 400 µs into its block, excitation centre 400 µs into the next: TI apart
            Trapezoid spoil = new Trapezoid(us(900), us(100), us(2000), us(100), 200_000);
            double gap = tiS[i] * 1e6;
            b.add(new ProgramBlock(us(gap), inv, null, null, spoil, null));
            RfPulse ex = fixedDuration(90, 0, 0, RfPulse.Use.EXCITATION);
            double dur = 800 + 50 + samples * dwellUs + 100;
            b.add(new ProgramBlock(us(dur), ex, null, null, null, adc(850, samples, dwellUs, i)));
            b.add(ProgramBlock.delay(us(recoveryS * 1e6)));
        }
        return new DeviceProgram(TICK_NS, b);
    }

    /** ADC windows only (no RF, no gradients): what the receiver picks up. */
    public static DeviceProgram listen(int windows, int samples, double dwellUs) {
        List<ProgramBlock> b = new ArrayList<>();
        for (int i = 0; i < windows; i++) b.add(new ProgramBlock(us(samples * dwellUs + 200), null, null, null, null, adc(100, samples, dwellUs, i)));
        return new DeviceProgram(TICK_NS, b);
    }
}
