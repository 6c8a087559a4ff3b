package org.lodestone.scan;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.AdcCounters;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RemainingTimeTest {
    @Test
    void countsDummyScansAndFollowsTheObservedPace() {
        // 2 dummy TRs of 1 s, then 10 lines of 1 s, each ADC ending 0.5 s into its TR.
        List<ProgramBlock> blocks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            AdcWindow adc = i < 2 ? null : new AdcWindow(4_990_000, 100, 10_000, 0, 0, AdcCounters.ZERO, 0);
            blocks.add(new ProgramBlock(10_000_000, null, null, null, null, adc));
        }
        RemainingTime r = new RemainingTime(new DeviceProgram(100, blocks));
        // First line ends at 2.5 s; 9.5 s of program remain at real-time pace.
        assertThat(r.remainingSeconds(1, 2.5)).isCloseTo(9.5, within(1e-9));
        // A twin running 10× faster: the same line arrived after 0.25 s.
        assertThat(r.remainingSeconds(1, 0.25)).isCloseTo(0.95, within(1e-9));
        assertThat(r.remainingSeconds(10, 11.5)).isCloseTo(0.5, within(1e-9));
        assertThat(r.remainingSeconds(0, 0)).isCloseTo(12, within(1e-9));
    }
}
