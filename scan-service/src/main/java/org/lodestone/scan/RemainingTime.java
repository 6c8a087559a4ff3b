package org.lodestone.scan;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;

/**
 * Time left in a scan from where its lines fall in the program: after line n the program still
 * has (end − t_n) to run, scaled by the pace observed so far (a unit runs at 1; dummy scans and
 * the unit's real pace are accounted for, where lines-per-second extrapolation would not be).
 */
final class RemainingTime {
    private final double[] adcEndSeconds;
    private final double totalSeconds;

    RemainingTime(DeviceProgram program) {
        double tick = program.tickNs() * 1e-9;
        double[] ends = new double[program.adcCount()];
        long t = 0;
        int i = 0;
        for (ProgramBlock b : program.blocks()) {
            if (b.adc() != null) ends[i++] = (t + b.adc().delayTicks()) * tick + b.adc().durationNs() * 1e-9;
            t += b.durationTicks();
        }
        this.adcEndSeconds = ends;
        this.totalSeconds = t * tick;
    }

    /** @param received lines received so far (≥ 1); @param elapsed seconds since start */
    double remainingSeconds(long received, double elapsed) {
        if (received <= 0 || adcEndSeconds.length == 0) return totalSeconds;
        double at = adcEndSeconds[(int) Math.min(received, adcEndSeconds.length) - 1];
        double pace = at > 0 ? Math.min(1.0, elapsed / at) : 1.0;
        return Math.max(0, (totalSeconds - at) * pace);
    }
}
