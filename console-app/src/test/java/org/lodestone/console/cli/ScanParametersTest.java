package org.lodestone.console.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lodestone scan --param} in a real child JVM: every bad value is refused before a unit is
 * opened (no twin is started), with exit status 2 and one line naming the parameter and what it allows.
 */
class ScanParametersTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String output) {
    }

    private Run scan(String... params) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Dlodestone.data=" + tmp.resolve("data"), "-cp",
                System.getProperty("java.class.path"), "org.lodestone.console.cli.Main", "scan", "--protocol", "se2d",
                "--out", tmp.resolve("out").toString()));
        cmd.addAll(List.of(params));
        Path log = Files.createTempFile(tmp, "out", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log).strip());
    }

    @Test
    void valuesOutOfRangeOrNotWholeOrNotNumbersNameTheParameterAndItsRange() throws Exception {
        Run fraction = scan("--param", "matrix=33.5");
        assertThat(fraction.exit()).as(fraction.output()).isEqualTo(2);
        assertThat(fraction.output()).isEqualTo("lodestone: --param matrix=33.5: Matrix must be a whole number (allowed: 32 – 512 px, whole numbers)");

        Run range = scan("--param", "te=900");
        assertThat(range.exit()).isEqualTo(2);
        assertThat(range.output()).isEqualTo("lodestone: --param te=900: TE must be between 1 and 500 ms (allowed: 1 – 500 ms)");

        Run text = scan("--param", "tr=NaN");
        assertThat(text.exit()).isEqualTo(2);
        assertThat(text.output()).isEqualTo("lodestone: --param tr=NaN: TR: 'NaN' is not a number (allowed: 10 – 10000 ms)");
        assertThat(Files.exists(tmp.resolve("out"))).as("nothing started").isFalse();
    }

    @Test
    void anUnknownNameListsTheProtocolsParameters() throws Exception {
        Run r = scan("--param", "flux=3");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).startsWith("lodestone: protocol se2d has no parameter 'flux' (it has fov, matrix, slice_thickness")
                .doesNotContain("Exception").doesNotContain("\n");
    }
}
