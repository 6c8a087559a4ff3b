package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.peers.DicomPeers;
import org.lodestone.console.peers.DicomPeers.WorklistEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue #15 on the command line through the exam database, each command run as bin/lodestone runs it (in this JVM;
 * the first as a process of its own): a patient, a 3-slice scan recorded as a series, export by Study UID (checked by dciodvfy), send --wait to
 * a dcmtk storescp, a send queued while a second storescp is down, the outbox, and delivery once it is up.
 */
class DicomCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @RegisterExtension
    final DicomPeers peers = new DicomPeers();

    @Test
    void patientScanExportSendQueueAndDeliverFromTheCommandLine() throws Exception {
        LodestoneCli cli = new LodestoneCli(dir.resolve("home"));
        int pacsPort = DicomPeers.freePort();
        int archivePort = DicomPeers.freePort();

        LodestoneCli.Run bad = cli.runProcess("pacs", "add", "pacs", "STORE-127.0.0.1-104");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip().lines().filter(l -> !l.contains("warning: no users")))
                .singleElement().asString().startsWith("lodestone: ").contains("AET@HOST:PORT").doesNotContain("Exception");
        assertThat(cli.run("pacs", "add", "pacs", "STORE@127.0.0.1:" + pacsPort).exit()).isZero();
        assertThat(cli.run("pacs", "add", "archive", "ARCHIVE@127.0.0.1:" + archivePort).exit()).isZero();

        assertThat(cli.run("patient", "add", "--id", "P1", "--name", "Müller^Jürgen", "--sex", "M", "--weight", "12").exit()).isZero();
        // the order comes from the RIS: picking it opens the patient's exam with the RIS's accession and Study UID
        int risPort = DicomPeers.freePort();
        assertThat(cli.run("pacs", "add", "ris", "WL@127.0.0.1:" + risPort).exit()).isZero();
        String orderedStudy = "1.2.826.0.1.3680043.2.1125.1.4242";
        Process ris = peers.wlmscpfs(dir.resolve("wl"), risPort,
                new WorklistEntry("ACC-7", "Müller^Jürgen", "P1", null, orderedStudy, "LODESTONE", LocalDate.of(2026, 12, 5)));
        try {
            LodestoneCli.Run picked = cli.run("worklist", "--from", "ris", "--date", "any", "--pick", "ACC-7");
            assertThat(picked.exit()).as(picked.output()).isZero();
            assertThat(picked.out()).startsWith("picked: exam " + orderedStudy).contains("(already registered)");
        } finally {
            DicomPeers.stop(ris);
        }
        LodestoneCli.Run scan = cli.run("scan", "--patient", "P1", "--protocol", "se2d", "--param", "slices=3",
                "--param", "matrix=32", "--sim-speed", "0");
        assertThat(scan.exit()).as(scan.output()).isZero();
        LodestoneCli.Run exams = cli.run("exams", "--json");
        JsonNode exam = JSON.readTree(exams.out().substring(exams.out().indexOf('['))).get(0);
        String study = exam.path("study_uid").asText();
        assertThat(study).isEqualTo(orderedStudy);
        assertThat(exam.path("accession").asText()).isEqualTo("ACC-7");
        assertThat(exam.path("patient").path("name").asText()).isEqualTo("Müller^Jürgen");
        // the SAR check used the patient's weight, not the default body (a 12 kg sphere: radius 0.142 m)
        Path series = Path.of(exam.path("series").get(0).path("raw").asText()).getParent();
        JsonNode safety = JSON.readTree(series.resolve("scan.json").toFile()).path("patient_safety");
        assertThat(safety.path("weight_kg").asDouble()).isEqualTo(12.0);
        assertThat(safety.path("body_radius_m").asDouble()).isCloseTo(0.142, within(0.001));

        Path dcm = dir.resolve("dcm");
        LodestoneCli.Run export = cli.run("export", study, "--dicom", dcm.toString());
        assertThat(export.exit()).as(export.output()).isZero();
        assertThat(export.out()).contains(study);
        List<Path> files;
        try (Stream<Path> s = Files.list(dcm)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(3);
        for (Path f : files) {
            assertThat(dciodvfy(f)).as("dciodvfy %s", f).noneMatch(l -> l.startsWith("Error"));
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            assertThat(bytes).contains("Müller^Jürgen").contains(study).contains("ISO_IR 192");
        }
        assertThat(cli.run("export", "1.2.3.4", "--dicom", dcm.toString()).exit()).isEqualTo(2);

        Path atPacs = Files.createDirectories(dir.resolve("at-pacs"));
        Process pacs = peers.storescp("STORE", atPacs, pacsPort);
        try {
            LodestoneCli.Run sent = cli.run("send", study, "--to", "pacs", "--wait");
            assertThat(sent.exit()).as(sent.output()).isZero();
            assertThat(sent.out()).startsWith("sent:");
        } finally {
            DicomPeers.stop(pacs);
        }
        assertThat(count(atPacs)).isEqualTo(3);

        LodestoneCli.Run queued = cli.run("send", study, "--to", "archive");
        assertThat(queued.exit()).as(queued.output()).isZero();
        assertThat(queued.out()).startsWith("queued:");
        JsonNode pending = JSON.readTree(cli.run("outbox", "--json").out());
        assertThat(pending).filteredOn(j -> j.path("destination").asText().equals("archive")).singleElement().satisfies(j -> {
            assertThat(j.path("status").asText()).isEqualTo("pending");
            assertThat(j.path("images_total").asInt()).isEqualTo(3);
            assertThat(j.path("images_sent").asInt()).isZero();
            assertThat(j.path("last_error").asText()).startsWith("host unreachable");
        });
        LodestoneCli.Run closing = cli.run("exam", "close", study);
        assertThat(closing.exit()).as(closing.output()).isEqualTo(2);
        assertThat(closing.err()).contains("not yet sent to archive (pending)").contains("--unsent-note");

        Path atArchive = Files.createDirectories(dir.resolve("at-archive"));
        Process archive = peers.storescp("ARCHIVE", atArchive, archivePort);
        try {
            LodestoneCli.Run run = cli.run("outbox", "run", "--until-empty");
            assertThat(run.exit()).as(run.output()).isZero();
        } finally {
            DicomPeers.stop(archive);
        }
        JsonNode after = JSON.readTree(cli.run("outbox", "--json").out());
        assertThat(after).hasSize(2).allSatisfy(j -> {
            assertThat(j.path("status").asText()).isEqualTo("sent");
            assertThat(j.path("images_sent").asInt()).isEqualTo(3);
        });
        assertThat(count(atArchive)).as("each instance once").isEqualTo(3);
        assertThat(cli.run("exam", "close", study).exit()).as("sent everywhere: closes").isZero();

        LodestoneCli.Run audit = cli.run("audit", "show", "--json");
        for (String action : List.of("pacs.add", "worklist.pick", "export-dicom", "send", "exam.close")) assertThat(audit.out()).contains("\"" + action + "\"");
    }

    private static long count(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    /** dicom3tools' verdict on one object (it writes to stderr). */
    private static List<String> dciodvfy(Path file) throws Exception {
        Process p = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor();
        return lines;
    }
}
