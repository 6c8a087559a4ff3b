package org.lodestone.console.scan;

import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.ScanProgress;
import org.lodestone.console.unit.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.launch.TwinOptions;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A protocol longer than a small board's program memory runs through ScanService on the twin (a
 * child process behind a socat pty pair, speed 0): the program is streamed in segments, and the raw
 * data are those of the same scan on a unit whose memory holds it whole (same seed: the twin's noise
 * is seeded per ADC index). The underrun itself is tested in virtual-scanner's ProgramStreamingTest.
 */
class ProgramStreamingOnTheTwinTest {
    private static final long SEED = 9;
    private static final Map<String, Double> PARAMETERS = Map.of("matrix", 32.0, "tr", 20.0, "te", 8.0);

    @TempDir
    Path dir;

    @Test
    void aProtocolLongerThanTheBoardsMemoryIsStreamedAndGivesTheSameRawDataAsInOnePiece() throws Exception {
        List<Acquisition> whole;
        long imageBytes;
        try (UnitConnection unit = Units.open(null, TwinOptions.defaults().withSeed(SEED).withSpeed(0))) {
            UnitProfile profile = unit.profile();
            imageBytes = SequenceCompiler.imageBytes(SequenceCompiler.compile(
                    ProtocolLibrary.find("gre2d").orElseThrow().build(PARAMETERS, profile).sequence(), profile));
            ScanResult r = new ScanService(unit).run(new ScanRequest("gre2d", PARAMETERS, dir.resolve("whole"), "test"), ScanProgress.NONE);
            assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
            whole = MrdStreamReader.read(dir.resolve("whole/raw.mrd")).acquisitions();
        }
        long memory = Math.max(4096, imageBytes / 4);
        List<Acquisition> streamed;
        ScanResult r;
        try (UnitConnection unit = Units.open(null, TwinOptions.defaults().withSeed(SEED).withSpeed(0).withProgramMemory(memory))) {
            assertThat(unit.capabilities().programMemoryBytes()).isEqualTo((int) memory);
            r = new ScanService(unit).run(new ScanRequest("gre2d", PARAMETERS, dir.resolve("streamed"), "test"), ScanProgress.NONE);
            assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
            streamed = MrdStreamReader.read(dir.resolve("streamed/raw.mrd")).acquisitions();
        }
        System.out.printf("gre2d 32×32: program of %d bytes streamed through a %d-byte board memory (segments of at most %d bytes); %d lines%n",
                imageBytes, memory, memory / 2, streamed.size());
        assertThat(imageBytes).as("the program does not fit the small board").isGreaterThan(2 * memory);
        assertThat(streamed).hasSize(32).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(streamed.get(i).header().scanCounter()).isEqualTo(whole.get(i).header().scanCounter());
            assertThat(streamed.get(i).header().idx()).as("encoding counters of line %d", i).isEqualTo(whole.get(i).header().idx());
            assertThat(streamed.get(i).data()).as("samples of line %d", i).containsExactly(whole.get(i).data());
        }
        assertThat(r.image()).as("reconstructed").isNotNull();
    }
}
