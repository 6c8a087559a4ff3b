package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a new user runs into, in this JVM through bin/lodestone's command line: each mistake is one line on
 * stderr naming what is wrong and what to do, exit status 2, no stack trace or exception name, and nothing left
 * half-written in the exam database.
 */
class OperatorMistakesTest {
    @TempDir
    Path tmp;

    /** One command on this test's data directory. */
    private LodestoneCli.Run lodestone(String... args) throws Exception {
        return new LodestoneCli(tmp.resolve("data")).run(args);
    }

    /** Exit 2 and one line (besides the fresh install's no-users warning), with no Java internals in it. */
    private static void oneLineRefusal(LodestoneCli.Run r, String expected) {
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.err().contains(expected), r.output());
        assertFalse(r.output().contains("Exception") || r.output().contains("\tat ") || r.output().contains("java."), r.output());
        assertEquals(1, r.err().strip().lines().filter(l -> !l.contains("warning: no users")).count(), r.output());
    }

    @Test
    void aUnitThatCannotBeReachedLeavesNoSeriesInProgress() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        LodestoneCli.Run scan = lodestone("scan", "--protocol", "fid", "--port", "tcp:127.0.0.1:" + closed, "--gpio", "none");
        oneLineRefusal(scan, "cannot open the unit on tcp:127.0.0.1:" + closed);

        LodestoneCli.Run exams = lodestone("exams", "--json");
        JsonNode series = new ObjectMapper().readTree(exams.out()).get(0).get("series").get(0);
        assertEquals("failed", series.get("status").asText(), series.toPrettyString());
        assertTrue(series.get("message").asText().startsWith("Scan refused: cannot open the unit"), series.toPrettyString());
    }

    @Test
    void aMistypedCommandLineIsOneLineWithWhereTheHelpIs() throws Exception {
        oneLineRefusal(lodestone("exam", "queue", "1.2.3", "add", "--protocol", "fid"),
                "Missing required parameter: 'STUDY_UID' (see: lodestone exam queue add --help)");
        oneLineRefusal(lodestone("exam", "queue", "add", "1.2.3", "--protocol", "fid"), "STUDY_UID: no exam 1.2.3 (see: lodestone exams)");
        oneLineRefusal(lodestone("scan", "--protocol", "se2d", "--sim-sped", "0"), "Unknown options: '--sim-sped'");
    }

    @Test
    void aPathInTheWayIsNamedWithWhatIsWrong() throws Exception {
        Path file = Files.writeString(tmp.resolve("images"), "not a folder");
        oneLineRefusal(lodestone("seq", "convert", "protocol:fid", "--out", file.resolve("fid.seq").toString()),
                file + " is in the way: it exists and is not a folder");
    }

    @Test
    void aPlotIntoAFolderNotThereYetMakesTheFolder() throws Exception {
        Path png = tmp.resolve("plots/today/se2d.png");
        LodestoneCli.Run plot = lodestone("seq", "plot", "protocol:fid", "--out", png.toString());
        assertEquals(0, plot.exit(), plot.output());
        assertTrue(Files.size(png) > 0);
        assertFalse(plot.output().contains("Exception"), plot.output());
    }

    @Test
    void theHelpOfScanAndOfTheQueueNamesEveryProtocol() throws Exception {
        for (String[] help : new String[][]{{"scan", "--help"}, {"exam", "queue", "add", "--help"}}) {
            String text = lodestone(help).out().replaceAll("\\s+", " ");
            for (var p : org.lodestone.seq.protocol.ProtocolLibrary.all()) assertTrue(text.contains(" " + p.name()), p.name() + " in " + text);
        }
    }

    @Test
    void aDataDirectoryWhoseDatabaseCannotBeOpenedIsOneSentence() throws Exception {
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data/db"), "a file where the database folder belongs");
        oneLineRefusal(lodestone("exams"), "the exam database in " + tmp.resolve("data/db") + " cannot be opened; check that");
    }

    @Test
    void aBackupIntoAFolderIsRefusedBeforeItIsAuditedOrWritten() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("backups"));
        oneLineRefusal(lodestone("backup", "--out", folder.toString()), "--out: " + folder + " is a folder; give the backup file's name");
        assertFalse(lodestone("audit", "show").out().contains("backup"), "no backup audited");
        assertFalse(Files.exists(tmp.resolve("backups.partial")), "no partial copy of the data beside the folder");
    }

    @Test
    void aRestoreWhileAnotherProcessUsesTheDataIsRefusedAndMovesNothing() throws Exception {
        Path backup = tmp.resolve("backup.zip");
        assertEquals(0, lodestone("backup", "--out", backup.toString()).exit());
        var home = new org.lodestone.workflow.WorkflowHome(tmp.resolve("data"));
        // another process with the database open as a console has it (AUTO_SERVER): H2's own shell, waiting for input
        Process other = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "org.h2.tools.Shell", "-url", org.lodestone.workflow.store.Database.url(home), "-user", "lodestone", "-password", "")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Path lock = home.databaseFile().resolveSibling(home.databaseFile().getFileName() + ".lock.db");
            for (int i = 0; i < 200 && !Files.exists(lock); i++) Thread.sleep(50);
            assertTrue(Files.exists(lock), "the other process holds the database");
            oneLineRefusal(lodestone("restore", backup.toString()), "are in use by another Lodestone process");
            try (var files = Files.list(home.root())) {
                assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("replaced-")), "nothing moved aside");
            }
        } finally {
            other.destroy();
            other.waitFor();
        }
        LodestoneCli.Run restored = lodestone("restore", backup.toString());
        assertEquals(0, restored.exit(), restored.output());
    }

    @Test
    void aScanRefusedForItsOwnOptionsRecordsNoSeries() throws Exception {
        Path file = Files.writeString(tmp.resolve("afile"), "not a folder");
        oneLineRefusal(lodestone("scan", "--protocol", "fid", "--out", file.toString()), "--out: " + file + " is a file; give a folder");
        oneLineRefusal(lodestone("scan", "--seq", tmp.resolve("nope.seq").toString()), "--seq: no such file: ");
        oneLineRefusal(lodestone("scan", "--protocol", "fid", "--sim-speed", "-1"), "--sim-speed must be 0 or more, not -1.0");
        assertEquals("[ ]", lodestone("exams", "--json").out().strip(), "no exam opened, no series recorded");
    }
}
