package org.lodestone.console.unit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.cli.LodestoneCli;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path that plays a program arms through the interlocks. One twin for the class (the one
 * launcher: a child process behind a socat pty pair) serving its GPIO bus, its script opening the door at time 0;
 * each path is {@code bin/lodestone} as a child process with {@code --port P --gpio virtual:BUS}:
 * it must be refused naming the door, and the twin must have been sent no program (its log says
 * so for every upload, scan start and enable raised).
 */
class ArmedPathsTest {
    private static RunningTwin twin;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startTwinWithTheDoorOpen() throws Exception {
        Path script = Files.writeString(shared.resolve("door.script"), "0 door open\n");
        twin = TwinLauncher.start(TwinOptions.forTests(3).withGpio(true, null).withScript(script));
        long end = System.nanoTime() + 10_000_000_000L;
        while (twin.recentOutput().stream().noneMatch(l -> l.contains("door open")) && System.nanoTime() < end) Thread.sleep(20);
    }

    @AfterAll
    static void stopTwin() {
        if (twin != null) twin.close();
    }

    private LodestoneCli.Run lodestone(String... args) throws Exception {
        return new LodestoneCli(tmp.resolve("data")).run(args);
    }

    private LodestoneCli.Run onTheTwin(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--port", twin.portSpec(), "--gpio", "virtual:" + twin.gpioBusPort()));
        return lodestone(a.toArray(String[]::new));
    }

    /** Refused by the console naming the door, exit status 2 on every path; the twin was sent no program and no enable went up. */
    private void assertRefusedNamingTheDoor(LodestoneCli.Run r) {
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("door open").doesNotContain("Exception").doesNotContain("at org.");
        // every path in this class is refused: this twin must never have been sent a program
        List<String> seen = twin.recentOutput();
        assertThat(seen).as("twin output").anyMatch(l -> l.contains("HELLO from")); // the console did reach it
        assertThat(seen).as("twin output").noneMatch(l -> l.contains("uploaded") || l.contains(" started (")
                || l.contains("console drove RF_ENABLE on") || l.contains("console drove GRADIENT_ENABLE on"));
    }

    @Test
    void calibrateFrequency() throws Exception {
        LodestoneCli.Run r = onTheTwin("calibrate", "frequency", "--out", tmp.resolve("cal").toString());
        assertRefusedNamingTheDoor(r);
        assertThat(r.output()).contains("calibration refused");
    }

    @Test
    void calibrateAll() throws Exception {
        assertRefusedNamingTheDoor(onTheTwin("calibrate", "--all", "--out", tmp.resolve("cal").toString()));
    }

    @Test
    void calibrateTuneWhoseSweepTransmits() throws Exception {
        assertRefusedNamingTheDoor(onTheTwin("calibrate", "tune", "--out", tmp.resolve("cal").toString()));
    }

    @Test
    void scanAProtocol() throws Exception {
        assertRefusedNamingTheDoor(onTheTwin("scan", "--protocol", "se2d", "--param", "matrix=32", "--out", tmp.resolve("s").toString()));
        // the refusal is in the tamper-evident audit trail too, not only in the log
        assertThat(Files.readAllLines(tmp.resolve("data/audit/audit.jsonl")))
                .anyMatch(l -> l.contains("\"action\":\"scan.refused\"") && l.contains("door open"));
    }

    @Test
    void scanTheFrequencySearch() throws Exception {
        assertRefusedNamingTheDoor(onTheTwin("scan", "--protocol", "freq-search", "--out", tmp.resolve("s").toString()));
    }

    @Test
    void scanAPulseqFile() throws Exception {
        Path seq = tmp.resolve("fid.seq");
        LodestoneCli.Run convert = lodestone("seq", "convert", "protocol:fid", "--out", seq.toString());
        assertThat(convert.exit()).as(convert.output()).isZero();
        assertRefusedNamingTheDoor(onTheTwin("scan", "--seq", seq.toString(), "--out", tmp.resolve("s").toString()));
    }
}
