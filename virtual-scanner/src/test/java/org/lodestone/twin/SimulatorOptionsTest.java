package org.lodestone.twin;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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

    @Test
    void thePhantomIsPlacedFromItsOwnOptionsAndBadPlacementsAreRefused() {
        SimulatorCommand centred = new SimulatorCommand();
        new CommandLine(centred).parseArgs("--port", "tcp:0", "--phantom", "uniform");
        assertThat(centred.phantom.placed()).isNotInstanceOf(org.lodestone.twin.phantom.PlacedPhantom.class);

        SimulatorCommand moved = new SimulatorCommand();
        new CommandLine(moved).parseArgs("--port", "tcp:0", "--phantom", "geometry", "--phantom-offset", "10,0,-5", "--phantom-rotation", "0,0,90");
        org.lodestone.twin.phantom.Phantom placed = moved.phantom.placed();
        assertThat(placed).isInstanceOf(org.lodestone.twin.phantom.PlacedPhantom.class);
        assertThat(((org.lodestone.twin.phantom.PlacedPhantom) placed).offsetM()).containsExactly(new double[] {0.010, 0.0, -0.005}, within(1e-12));
        assertThat(((org.lodestone.twin.phantom.PlacedPhantom) placed).rotationDeg()).containsExactly(0.0, 0.0, 90.0);

        SimulatorCommand twoNumbers = new SimulatorCommand();
        new CommandLine(twoNumbers).parseArgs("--port", "tcp:0", "--phantom-offset", "1,2");
        assertThatThrownBy(() -> twoNumbers.phantom.placed()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected three comma-separated numbers: 1,2");
        SimulatorCommand unknown = new SimulatorCommand();
        new CommandLine(unknown).parseArgs("--port", "tcp:0", "--phantom", "knee");
        assertThatThrownBy(() -> unknown.phantom.placed()).hasMessageContaining("unknown phantom 'knee'");
    }

    @Test
    void magnetAndReceiveOptionsBuildTheTwinsParametersAndABadGpioPortIsAUsageError() throws Exception {
        SimulatorCommand c = new SimulatorCommand();
        new CommandLine(c).parseArgs("--port", "tcp:0", "--profile", "0.064", "--magnet-material", "smco", "--coils", "4", "--emi",
                "--gpio-port", "70000");
        assertThat(c.magnet.hidden(7).nominalLarmorHz()).isBetween(2.0e6, 3.0e6);
        assertThat(c.receive.interference()).isNotNull();
        assertThatThrownBy(() -> c.gpioBus.start()).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--gpio-port must be 0..65535");

        SimulatorCommand quiet = new SimulatorCommand();
        new CommandLine(quiet).parseArgs("--port", "tcp:0");
        assertThat(quiet.receive.interference()).isNull();
        assertThat(quiet.gpioBus.start()).isNull();
        assertThat(quiet.magnet.hidden(7).nominalLarmorHz()).isBetween(14.0e6, 16.0e6);
    }
}
