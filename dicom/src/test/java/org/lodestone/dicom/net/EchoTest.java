package org.lodestone.dicom.net;

import org.lodestone.dicom.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** C-ECHO against dcmtk's storescp: success, a refused association, nobody listening, a silent peer. */
class EchoTest {
    @TempDir
    static Path dir;
    static Process storescp;
    static Process refusing;
    static int port;
    static int refusingPort;
    private final DicomClient client = new DicomClient("LODESTONE", Duration.ofSeconds(15));

    @BeforeAll
    static void start() throws Exception {
        port = Peers.freePort();
        storescp = Peers.storescp(port, dir.resolve("in"));
        refusingPort = Peers.freePort();
        refusing = Peers.storescp(refusingPort, dir.resolve("refusing"), "--refuse");
    }

    @AfterAll
    static void stop() throws Exception {
        Peers.stop(storescp);
        Peers.stop(refusing);
    }

    @Test
    void echoSucceedsAgainstStorescp() throws Exception {
        client.echo(new DicomNode("pacs", "STORE", "127.0.0.1", port, false));
    }

    @Test
    void aRefusedAssociationSaysSo() {
        assertThatThrownBy(() -> client.echo(new DicomNode("pacs", "STORE", "127.0.0.1", refusingPort, false)))
                .isInstanceOfSatisfying(NetworkFailure.class, f -> {
                    assertThat(f.kind()).isIn(NetworkFailure.Kind.REFUSED, NetworkFailure.Kind.AE_TITLE_REFUSED);
                    assertThat(f.getMessage()).contains("refused").doesNotContain("Exception");
                });
    }

    @Test
    void nobodyListeningIsHostUnreachable() throws Exception {
        int closed = Peers.freePort();
        assertThatThrownBy(() -> client.echo(new DicomNode("pacs", "STORE", "127.0.0.1", closed, false)))
                .isInstanceOfSatisfying(NetworkFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(NetworkFailure.Kind.UNREACHABLE);
                    assertThat(f.getMessage()).startsWith("host unreachable").contains("127.0.0.1:" + closed);
                });
    }

    @Test
    void aPeerThatNeverAnswersIsATimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DicomClient quick = new DicomClient("LODESTONE", Duration.ofMillis(800));
            assertThatThrownBy(() -> quick.echo(new DicomNode("pacs", "STORE", "127.0.0.1", silent.getLocalPort(), false)))
                    .isInstanceOfSatisfying(NetworkFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(NetworkFailure.Kind.TIMEOUT);
                        assertThat(f.getMessage()).contains("did not answer within");
                    });
        }
    }
}
