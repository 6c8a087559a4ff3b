package org.lodestone.console.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The remote commands' TLS and PACS options through the real CLI (a child JVM): bad input is one
 * line and exit status 2 with no secret, no stack trace; {@code recon-server} with a keystore made
 * by keytool serves TLS with that certificate.
 */
class RemoteCommandsTest {
    @TempDir
    static Path dir;
    static LodestoneCli cli;
    static Path keystore;
    static Path passwordFile;
    static final String PASSWORD = "cli-test-keystore-pass";

    @BeforeAll
    static void setUp() throws Exception {
        cli = new LodestoneCli(Files.createDirectories(dir.resolve("home")));
        keystore = dir.resolve("server.p12");
        passwordFile = dir.resolve("server.pass");
        Files.writeString(passwordFile, PASSWORD + "\n");
        Process k = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(k.getInputStream().readAllBytes());
        assertThat(k.waitFor(60, TimeUnit.SECONDS) && k.exitValue() == 0).as(out).isTrue();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void oneLineExit2(LodestoneCli.Run r, String says) {
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.err().strip()).contains(says).doesNotContain("\n").doesNotContain("Exception").doesNotContain(PASSWORD);
    }

    @Test
    void badTlsAndPacsOptionsAreOneLineAndExit2() throws Exception {
        Path wrong = dir.resolve("wrong.pass");
        Files.writeString(wrong, "wrong-" + PASSWORD);
        oneLineExit2(cli.run("recon-server", "--port", Integer.toString(freePort()), "--tls-keystore", keystore.toString(),
                "--tls-password-file", wrong.toString()), "cannot open the TLS keystore");
        Path viewers = dir.resolve("viewers.txt");
        Files.writeString(viewers, "ward:a-long-passphrase\n");
        oneLineExit2(cli.run("hub", "--mqtt", "mqtt://127.0.0.1:1", "--http", Integer.toString(freePort()), "--viewers", viewers.toString(),
                "--pacs", "CENTRAL=http://user:pw@pacs/dicom-web"), "put no credentials in the URL");
    }

    @Test
    void reconServerWithAKeystoreServesTlsWithItsCertificate() throws Exception {
        int port = freePort();
        Process server = cli.command("recon-server", "--port", Integer.toString(port), "--tls-keystore", keystore.toString(),
                "--tls-password-file", passwordFile.toString()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Recon server listening")) {
                // log lines before it
            }
            assertThat(line).isEqualTo("Recon server listening on 127.0.0.1:" + port + " over TLS (Ctrl-C stops it)");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", ks.getCertificate("server"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                s.startHandshake();
                assertThat(s.getSession().getPeerCertificates()[0]).isEqualTo(ks.getCertificate("server"));
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void scanStreamsItsLinesToTheReconServerAndRecordsTheRemoteImage() throws Exception {
        try (var server = org.lodestone.remote.recon.ReconServer.start(InetAddress.getLoopbackAddress(), 0)) {
            Path out = dir.resolve("streamed-scan");
            LodestoneCli.Run r = cli.run("scan", "--protocol", "se2d", "--param", "matrix=32", "--param", "tr=300", "--out", out.toString(),
                    "--sim-seed", "5", "--sim-speed", "0", "--recon-server", "127.0.0.1:" + server.port());
            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(r.out()).contains("Reconstruction: remote");
            assertThat(server.acquisitionsReceived()).as("every line reached the server").isEqualTo(32);
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("scan.json").toFile());
            assertThat(json.get("recon").asText()).isEqualTo("remote");
            assertThat(json.has("recon_reason")).isFalse();
            assertThat(out.resolve("images.nii")).isNotEmptyFile();
        }
    }
}
