package org.lodestone.twin.launch;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each with… method changes its own fields and keeps every other one. */
class TwinOptionsTest {
    private static final TwinOptions ALL_SET = new TwinOptions(7, 2.5, Path.of("truth"), "uniform", Path.of("door.script"), 4096,
            true, Path.of("gpio.properties"), true, 300, TwinOptions.Link.TCP, List.of("--thermal-tau", "600"));

    @Test
    void eachWitherChangesOnlyItsField() {
        TwinOptions o = ALL_SET;
        assertThat(o.withSeed(9)).isEqualTo(new TwinOptions(9, 2.5, o.truthDir(), "uniform", o.script(), 4096, true, o.gpioConfig(), true, 300, o.link(), o.extraArgs()));
        assertThat(o.withSpeed(0)).isEqualTo(new TwinOptions(7, 0, o.truthDir(), "uniform", o.script(), 4096, true, o.gpioConfig(), true, 300, o.link(), o.extraArgs()));
        assertThat(o.withTruth(null)).isEqualTo(new TwinOptions(7, 2.5, null, "uniform", o.script(), 4096, true, o.gpioConfig(), true, 300, o.link(), o.extraArgs()));
        assertThat(o.withPhantom("head")).isEqualTo(new TwinOptions(7, 2.5, o.truthDir(), "head", o.script(), 4096, true, o.gpioConfig(), true, 300, o.link(), o.extraArgs()));
        assertThat(o.withScript(null)).isEqualTo(new TwinOptions(7, 2.5, o.truthDir(), "uniform", null, 4096, true, o.gpioConfig(), true, 300, o.link(), o.extraArgs()));
        assertThat(o.withProgramMemory(0)).isEqualTo(new TwinOptions(7, 2.5, o.truthDir(), "uniform", o.script(), 0, true, o.gpioConfig(), true, 300, o.link(), o.extraArgs()));
        assertThat(o.withGpio(false, null)).isEqualTo(new TwinOptions(7, 2.5, o.truthDir(), "uniform", o.script(), 4096, false, null, true, 300, o.link(), o.extraArgs()));
        assertThat(o.withEmi(false)).isEqualTo(new TwinOptions(7, 2.5, o.truthDir(), "uniform", o.script(), 4096, true, o.gpioConfig(), false, 300, o.link(), o.extraArgs()));
        assertThat(o.withMaxHeapMb(0)).isEqualTo(new TwinOptions(7, 2.5, o.truthDir(), "uniform", o.script(), 4096, true, o.gpioConfig(), true, 0, o.link(), o.extraArgs()));
        assertThat(o.withLink(TwinOptions.Link.PTY)).isEqualTo(new TwinOptions(7, 2.5, o.truthDir(), "uniform", o.script(), 4096, true, o.gpioConfig(), true, 300, TwinOptions.Link.PTY, o.extraArgs()));
    }

    @Test
    void argumentsAreAddedAfterTheOnesThereAndTheOriginalIsUntouched() {
        TwinOptions more = ALL_SET.withArgs("--emi");
        assertThat(more.extraArgs()).containsExactly("--thermal-tau", "600", "--emi");
        assertThat(ALL_SET.extraArgs()).containsExactly("--thermal-tau", "600");
        assertThat(more.simulatorArgs("/dev/pts/9", 0)).endsWith("--thermal-tau", "600", "--emi");
    }
}
