package org.lodestone.hw.program;

import java.util.List;

/**
 * What the sequencer board executes: blocks on the board's time raster, one after another.
 * Times are integer ticks of {@link #tickNs} nanoseconds; amplitudes are in the same physical
 * units as Pulseq (RF in Hz of B1·γ, gradients in Hz/m) so the board's calibration, not the
 * program, maps them onto DAC codes.
 */
public record DeviceProgram(int tickNs, List<ProgramBlock> blocks) {
    public DeviceProgram {
        if (tickNs <= 0) throw new IllegalArgumentException("tickNs must be positive");
        blocks = List.copyOf(blocks);
    }

    public long durationTicks() {
        long t = 0;
        for (ProgramBlock b : blocks) t += b.durationTicks();
        return t;
    }

    public double durationSeconds() {
        return durationTicks() * tickNs * 1e-9;
    }

    public int adcCount() {
        int n = 0;
        for (ProgramBlock b : blocks) if (b.adc() != null) n++;
        return n;
    }
}
