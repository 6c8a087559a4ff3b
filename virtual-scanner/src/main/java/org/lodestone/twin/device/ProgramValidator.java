package org.lodestone.twin.device;

import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.GradientWaveform;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.hw.wire.Message.Capabilities;

/** What the board checks in an uploaded program against its hardware profile. */
final class ProgramValidator {
    private ProgramValidator() {
    }

    /** Returns a reason the board refuses {@code p}, or null. */
    static String problem(DeviceProgram p, Capabilities c) {
        if (p.tickNs() != c.tickNs()) return "tick of " + p.tickNs() + " ns; this unit runs on " + c.tickNs() + " ns";
        double gmax = c.maxGradientHzPerM() * 1.001;
        double b1max = c.maxB1Hz() * 1.001;
        for (int i = 0; i < p.blocks().size(); i++) {
            ProgramBlock b = p.blocks().get(i);
            RfPulse rf = b.rf();
            if (rf != null) {
                float peak = 0;
                for (float v : rf.shape()) peak = Math.max(peak, Math.abs(v));
                if (Math.abs(rf.amplitudeHz()) * peak > b1max) {
                    return String.format("block %d: RF amplitude %.1f Hz exceeds the %.1f Hz (20 µT) limit", i,
                            Math.abs(rf.amplitudeHz()) * peak, c.maxB1Hz());
                }
                if (rf.endTicks() > b.durationTicks()) return "block " + i + ": RF pulse runs past the block end";
            }
            for (int ax = 0; ax < 3; ax++) {
                GradientWaveform g = b.gradient(ax);
                if (g == null) continue;
                if (g.peakHzPerM() > gmax) {
                    return String.format("block %d: gradient %c amplitude %.0f Hz/m exceeds the %.0f Hz/m (10 mT/m) limit",
                            i, "xyz".charAt(ax), g.peakHzPerM(), c.maxGradientHzPerM());
                }
                if (g.endTicks() > b.durationTicks()) return "block " + i + ": gradient runs past the block end";
            }
            AdcWindow a = b.adc();
            if (a != null) {
                if (a.samples() > c.maxSamplesPerAdc()) return "block " + i + ": " + a.samples() + " ADC samples exceed " + c.maxSamplesPerAdc();
                if (a.dwellNs() < c.minDwellNs() || a.dwellNs() > c.maxDwellNs()) {
                    return "block " + i + ": ADC dwell " + a.dwellNs() + " ns outside " + c.minDwellNs() + ".." + c.maxDwellNs() + " ns";
                }
                if (a.delayTicks() * p.tickNs() + a.durationNs() > b.durationTicks() * p.tickNs() + 1e-6) {
                    return "block " + i + ": ADC window runs past the block end";
                }
            }
        }
        return null;
    }
}
