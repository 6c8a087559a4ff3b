package org.lodestone.twin.bench;

import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.hw.program.Trapezoid;
import org.lodestone.hw.program.AdcCounters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Device programs written by hand with ProgramBlocks (tick 100 ns) for the benchmark. */
public final class BenchPrograms {
    static final int TICK_NS = 100;

    private BenchPrograms() {
    }

    static long us(double micros) {
        return Math.round(micros * 1000 / TICK_NS);
    }

    static RfPulse hard(double flipDeg, double delayUs, double phaseRad, RfPulse.Use use) {
        double amp = 625;
        int n = (int) Math.round(flipDeg / 360.0 / (amp * 1e-6));
        float[] shape = new float[n];
        Arrays.fill(shape, 1f);
        return new RfPulse(us(delayUs), flipDeg / 360.0 / (n * 1e-6), phaseRad, 0, 10, shape, use);
    }

    static AdcWindow adc(double delayUs, int samples, double dwellUs, int line, int partition) {
        return new AdcWindow(us(delayUs), samples, (int) Math.round(dwellUs * 1000), 0, 0,
                new AdcCounters(line, partition, 0, 0, 0, 0, 0, 0, 0), 0);
    }

    /** 2D spin echo, N×N, readout x, phase y, TE 20 ms (same timing as the console's default). */
    public static DeviceProgram spinEcho2d(int n, double fovMm, double trMs, double dwellUs) {
        double dk = 1.0 / (fovMm * 1e-3);
        double gRead = dk / (dwellUs * 1e-6);
        double riseUs = 300;
        double flatUs = n * dwellUs + 120;
        double adcDelayUs = riseUs + (flatUs - n * dwellUs) / 2;
        double echoInBlockUs = adcDelayUs + (n / 2 + 0.5) * dwellUs;
        double kToEcho = gRead * (riseUs / 2 + (echoInBlockUs - riseUs)) * 1e-6;
        double preFlatUs = 560;
        double preArea = 1e-6 * (preFlatUs + riseUs);
        List<ProgramBlock> b = new ArrayList<>();
        RfPulse ex = hard(90, 100, 0, RfPulse.Use.EXCITATION);
        double exCentre = 100 + ex.durationTicks() * TICK_NS / 2000.0;
        double teUs = 20_000;
        for (int line = 0; line < n; line++) {
            double t = 0;
            b.add(new ProgramBlock(us(1000), ex, null, null, null, null));
            t += 1000;
            double ky = (line - n / 2) * dk;
            Trapezoid gx = new Trapezoid(0, us(riseUs), us(preFlatUs), us(riseUs), kToEcho / preArea);
            Trapezoid gy = new Trapezoid(0, us(riseUs), us(preFlatUs), us(riseUs), ky / preArea);
            double prepDur = 2 * riseUs + preFlatUs + 40;
            b.add(new ProgramBlock(us(prepDur), null, gx, gy, null, null));
            t += prepDur;
            RfPulse ref = hard(180, 0, Math.PI / 2, RfPulse.Use.REFOCUSING);
            double refHalf = ref.durationTicks() * TICK_NS / 2000.0;
            Trapezoid crush = new Trapezoid(0, us(100), us(800), us(100), 200_000);
            double refBlockStart = exCentre + teUs / 2 - refHalf;
            b.add(ProgramBlock.delay(us(refBlockStart - 1000 - t)));
            b.add(new ProgramBlock(us(1000), null, null, null, crush, null));
            b.add(new ProgramBlock(us(2 * refHalf), ref, null, null, null, null));
            b.add(new ProgramBlock(us(1000), null, null, null, crush, null));
            t = refBlockStart + 2 * refHalf + 1000;
            double roStart = exCentre + teUs - echoInBlockUs;
            b.add(ProgramBlock.delay(us(roStart - t)));
            Trapezoid ro = new Trapezoid(0, us(riseUs), us(flatUs), us(riseUs), gRead);
            b.add(new ProgramBlock(us(2 * riseUs + flatUs), null, ro, null, null, adc(adcDelayUs, n, dwellUs, line, 0)));
            t = roStart + 2 * riseUs + flatUs;
            Trapezoid spoil = new Trapezoid(0, us(200), us(2000), us(200), 400_000);
            b.add(new ProgramBlock(us(trMs * 1000 - t), null, null, null, spoil, null));
        }
        return new DeviceProgram(TICK_NS, b);
    }

    /**
     * 3D turbo spin echo: non-selective 90°, CPMG train of {@code etl} 180°s at {@code espMs}; each echo
     * is phase-encoded in y (line) and z (partition) before the readout and rewound after it.
     * Partitions outermost; within a partition, shot s, echo e acquires line s + e·(nPhase/etl).
     */
    public static DeviceProgram tse3d(int nRead, int nPhase, int nPart, double fovMm, double slabMm, int etl,
                                      double espMs, double trMs, double dwellUs) {
        double dk = 1.0 / (fovMm * 1e-3);
        double dkz = 1.0 / (slabMm * 1e-3);
        double gRead = dk / (dwellUs * 1e-6);
        double rise = 300;
        double flat = nRead * dwellUs + 120;
        double adcDelay = rise + 60;
        double echoInBlock = adcDelay + (nRead / 2 + 0.5) * dwellUs;
        double kToEcho = gRead * (rise / 2 + (echoInBlock - rise)) * 1e-6;
        double encArea = 1e-6 * (600 + 200); // trapezoid 200/600/200 µs per unit amplitude
        double esp = espMs * 1000;
        List<ProgramBlock> b = new ArrayList<>();
        int shotsPerPart = nPhase / etl;
        for (int p = 0; p < nPart; p++) {
            for (int s = 0; s < shotsPerPart; s++) {
                RfPulse ex = hard(90, 100, 0, RfPulse.Use.EXCITATION);
                double exCentre = 100 + ex.durationTicks() * TICK_NS / 2000.0;
                b.add(new ProgramBlock(us(1000), ex, null, null, null, null));
                // read prephaser before the first 180° (which negates it)
                b.add(new ProgramBlock(us(1000), null, new Trapezoid(0, us(200), us(600), us(200), kToEcho / encArea), null, null, null));
                double t = 2000;
                for (int e = 0; e < etl; e++) {
                    int line = s + e * shotsPerPart;
                    RfPulse ref = hard(180, 0, Math.PI / 2, RfPulse.Use.REFOCUSING);
                    double refHalf = ref.durationTicks() * TICK_NS / 2000.0;
                    double refStart = exCentre + (e + 0.5) * esp - refHalf;
                    b.add(ProgramBlock.delay(us(refStart - t)));
                    b.add(new ProgramBlock(us(2 * refHalf), ref, null, null, null, null));
                    t = refStart + 2 * refHalf;
                    double ky = (line - nPhase / 2) * dk, kz = (p - nPart / 2) * dkz;
                    b.add(new ProgramBlock(us(1000), null, null, new Trapezoid(0, us(200), us(600), us(200), ky / encArea),
                            new Trapezoid(0, us(200), us(600), us(200), kz / encArea), null));
                    t += 1000;
                    double roStart = exCentre + (e + 1) * esp - echoInBlock;
                    b.add(ProgramBlock.delay(us(roStart - t)));
                    Trapezoid ro = new Trapezoid(0, us(rise), us(flat), us(rise), gRead);
                    b.add(new ProgramBlock(us(2 * rise + flat), null, ro, null, null, adc(adcDelay, nRead, dwellUs, line, p)));
                    t = roStart + 2 * rise + flat;
                    b.add(new ProgramBlock(us(1000), null, null, new Trapezoid(0, us(200), us(600), us(200), -ky / encArea),
                            new Trapezoid(0, us(200), us(600), us(200), -kz / encArea), null));
                    t += 1000;
                }
                Trapezoid spoil = new Trapezoid(0, us(200), us(2000), us(200), 400_000);
                b.add(new ProgramBlock(us(trMs * 1000 - t), null, null, null, spoil, null));
            }
        }
        return new DeviceProgram(TICK_NS, b);
    }
}
