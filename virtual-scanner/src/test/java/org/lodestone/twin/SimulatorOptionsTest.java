package org.lodestone.twin;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator's --speed and --program-memory are checked as they are parsed: a bad value is a usage error. */
class SimulatorOptionsTest {
    @Test
    void aNegativeSpeedOrTooLittleProgramMemoryIsRefusedWhileParsing() {
        assertThatThrownBy(() -> new CommandLine(new SimulatorCommand()).parseArgs("--port", "tcp:0", "--speed", "-1"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessage("--speed must be ≥ 0");
        assertThatThrownBy(() -> new CommandLine(new SimulatorCommand()).parseArgs("--port", "tcp:0", "--program-memory", "512"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessage("--program-memory must be at least 1024 bytes");

        SimulatorCommand defaults = new SimulatorCommand();
        new CommandLine(defaults).parseArgs("--port", "tcp:0");
        assertThat(defaults.speed).isEqualTo(1.0);
        assertThat(defaults.programMemoryBytes).isEqualTo(org.lodestone.twin.device.TwinCapabilities.DEFAULT_PROGRAM_MEMORY_BYTES);

        SimulatorCommand given = new SimulatorCommand();
        new CommandLine(given).parseArgs("--port", "tcp:0", "--speed", "0", "--program-memory", "2048");
        assertThat(given.speed).isZero();
        assertThat(given.programMemoryBytes).isEqualTo(2048);
    }
}
