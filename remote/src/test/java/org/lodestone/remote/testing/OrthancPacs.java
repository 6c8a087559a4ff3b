package org.lodestone.remote.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian Orthanc with its DICOMweb plugin (Debian {@code orthanc-dicomweb}) on free loopback
 * ports, storage in the test's folder, no authentication (loopback only). Studies are made in it
 * with its own {@code /tools/create-dicom}.
 */
public final class OrthancPacs implements AutoCloseable {
    public static final String PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

    private final Process process;
    private final int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private OrthancPacs(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    public static OrthancPacs start(Path dir) throws Exception {
        if (!Files.exists(Path.of(PLUGIN))) throw new AssertionError("Orthanc's DICOMweb plugin is missing (bin/run-tests installs orthanc-dicomweb)");
        Files.createDirectories(dir);
        int httpPort = freePort();
        int dicomPort = freePort();
        Path config = dir.resolve("orthanc.json");
        new ObjectMapper().writeValue(config.toFile(), Map.of(
                "Name", "lodestone-remote-test",
                "StorageDirectory", dir.resolve("storage").toString(),
                "IndexDirectory", dir.resolve("index").toString(),
                "HttpPort", httpPort,
                "DicomPort", dicomPort,
                "RemoteAccessAllowed", false,
                "AuthenticationEnabled", false,
                "Plugins", List.of(PLUGIN),
                "DicomWeb", Map.of("Enable", true, "Root", "/dicom-web/")));
        String exe = Files.isExecutable(Path.of("/usr/sbin/Orthanc")) ? "/usr/sbin/Orthanc" : "Orthanc";
        Path log = dir.resolve("orthanc.log");
        Process p = new ProcessBuilder(exe, config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (!p.isAlive()) throw new IOException("Orthanc exited: " + Files.readString(log));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), 200);
                return new OrthancPacs(p, httpPort);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly().waitFor();
        throw new IOException("Orthanc did not listen on port " + httpPort + " within 30 s");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Its DICOMweb root, as a hub is told it with {@code --pacs NAME=URL}. */
    public String dicomWebRoot() {
        return "http://127.0.0.1:" + httpPort + "/dicom-web";
    }

    /** Stores one MR instance of a new study with this Study Instance UID. */
    public void createStudy(String studyUid) throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("Force", true, "Tags", Map.of(
                "PatientName", "PACS^LINK", "PatientID", "REMOTE-1", "Modality", "MR", "StudyInstanceUID", studyUid)));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/tools/create-dicom"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("Orthanc create-dicom: HTTP " + r.statusCode() + " " + r.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
