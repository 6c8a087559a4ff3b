package org.lodestone.console.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * calibrate and mobile requalify take their operator, connection and login through one nested mixin: the options
 * inside it still find the run's own environment (not this process's) and still refuse bad input as usage errors.
 */
class UnitServiceOptionsTest {
    @Test
    void theNestedOptionsSeeTheRunsDataDirectory(@TempDir Path home) {
        CommandLine cl = Main.commandLine(new Main(new CliEnvironment(home, Map.of())));
        CommandLine.ParseResult calibrate = cl.parseArgs("calibrate", "frequency", "--operator", "crew", "--gpio", "none");
        UnitServiceOptions c = ((CalibrateCommand) calibrate.subcommand().commandSpec().userObject()).service;
        assertThat(c.operator.name).isEqualTo("crew");
        assertThat(c.access.environment().home()).isEqualTo(home);
        assertThat(c.connection.calibrationStore().directory()).isEqualTo(home.resolve("calibration"));
        assertThat(c.connection.gpioSetup()).isEqualTo(new org.lodestone.scan.unit.UnitConnection.GpioSetup("none", null));

        CommandLine.ParseResult requalify = Main.commandLine(new Main(new CliEnvironment(home, Map.of())))
                .parseArgs("mobile", "requalify", "--out", home.resolve("out").toString());
        Object r = requalify.subcommand().subcommand().commandSpec().userObject();
        assertThat(((MobileCommand.Requalify) r).service.access.home().root()).isEqualTo(home);
    }

    @Test
    void aBadSimCoilsValueIsAUsageError(@TempDir Path home) {
        CommandLine cl = Main.commandLine(new Main(new CliEnvironment(home, Map.of())));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("calibrate", "frequency", "--sim-coils", "40");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--sim-coils must be 1..32, not 40").doesNotContain("Exception");
    }
}
