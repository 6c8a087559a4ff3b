package org.lodestone.console.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.seq.pulseq.PulseqReader;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code seq check|convert protocol:NAME --param k=v}: a protocol with changed parameters, and clear refusals. */
class SeqProtocolParametersTest {
    @Test
    void parametersReachTheProtocolAndBadOnesAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
        CommandLine cl = new CommandLine(new Main());
        Path seq = dir.resolve("tse.seq");
        assertThat(cl.execute("seq", "convert", "protocol:tse2d", "--param", "etl=16", "--param", "tr=3000", "--param", "tilt_read=20",
                "--out", seq.toString())).isZero();
        var s = PulseqReader.read(seq).sequence();
        long refocusing = s.blocks().stream().filter(b -> b.rf() != null && b.rf().use() == org.lodestone.seq.model.Rf.Use.REFOCUSING).count();
        assertThat(refocusing).isEqualTo(16L * (128 / 16 + 1)); // 8 shots and the dummy, 16 echoes each
        assertThat(cl.execute("seq", "check", seq.toString())).isZero();

        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("seq", "check", "protocol:tse2d", "--param", "esp=2")).isNotZero();
        assertThat(err.toString()).contains("Echo spacing 2.00 ms is shorter than the minimum");
        assertThat(cl.execute("seq", "check", "../../shared/pulseq/write_gre.seq", "--param", "tr=10")).isNotZero();
        assertThat(err.toString()).contains("--param applies to protocol:NAME only");
    }
}
