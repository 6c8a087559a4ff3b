package org.lodestone.console.peers;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Real DICOM peers for the console's tests: dcmtk's storescp and wlmscpfs (or any server process) on free loopback
 * ports, each awaited until it listens and stopped after the test. Register with
 * {@code @RegisterExtension final DicomPeers peers = new DicomPeers();}.
 */
public final class DicomPeers implements AfterEachCallback {
    private static final long LISTEN_TIMEOUT_NS = 20_000_000_000L;

    /** One scheduled MR procedure step: who, which study, for which station and day ({@code birthDate} may be null). */
    public record WorklistEntry(String accession, String patientName, String patientId, LocalDate birthDate, String studyUid,
                                String stationAet, LocalDate date) {
        /** A knee MR ordered for {@code stationAet} today. */
        public static WorklistEntry kneeToday(String accession, String patientName, String patientId, LocalDate birthDate,
                                              String studyUid, String stationAet) {
            return new WorklistEntry(accession, patientName, patientId, birthDate, studyUid, stationAet, LocalDate.now());
        }

        /** The entry as dcmtk's dump2dcm reads it (UTF-8). */
        List<String> dump() {
            List<String> d = new ArrayList<>(List.of("(0008,0005) CS [ISO_IR 192]", "(0008,0050) SH [" + accession + "]",
                    "(0010,0010) PN [" + patientName + "]", "(0010,0020) LO [" + patientId + "]"));
            if (birthDate != null) d.add("(0010,0030) DA [" + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + "]");
            d.addAll(List.of("(0010,0040) CS [M]", "(0020,000d) UI [" + studyUid + "]", "(0032,1060) LO [MR knee]",
                    "(0040,1001) SH [RP-7]", "(0040,0100) SQ (Sequence with undefined length #=1)",
                    "(fffe,e000) na (Item with undefined length #=5)", "(0008,0060) CS [MR]", "(0040,0001) AE [" + stationAet + "]",
                    "(0040,0002) DA [" + date.format(DateTimeFormatter.BASIC_ISO_DATE) + "]", "(0040,0003) TM [0930]",
                    "(0040,0009) SH [SPS-7]", "(fffe,e00d) na (ItemDelimitationItem)", "(fffe,e0dd) na (SequenceDelimitationItem)", ""));
            return d;
        }
    }

    private final List<Process> started = new CopyOnWriteArrayList<>();

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code command} (output to {@code log}) and waits until it listens on loopback {@code port}. */
    public Process start(List<String> command, int port, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        long end = System.nanoTime() + LISTEN_TIMEOUT_NS;
        while (System.nanoTime() < end) {
            if (!p.isAlive()) throw new IOException(command.getFirst() + " exited: " + Files.readString(log));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(30);
            }
        }
        stop(p);
        throw new IOException(command.getFirst() + " did not listen on port " + port);
    }

    /** dcmtk's storescp as {@code aet}: one file per received object in {@code into} (unique names, so repeats show). */
    public Process storescp(String aet, Path into, int port) throws IOException, InterruptedException {
        Files.createDirectories(into);
        return start(List.of("storescp", "--aetitle", aet, "--output-directory", into.toString(), "--unique-filenames",
                Integer.toString(port)), port, into.resolveSibling(into.getFileName() + "-storescp.log"));
    }

    /** dcmtk's wlmscpfs answering for AE title WL with {@code entry}, its files under {@code dir}. */
    public Process wlmscpfs(Path dir, int port, WorklistEntry entry) throws IOException, InterruptedException {
        Path ae = Files.createDirectories(dir.resolve("WL"));
        Files.writeString(ae.resolve("lockfile"), "");
        Files.writeString(ae.resolve("entry.dump"), String.join("\n", entry.dump()), StandardCharsets.UTF_8);
        Path log = dir.resolve("dump2dcm.log");
        Process dump = new ProcessBuilder("dump2dcm", ae.resolve("entry.dump").toString(), ae.resolve("entry.wl").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (dump.waitFor() != 0) throw new IOException("dump2dcm refused the worklist entry: " + Files.readString(log));
        return start(List.of("wlmscpfs", "-dfr", "--data-files-path", dir.toString(), Integer.toString(port)), port,
                dir.resolve("wlmscpfs.log"));
    }

    /** Stops {@code p} now (a peer that goes down in the middle of a test). */
    public static void stop(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (Process p : started) if (p.isAlive()) stop(p);
        started.clear();
    }
}
