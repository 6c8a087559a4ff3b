package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance run with the real CLI (one data directory, the twin started by scan; most commands in this
 * JVM, the ones whose process matters as child JVMs of bin/lodestone's command line):
 * a patient, a completed scan, a second scan SIGKILLed mid-way while a second process reads exams --json,
 * then the interrupted series counted from its journal, and the audit trail verified, edited by hand, and caught.
 */
class WorkflowCommandsTest {
    @TempDir
    Path tmp;

    private LodestoneCli cli;

    @BeforeEach
    void cli() throws Exception {
        cli = new LodestoneCli(tmp.resolve("data"));
    }

    private ProcessBuilder command(String... args) {
        return cli.command(args);
    }

    private LodestoneCli.Run lodestone(String... args) throws Exception {
        return cli.run(args);
    }

    private LodestoneCli.Run lodestoneWith(Map<String, String> env, String... args) throws Exception {
        return cli.run(env, args);
    }

    private JsonNode exams() throws Exception {
        LodestoneCli.Run r = lodestone("exams", "--json");
        assertEquals(0, r.exit(), r.output());
        return new ObjectMapper().readTree(r.output().substring(r.output().indexOf('[')));
    }

    @Test
    void aCompletedAndAKilledScanThenTheAuditTrail() throws Exception {
        LodestoneCli.Run add = cli.runProcess("patient", "add", "--id", "P001", "--name", "王^小明", "--birth", "1980-02-29", "--sex", "M", "--weight", "70");
        assertEquals(0, add.exit(), add.output());

        LodestoneCli.Run first = cli.runProcess("scan", "--patient", "P001", "--protocol", "se2d", "--param", "matrix=32", "--sim-speed", "0");
        assertEquals(0, first.exit(), first.output());

        // the second scan at real time (about 35 s), killed once a second process sees lines arriving
        Path log = tmp.resolve("second.txt");
        Process second = command("scan", "--patient", "P001", "--protocol", "se2d", "--param", "matrix=32", "--param", "tr=1000")
                .redirectOutput(log.toFile()).start();
        JsonNode during = null;
        long deadline = System.nanoTime() + 120_000_000_000L;
        try {
            while (System.nanoTime() < deadline && second.isAlive()) {
                JsonNode all = exams();
                JsonNode s2 = all.get(0).get("series").get(1);
                if (s2 != null && s2.get("status").asText().equals("in progress") && s2.get("lines_received").asLong() >= 3) {
                    during = all;
                    break;
                }
                Thread.sleep(300); // each look opens the database: leave the scanning process room to write
            }
            assertTrue(during != null, "a second process saw the scan in progress: " + Files.readString(log));
        } finally {
            List<ProcessHandle> tree = second.descendants().toList();
            second.destroyForcibly(); // kill -9 of the console's scan
            second.waitFor(20, TimeUnit.SECONDS);
            tree.forEach(ProcessHandle::destroyForcibly); // its twin and socat
        }

        JsonNode exams = exams();
        assertEquals(1, exams.size(), exams.toPrettyString());
        JsonNode exam = exams.get(0);
        assertEquals("P001", exam.get("patient").get("id").asText());
        assertEquals("王^小明", exam.get("patient").get("name").asText());
        assertEquals(70.0, exam.get("patient").get("weight_kg").asDouble());
        JsonNode s1 = exam.get("series").get(0), s2 = exam.get("series").get(1);
        assertEquals("completed", s1.get("status").asText(), s1.toPrettyString());
        assertTrue(s1.get("lines_expected").asLong() > 0);
        assertEquals(s1.get("lines_expected").asLong(), s1.get("lines_received").asLong());
        assertEquals("interrupted", s2.get("status").asText(), s2.toPrettyString());
        long inJournal = MrdStreamReader.read(Path.of(s2.get("raw").asText())).acquisitions().size();
        assertTrue(inJournal >= 3, "lines in the journal: " + inJournal);
        assertEquals(inJournal, s2.get("lines_received").asLong(), s2.toPrettyString());
        assertTrue(Files.exists(Path.of(s1.get("raw").asText()).resolveSibling("scan.json")));

        LodestoneCli.Run verify = lodestone("audit", "verify");
        assertEquals(0, verify.exit(), verify.output());
        LodestoneCli.Run show = lodestone("audit", "show", "--json");
        for (String action : List.of("\"patient.create\"", "\"scan.start\"", "\"scan.end\"", "\"scan.interrupted\"")) {
            assertTrue(show.output().contains(action), action + " in " + show.output());
        }

        Path audit = tmp.resolve("data/audit/audit.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(audit, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("\"user\":\"operator\"", "\"user\":\"someone else\""));
        assertTrue(!lines.get(1).equals(Files.readAllLines(audit).get(1)), "entry 2 edited");
        Files.write(audit, lines, StandardCharsets.UTF_8);
        LodestoneCli.Run tampered = lodestone("audit", "verify");
        assertEquals(1, tampered.exit(), tampered.output());
        assertTrue(tampered.output().contains("entry 2: hash mismatch"), tampered.output());
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingWritten() throws Exception {
        assertEquals(0, lodestone("patient", "add", "--id", "P001", "--name", "Ødegård^Åse").exit());
        Map<String[], String> bad = Map.of(
                new String[]{"patient", "add", "--id", "P002", "--name", "A^B", "--weight", "400"}, "--weight",
                new String[]{"patient", "add", "--id", "P002", "--name", "A^B", "--birth", "1980-31-01"}, "--birth",
                new String[]{"patient", "add", "--id", "P002", "--name", "^B"}, "--name",
                new String[]{"patient", "add", "--id", "P001", "--name", "A^B"}, "--id: patient P001 already exists",
                new String[]{"scan", "--patient", "P404", "--protocol", "fid", "--sim-speed", "0"}, "--patient: no patient P404");
        for (var e : bad.entrySet()) {
            // one of them as its own process: what an operator's terminal shows, logging set up as bin/lodestone does
            LodestoneCli.Run r = e.getValue().equals("--weight") ? cli.runProcess(e.getKey()) : lodestone(e.getKey());
            assertEquals(2, r.exit(), String.join(" ", e.getKey()) + ": " + r.output());
            assertTrue(r.output().contains(e.getValue()), r.output());
            assertFalse(r.output().contains("Exception") || r.output().contains("at org."), r.output());
            assertEquals(1, r.output().strip().lines().filter(l -> !l.contains("warning: no users")).count(), r.output());
        }
        LodestoneCli.Run patients = lodestone("patients", "--json");
        JsonNode list = new ObjectMapper().readTree(patients.output().substring(patients.output().indexOf('[')));
        assertEquals(1, list.size(), list.toPrettyString());
        assertEquals("Ødegård^Åse", list.get(0).get("name").asText());
        assertEquals(0, exams().size(), "no exam opened by the refused scan");
    }

    @Test
    void theFirstUserIsAnAdministratorAndRolesAreEnforced() throws Exception {
        LodestoneCli.Run first = lodestoneWith(Map.of("NEW_LODESTONE_PASSWORD", "s3cret-admin"), "user", "add", "admin", "--role", "administrator");
        assertEquals(0, first.exit(), first.output());
        LodestoneCli.Run viewer = lodestoneWith(Map.of("NEW_LODESTONE_PASSWORD", "s3cret-viewer", "LODESTONE_PASSWORD", "s3cret-admin"),
                "user", "add", "vera", "--role", "viewer", "--user", "admin");
        assertEquals(0, viewer.exit(), viewer.output());
        LodestoneCli.Run refused = lodestoneWith(Map.of("LODESTONE_USER", "vera", "LODESTONE_PASSWORD", "s3cret-viewer"),
                "patient", "add", "--id", "P9", "--name", "Doe^Jane");
        assertEquals(2, refused.exit(), refused.output());
        assertTrue(refused.output().contains("user vera (viewer) may not register patients"), refused.output());
        LodestoneCli.Run wrong = lodestoneWith(Map.of("LODESTONE_PASSWORD", "guess"), "patient", "add", "--id", "P9", "--name", "Doe^Jane", "--user", "admin");
        assertEquals(2, wrong.exit(), wrong.output());
        assertTrue(wrong.output().contains("--user: unknown user or wrong password"), wrong.output());
        LodestoneCli.Run show = lodestoneWith(Map.of("LODESTONE_USER", "vera", "LODESTONE_PASSWORD", "s3cret-viewer"), "audit", "show", "--json");
        assertEquals(0, show.exit(), show.output());
        for (String a : List.of("\"user.create\"", "\"login.failed\"", "\"login\"")) assertTrue(show.output().contains(a), a + show.output());
        assertFalse(show.output().contains("patient.create"), "nothing written for refused commands: " + show.output());

        // purging is for administrators; a hold names an exam that exists
        LodestoneCli.Run vPurge = lodestoneWith(Map.of("LODESTONE_USER", "vera", "LODESTONE_PASSWORD", "s3cret-viewer"), "retention", "--purge");
        assertEquals(2, vPurge.exit(), vPurge.output());
        assertTrue(vPurge.output().contains("user vera (viewer) may not purge exams (administrators only)"), vPurge.output());
        Map<String, String> admin = Map.of("LODESTONE_USER", "admin", "LODESTONE_PASSWORD", "s3cret-admin");
        LodestoneCli.Run purge = lodestoneWith(admin, "retention", "--purge");
        assertEquals(0, purge.exit(), purge.output());
        assertTrue(purge.output().contains("0 exams purged"), purge.output());
        LodestoneCli.Run hold = lodestoneWith(admin, "exam", "hold", "1.2.3", "--reason", "court order");
        assertEquals(2, hold.exit(), hold.output());
        assertTrue(hold.output().contains("STUDY_UID: no exam 1.2.3"), hold.output());

        // backups are for the service roles: a viewer's refusal writes nothing, an administrator's backup is audited once
        Path backup = tmp.resolve("backup.zip");
        LodestoneCli.Run vBackup = lodestoneWith(Map.of("LODESTONE_USER", "vera", "LODESTONE_PASSWORD", "s3cret-viewer"), "backup", "--out", backup.toString());
        assertEquals(2, vBackup.exit(), vBackup.output());
        assertTrue(vBackup.err().contains("user vera (viewer) may not make backups (service role)"), vBackup.output());
        assertFalse(Files.exists(backup), "nothing written for a refused backup");
        LodestoneCli.Run made = lodestoneWith(admin, "backup", "--out", backup.toString());
        assertEquals(0, made.exit(), made.output());
        assertTrue(made.out().startsWith("Backup written: ") && Files.size(backup) > 0, made.output());
        try (var w = org.lodestone.workflow.Workflow.open(new org.lodestone.workflow.WorkflowHome(cli.home()))) {
            assertEquals(List.of("admin"), w.audit().entries().stream().filter(e -> e.action().equals("backup")).map(e -> e.user()).toList());
        }
    }

    @Test
    void theScanQueueFromTheCommandLineWithScanTimes() throws Exception {
        String study = "1.2.826.0.1.3680043.2.1143.78";
        try (var w = org.lodestone.workflow.Workflow.open(new org.lodestone.workflow.WorkflowHome(cli.home()))) {
            w.patients().add(new org.lodestone.workflow.patient.Patient("P1", "Doe^Jane", null, null, null, null, null));
            w.exams().openOrdered("P1", study, "ACC78", "knee");
        }
        assertEquals(0, lodestone("exam", "queue", "add", study, "--protocol", "fid").exit());
        assertEquals(0, lodestone("exam", "queue", "add", study, "--protocol", "se2d", "--param", "matrix=32").exit());
        LodestoneCli.Run bad = lodestone("exam", "queue", "move", study, "1", "--to", "3");
        assertEquals(2, bad.exit(), bad.output());
        assertTrue(bad.output().contains("--to: position 3 is not in the queue (1–2)"), bad.output());
        assertEquals(0, lodestone("exam", "queue", "move", study, "2", "--to", "1").exit());
        assertEquals(0, lodestone("exam", "queue", "add", study, "--protocol", "fid").exit());
        LodestoneCli.Run removed = lodestone("exam", "queue", "remove", study, "3");
        assertEquals("Removed fid (position 3) from the queue" + System.lineSeparator(), removed.out(), removed.output());
        LodestoneCli.Run q = lodestone("exam", "queue", study);
        assertEquals(0, q.exit(), q.output());
        double fid = ExamQueueCommand.scanTimeSeconds("fid", "{}");
        double se = ExamQueueCommand.scanTimeSeconds("se2d", "{\"matrix\":32.0}");
        assertTrue(fid > 0 && se > fid, fid + " " + se);
        List<String> lines = q.out().lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.get(0).startsWith(" 1  se2d") && lines.get(1).startsWith(" 2  fid"), q.out());
        assertTrue(lines.get(2).equals(String.format(java.util.Locale.ROOT, "2 scans queued, %.1f s scan time in all", fid + se)), q.out());
    }
}
