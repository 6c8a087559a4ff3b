package org.lodestone.remote.recon;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.recon.cartesian.OfflineRecon;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.scan.ScanListener;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.testing.TwinExtension;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconstruction over the MRD streaming protocol on raw data from a real twin scan (speed 0,
 * se2d 32², 3 slices): a real recon server on a loopback port gives the image the local offline
 * reconstruction gives (NRMSE ≤ 1e-4); the stream our client sends is byte for byte the raw.mrd
 * the scan journalled (the ISMRMRD stream format); a server that is down or silent makes the
 * result local, saying why.
 */
class RemoteReconOnTheTwinTest {
    @RegisterExtension
    static final TwinExtension twin = TwinExtension.builder().seed(23).build();

    @TempDir
    static Path dir;
    static MrdStreamReader.Result raw;
    static ImageVolume local;
    static ReconServer server;

    @BeforeAll
    static void scanAndServe() throws Exception {
        Path out = dir.resolve("scan");
        try (UnitConnection unit = UnitConnection.open(twin.portSpec(), UnitConnection.GpioSetup.NONE)) {
            ScanResult r = new ScanService(unit).run(new ScanRequest("se2d",
                    Map.of("matrix", 32.0, "tr", 300.0, "te", 20.0, "slices", 3.0), out, "test"), ScanListener.NONE);
            assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
        }
        raw = MrdStreamReader.read(out.resolve("raw.mrd"));
        local = OfflineRecon.reconstruct(raw, OfflineRecon.Options.defaults()).volume();
        server = ReconServer.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    static double nrmse(ImageVolume a, ImageVolume b) {
        float[] x = a.data(), y = b.data();
        double num = 0, den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - y[i]) * (double) (x[i] - y[i]);
            den += y[i] * (double) y[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void theServersImageIsTheLocalImage() {
        ReconChoice c = ReconChoice.reconstruct(raw, "127.0.0.1:" + server.port(), Duration.ofSeconds(30));
        assertThat(c.recon()).as(c.reason()).isEqualTo("remote");
        assertThat(c.image().nx()).isEqualTo(local.nx());
        assertThat(c.image().ny()).isEqualTo(local.ny());
        assertThat(c.image().nz()).isEqualTo(3);
        double e = nrmse(c.image(), local);
        System.out.printf("remote vs local NRMSE %.3g over %d×%d×%d%n", e, local.nx(), local.ny(), local.nz());
        assertThat(e).isLessThanOrEqualTo(1e-4);
        assertThat(c.image().dzMm()).isCloseTo(local.dzMm(), org.assertj.core.data.Offset.offset(1e-3));
        // and where it lies: the MRD image headers carry the local volume's geometry (slice 0's centre, pixel directions)
        double[][] remote = {c.image().positionLps(), c.image().readDir(), c.image().phaseDir(), c.image().sliceDir()};
        double[][] here = {local.positionLps(), local.readDir(), local.phaseDir(), local.sliceDir()};
        for (int i = 0; i < 4; i++) {
            for (int ax = 0; ax < 3; ax++) {
                assertThat(remote[i][ax]).as("geometry %d axis %d", i, ax).isCloseTo(here[i][ax], org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void theStreamTheClientSendsIsTheJournalledRawDataByteForByte() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        MrdWire.writeText(wire, MrdWire.HEADER, raw.xml());
        for (var a : raw.acquisitions()) MrdWire.writeAcquisition(wire, a);
        MrdWire.writeId(wire, MrdWire.CLOSE);
        assertThat(wire.toByteArray()).isEqualTo(Files.readAllBytes(dir.resolve("scan").resolve("raw.mrd")));

        ByteArrayOutputStream image = new ByteArrayOutputStream();
        MrdWire.writeImage(image, local, 1, 1);
        byte[] b = image.toByteArray();
        assertThat(b.length).isEqualTo(2 + 198 + 8 + 4 * local.nx() * local.ny());
        assertThat(b[0] & 0xff | (b[1] & 0xff) << 8).isEqualTo(1022);
        // matrix_size at offset 16 of the header, slice at 98, image_index at 126 (ISMRMRD_ImageHeader, packed)
        assertThat(b[2 + 16] & 0xff).isEqualTo(local.nx());
        assertThat(b[2 + 98] & 0xff).isEqualTo(1);
        assertThat(b[2 + 126] & 0xff).isEqualTo(2);
    }

    @Test
    void aServerThatIsDownGivesTheLocalImageAndSaysWhy() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        ReconChoice c = ReconChoice.reconstruct(raw, "127.0.0.1:" + free, Duration.ofSeconds(5));
        assertThat(c.recon()).isEqualTo("local");
        assertThat(c.reason()).contains("recon server 127.0.0.1:" + free + " unreachable").endsWith("reconstructed locally");
        assertThat(nrmse(c.image(), local)).isZero();
    }

    @Test
    void scanJsonSaysWhereTheImageWasMadeAndWhy() throws Exception {
        Path scan = dir.resolve("scan");
        ReconChoice remote = RemoteReconStep.apply(scan, "127.0.0.1:" + server.port(), Duration.ofSeconds(30));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(scan.resolve("scan.json").toFile());
        assertThat(remote.recon()).isEqualTo("remote");
        assertThat(json.get("recon").asText()).isEqualTo("remote");
        assertThat(json.has("recon_reason")).isFalse();
        assertThat(json.get("status").asText()).isEqualTo("complete"); // the scan's record is kept

        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        RemoteReconStep.apply(scan, "127.0.0.1:" + free, Duration.ofSeconds(5));
        json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(scan.resolve("scan.json").toFile());
        assertThat(json.get("recon").asText()).isEqualTo("local");
        assertThat(json.get("recon_reason").asText()).contains("unreachable").contains("reconstructed locally");
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpAfterTheReplyTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (var c = silent.accept()) {
                    c.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (Exception ignored) {
                    // the test ends it
                }
            });
            long t0 = System.nanoTime();
            ReconChoice c = ReconChoice.reconstruct(raw, "127.0.0.1:" + silent.getLocalPort(), Duration.ofSeconds(1));
            assertThat(c.recon()).isEqualTo("local");
            assertThat(c.reason()).contains("gave no image within 1 s");
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        }
    }

    /** A twin scan whose lines go to {@code stream} as they are journalled; the listener sees the scan's events. */
    static Path scanStreaming(String name, StreamingRecon stream, ScanListener listener) throws Exception {
        Path out = dir.resolve(name);
        try (UnitConnection unit = UnitConnection.open(twin.portSpec(), UnitConnection.GpioSetup.NONE)) {
            ScanResult r = new ScanService(unit).withRawLines(stream).run(new ScanRequest("se2d",
                    Map.of("matrix", 32.0, "tr", 300.0, "te", 20.0, "slices", 3.0), out, "test"), listener);
            assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
        }
        return out;
    }

    @Test
    void linesReachTheServerWhileTheScanRunsAndItsImageIsTheLocalOne() throws Exception {
        long before = server.acquisitionsReceived();
        java.util.concurrent.atomic.AtomicLong atHalf = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.atomic.AtomicLong halfOf = new java.util.concurrent.atomic.AtomicLong();
        StreamingRecon stream = new StreamingRecon("127.0.0.1:" + server.port(), javax.net.SocketFactory.getDefault(),
                Duration.ofSeconds(2), Duration.ofSeconds(30), StreamingRecon.DEFAULT_BACKLOG);
        // Half-way through the acquisition (on the scan's thread, so the scan is still running),
        // wait briefly for the server to have some of the lines: sent after the scan, it never would.
        Path out = scanStreaming("streamed", stream, e -> {
            if (e instanceof org.lodestone.scan.ScanEvent.Progress p && atHalf.get() < 0 && p.received() * 2 >= p.expected()) {
                halfOf.set(p.expected());
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (server.acquisitionsReceived() == before && System.nanoTime() < deadline) java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                atHalf.set(server.acquisitionsReceived() - before);
            }
        });
        ReconChoice c = stream.finish();
        assertThat(c.recon()).as(c.reason()).isEqualTo("remote");
        System.out.printf("recon server had %d of %d lines half-way through the scan%n", atHalf.get(), halfOf.get());
        assertThat(atHalf.get()).isPositive();
        MrdStreamReader.Result streamedRaw = MrdStreamReader.read(out.resolve("raw.mrd"));
        assertThat(server.acquisitionsReceived() - before).isEqualTo(streamedRaw.acquisitions().size());
        ImageVolume localOfThisScan = OfflineRecon.reconstruct(streamedRaw, OfflineRecon.Options.defaults()).volume();
        double e = nrmse(c.image(), localOfThisScan);
        System.out.printf("streamed remote vs local NRMSE %.3g%n", e);
        assertThat(e).isLessThanOrEqualTo(1e-4);

        RemoteReconStep.record(out, c);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("scan.json").toFile());
        assertThat(json.get("recon").asText()).isEqualTo("remote");
    }

    @Test
    void aStreamToAServerThatIsDownLeavesTheScanAndItsLocalImageAndSaysWhy() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        StreamingRecon stream = StreamingRecon.to("127.0.0.1:" + free, Duration.ofSeconds(5));
        Path out = scanStreaming("down", stream, ScanListener.NONE);
        byte[] localImage = Files.readAllBytes(out.resolve("images.nii"));
        ReconChoice c = RemoteReconStep.record(out, stream.finish());
        assertThat(c.recon()).isEqualTo("local");
        assertThat(c.reason()).contains("recon server 127.0.0.1:" + free + " unreachable").endsWith("reconstructed locally");
        assertThat(Files.readAllBytes(out.resolve("images.nii"))).isEqualTo(localImage);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("scan.json").toFile());
        assertThat(json.get("recon").asText()).isEqualTo("local");
        assertThat(json.get("recon_reason").asText()).contains("unreachable");
    }

    @Test
    void overTlsTheServerGivesTheSameImageAndAPlainClientGetsNothing() throws Exception {
        var keys = org.lodestone.remote.testing.TestKeystore.create(dir.resolve("tls"));
        try (ReconServer tls = ReconServer.start(InetAddress.getLoopbackAddress(), 0, keys.keystore().serverContext())) {
            String target = "127.0.0.1:" + tls.port();
            ImageVolume image;
            try (RemoteRecon r = RemoteRecon.connect(target, keys.clientContext().getSocketFactory(), raw.xml(),
                    Duration.ofSeconds(5), Duration.ofSeconds(30))) {
                for (var a : raw.acquisitions()) r.add(a);
                image = r.finish();
            }
            assertThat(nrmse(image, local)).isLessThanOrEqualTo(1e-4);

            ReconChoice plain = ReconChoice.reconstruct(raw, target, Duration.ofSeconds(3));
            assertThat(plain.recon()).isEqualTo("local");
            // a client that does not trust the certificate (the JVM's default store) is refused in the handshake
            var untrusting = new StreamingRecon(target, javax.net.ssl.SSLSocketFactory.getDefault(), Duration.ofSeconds(2),
                    Duration.ofSeconds(3), 16);
            untrusting.header(raw.xml());
            ReconChoice refused = untrusting.finish();
            assertThat(refused.recon()).isEqualTo("local");
            assertThat(refused.reason()).contains("unreachable");
        }
    }

    @Test
    void lineBacklogOverflowMeansTheServerIsTooSlowAndTheScanGoesOnLocal() throws Exception {
        // backlog of 4, and the lines come before the sender has taken any: the fifth overflows
        StreamingRecon stream = new StreamingRecon("127.0.0.1:" + server.port(), javax.net.SocketFactory.getDefault(),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 4);
        for (int i = 0; i < 5; i++) stream.line(raw.acquisitions().get(i));
        stream.header(raw.xml());
        long before = server.acquisitionsReceived();
        ReconChoice c = stream.finish();
        assertThat(c.recon()).isEqualTo("local");
        assertThat(c.reason()).contains("too slow").endsWith("reconstructed locally");
        assertThat(server.acquisitionsReceived()).as("nothing sent after giving up").isEqualTo(before);
    }

    /** Runs a command to its end; its output, or an AssertionError with it. */
    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    @Test
    void theServersImageMessageDecodesWithIsmrmrdsOwnCStructures() throws Exception {
        // what the server really sends back for the journalled raw data: its first message, slice 0
        byte[] reply;
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), server.port())) {
            var out = new java.io.BufferedOutputStream(s.getOutputStream());
            MrdWire.writeConfigText(out, RemoteRecon.CONFIG);
            MrdWire.writeText(out, MrdWire.HEADER, raw.xml());
            for (var a : raw.acquisitions()) MrdWire.writeAcquisition(out, a);
            MrdWire.writeId(out, MrdWire.CLOSE);
            out.flush();
            s.setSoTimeout(30_000);
            reply = s.getInputStream().readAllBytes();
        }
        int nx = local.nx(), ny = local.ny();
        int first = 2 + 198 + 8 + 4 * nx * ny;
        Path message = dir.resolve("image-message.bin");
        Files.write(message, java.util.Arrays.copyOf(reply, first));
        // compiled here against Debian's libismrmrd-dev (bin/run-tests installs it and gcc)
        Path source = dir.resolve("read_image_message.c");
        try (var in = getClass().getResourceAsStream("/ismrmrd/read_image_message.c")) {
            Files.copy(in, source);
        }
        Path exe = dir.resolve("read_image_message");
        run("gcc", "-o", exe.toString(), source.toString(), "-lismrmrd");
        String decoded = run(exe.toString(), message.toString());
        System.out.print("ISMRMRD C structures read: " + decoded);
        assertThat(decoded).contains("id=1022 header_size=198 version=1 data_type=5 matrix=" + nx + "," + ny + ",1 channels=1 slice=0 image_index=1 "
                + "image_type=1 attribute_len=0 attribute_string_len=0 data_bytes=" + 4 * nx * ny + " trailing=0");
        assertThat(decoded).contains(String.format("first_bits=%08x", Float.floatToRawIntBits(local.data()[0])));
    }
}
