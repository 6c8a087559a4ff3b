package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiWriter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15 on the command line, each command a process of its own like bin/lodestone runs it: a destination,
 * export of a scan folder, send while the PACS (dcmtk storescp) is down, the outbox, and delivery once it is up.
 */
class DicomCommandsTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run lodestone(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Dlodestone.data=" + dir.resolve("home"),
                "org.lodestone.console.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LODESTONE_HOME", dir.resolve("home").toString());
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    /** A scan folder as 'lodestone scan' leaves it: images.nii and scan.json. */
    private Path scanFolder() throws IOException {
        Path scan = Files.createDirectories(dir.resolve("exams/scan1"));
        int n = 32;
        float[] data = new float[n * n * 3];
        for (int i = 0; i < data.length; i++) data[i] = (i * 37) % 200;
        NiftiWriter.write(scan.resolve("images.nii"), ImageVolume.withIdentityGeometry(n, n, 3, data, 7.5, 7.5, 5));
        Files.writeString(scan.resolve("scan.json"), """
                {"protocol": "se2d", "parameters": {"tr": 500, "te": 20, "slice_thickness": 5, "bandwidth": 150, "averages": 1},
                 "derived": {"te_actual_ms": 20.0}, "start": "2026-12-05T09:30:00Z", "frequency_hz": 1.49e7,
                 "unit": {"model": "Virtual NdFeB 0.35T", "field_t": 0.35}}
                """);
        return scan;
    }

    @Test
    void exportSendQueueAndDeliverFromTheCommandLine() throws Exception {
        Path scan = scanFolder();
        int port = freePort();

        Run bad = lodestone("pacs", "add", "pacs", "STORE-127.0.0.1-104");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("lodestone: ").contains("AET@HOST:PORT").doesNotContain("Exception");
        assertThat(lodestone("pacs", "add", "pacs", "STORE@127.0.0.1:" + port).exit()).isZero();

        Run export = lodestone("export", "--scan", scan.toString(), "--patient-name", "Müller^Jürgen", "--patient-id", "P-1",
                "--dicom", dir.resolve("dcm").toString());
        assertThat(export.exit()).as(export.err()).isZero();
        try (Stream<Path> s = Files.list(dir.resolve("dcm"))) {
            assertThat(s.toList()).hasSize(3);
        }
        String study = new ObjectMapper().readTree(scan.resolve("study.json").toFile()).path("study_uid").asText();
        assertThat(export.out()).contains(study);

        Run echoDown = lodestone("pacs", "echo", "pacs");
        assertThat(echoDown.exit()).isEqualTo(1);
        assertThat(echoDown.err().strip()).startsWith("lodestone: host unreachable").doesNotContain("Exception").doesNotContain("\tat ");

        Run queued = lodestone("send", study, "--exams", dir.resolve("exams").toString(), "--to", "pacs");
        assertThat(queued.exit()).as(queued.err()).isZero();
        assertThat(queued.out()).startsWith("queued:");
        JsonNode pending = new ObjectMapper().readTree(lodestone("outbox", "--json").out());
        assertThat(pending).singleElement().satisfies(j -> {
            assertThat(j.path("status").asText()).isEqualTo("pending");
            assertThat(j.path("images_total").asInt()).isEqualTo(3);
            assertThat(j.path("images_sent").asInt()).isZero();
            assertThat(j.path("last_error").asText()).startsWith("host unreachable");
        });

        Path received = Files.createDirectories(dir.resolve("received"));
        Process storescp = new ProcessBuilder("storescp", "--aetitle", "STORE", "--output-directory", received.toString(),
                "--unique-filenames", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("storescp.log").toFile()).start();
        try {
            awaitListening(port);
            Run run = lodestone("outbox", "run", "--until-empty");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
        } finally {
            storescp.destroyForcibly();
            storescp.waitFor();
        }
        JsonNode sent = new ObjectMapper().readTree(lodestone("outbox", "--json").out()).get(0);
        assertThat(sent.path("status").asText()).isEqualTo("sent");
        assertThat(sent.path("images_sent").asInt()).isEqualTo(3);
        try (Stream<Path> s = Files.list(received)) {
            assertThat(s.toList()).hasSize(3);
        }
        String name = new String(Files.readAllBytes(dir.resolve("dcm").resolve("IM1_0001.dcm")), StandardCharsets.UTF_8);
        assertThat(name).contains("Müller^Jürgen");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(30);
            }
        }
        throw new IOException("storescp did not listen on " + port);
    }
}
