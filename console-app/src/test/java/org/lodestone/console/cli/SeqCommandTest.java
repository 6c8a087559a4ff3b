package org.lodestone.console.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SeqCommandTest {
    static final Path SHARED = Path.of("../../shared/pulseq");

    @Test
    void checkExitsZeroWithinLimitsAndOneWithViolations() {
        CommandLine cl = new CommandLine(new SeqCommand());
        assertThat(cl.execute("check", "protocol:se2d", "--profile", "unit")).isEqualTo(0);
        assertThat(cl.execute("check", SHARED.resolve("write_gre.seq").toString(), "--profile", "unit")).isEqualTo(1);
    }

    @Test
    void checkSaysWhetherTheDeviceProgramFitsTheUnitsMemoryOrIsStreamed() throws Exception {
        var seq = SeqCommand.load("protocol:se2d", java.util.Map.of("matrix", 64.0));
        var unit = org.lodestone.seq.limits.UnitProfile.PLANNING;
        assertThat(SeqCommand.programSize(seq, unit)).contains("fits the unit's " + unit.programMemoryBytes() + "-byte program memory");
        assertThat(SeqCommand.programSize(seq, unit.withProgramMemory(16_384)))
                .matches("Device program: \\d+ bytes, more than the unit's 16384-byte program memory: streamed in \\d+ segments");
    }

    @Test
    void convertWritesAFileCheckAcceptsAndPlotWritesAPng(@TempDir Path dir) throws Exception {
        CommandLine cl = new CommandLine(new SeqCommand());
        Path seq = dir.resolve("se2d.seq");
        assertThat(cl.execute("convert", "protocol:se2d", "--out", seq.toString())).isEqualTo(0);
        assertThat(cl.execute("check", seq.toString(), "--profile", "unit")).isEqualTo(0);
        Path png = dir.resolve("gre.png");
        assertThat(cl.execute("plot", SHARED.resolve("write_gre.seq").toString(), "--out", png.toString(), "--from", "0", "--to", "0.05")).isEqualTo(0);
        assertThat(Files.size(png)).isGreaterThan(1000);
    }
}
