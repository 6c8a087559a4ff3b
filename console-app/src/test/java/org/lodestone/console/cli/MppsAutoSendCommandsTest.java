package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.peers.DicomPeers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MPPS and auto-send from the command line, each command a process: a RIS offering MPPS (the dicom module's
 * dcmjs-dimse SCP under node) and a storescp with an auto-send rule for se2d; the scan process itself reports
 * the exam's start and sends the completed series; {@code exam close} reports COMPLETED with the series.
 */
class MppsAutoSendCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @RegisterExtension
    final DicomPeers peers = new DicomPeers();

    @Test
    void theScanReportsTheExamAndAutoSendsAndExamCloseCompletesTheStep() throws Exception {
        LodestoneCli cli = new LodestoneCli(dir.resolve("home"));
        int pacsPort = DicomPeers.freePort();
        int risPort = DicomPeers.freePort();
        Path received = Files.createDirectories(dir.resolve("pacs-in"));
        Path mpps = Files.createDirectories(dir.resolve("mpps-in"));
        Process storescp = peers.storescp("STORE", received, pacsPort);
        Process ris = peers.start(List.of("node", mppsScp().toString(), Integer.toString(risPort), "RIS", mpps.toString()), risPort,
                dir.resolve("mpps-scp.log"));
        try {
            assertThat(cli.run("pacs", "add", "ris", "RIS@127.0.0.1:" + risPort, "--mpps").exit()).isZero();
            LodestoneCli.Run add = cli.run("pacs", "add", "pacs", "STORE@127.0.0.1:" + pacsPort, "--auto-send-protocol", "se2d");
            assertThat(add.exit()).as(add.output()).isZero();
            LodestoneCli.Run list = cli.run("pacs", "list");
            assertThat(list.out()).containsPattern("ris +RIS@127.0.0.1:" + risPort + " +MPPS")
                    .containsPattern("pacs +STORE@127.0.0.1:" + pacsPort + " +auto-send: se2d");
            assertThat(cli.run("patient", "add", "--id", "P1", "--name", "Müller^Jürgen", "--sex", "M").exit()).isZero();

            LodestoneCli.Run scan = cli.run("scan", "--patient", "P1", "--protocol", "se2d", "--param", "slices=3",
                    "--param", "matrix=32", "--sim-speed", "0");
            assertThat(scan.exit()).as(scan.output()).isZero();
            assertThat(scan.err()).doesNotContain("Exception");
            // The scan process reported the start and sent its series before it ended.
            List<JsonNode> steps = received(mpps);
            assertThat(steps).singleElement().satisfies(c -> {
                assertThat(c.get("command").asText()).isEqualTo("n-create");
                assertThat(c.get("dataset").get("PerformedProcedureStepStatus").asText()).isEqualTo("IN PROGRESS");
                assertThat(c.get("dataset").get("PatientName").toString()).contains("Müller^Jürgen");
            });
            LodestoneCli.Run outbox = cli.run("outbox", "--json");
            JsonNode job = JSON.readTree(outbox.out().substring(outbox.out().indexOf('['))).get(0);
            assertThat(job.path("destination").asText()).isEqualTo("pacs");
            assertThat(job.path("status").asText()).isEqualTo("sent");
            assertThat(job.path("images_sent").asInt()).isEqualTo(3);
            List<Path> files;
            try (Stream<Path> s = Files.list(received)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            assertThat(files).hasSize(3);

            LodestoneCli.Run exams = cli.run("exams", "--json");
            JsonNode exam = JSON.readTree(exams.out().substring(exams.out().indexOf('['))).get(0);
            String study = exam.path("study_uid").asText();
            String series = exam.path("series").get(0).path("series_uid").asText();
            LodestoneCli.Run close = cli.run("exam", "close", study);
            assertThat(close.exit()).as(close.output()).isZero();
            steps = received(mpps);
            assertThat(steps).hasSize(2);
            JsonNode set = steps.get(1);
            assertThat(set.get("sopInstanceUid").asText()).isEqualTo(steps.get(0).get("sopInstanceUid").asText());
            assertThat(set.get("dataset").get("PerformedProcedureStepStatus").asText()).isEqualTo("COMPLETED");
            JsonNode performed = set.get("dataset").get("PerformedSeriesSequence");
            assertThat(performed).singleElement().satisfies(p -> {
                assertThat(p.get("SeriesInstanceUID").asText()).isEqualTo(series);
                assertThat(p.get("ReferencedImageSequence")).hasSize(3);
            });
            // Nothing owed any more: a headless run sends nothing again.
            assertThat(cli.run("outbox", "run", "--until-empty").exit()).isZero();
            assertThat(received(mpps)).hasSize(2);
            try (Stream<Path> s = Files.list(received)) {
                assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(3);
            }
        } finally {
            DicomPeers.stop(storescp);
            DicomPeers.stop(ris);
        }
    }

    private static List<JsonNode> received(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) out.add(JSON.readTree(f.toFile()));
        }
        return out;
    }

    /** The dicom module's MPPS SCP, with its pinned node_modules installed once under target/ ({@code npm ci}). */
    private static Path mppsScp() throws Exception {
        Path source = Path.of("..", "dicom", "src", "test", "mpps-scp").toAbsolutePath().normalize();
        Path target = Path.of("target", "mpps-scp").toAbsolutePath();
        Files.createDirectories(target);
        for (String f : List.of("package.json", "package-lock.json", "mpps-scp.js")) {
            Files.copy(source.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(target.resolve("node_modules").resolve("dcmjs-dimse"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts").directory(target.toFile())
                    .redirectErrorStream(true).redirectOutput(target.resolve("npm-ci.log").toFile()).start();
            assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
            assertThat(npm.exitValue()).as(Files.readString(target.resolve("npm-ci.log"))).isZero();
        }
        return target.resolve("mpps-scp.js");
    }
}
