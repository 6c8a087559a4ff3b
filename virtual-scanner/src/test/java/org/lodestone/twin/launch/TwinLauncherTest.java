package org.lodestone.twin.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lodestone.hw.link.SerialTransport;
import org.lodestone.hw.link.TcpTransport;
import org.lodestone.hw.link.Transport;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.testing.TwinExtension;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher's promises, on real child twins: reachable, freezable, killable and found again on the same port. */
class TwinLauncherTest {
    @RegisterExtension
    static final TwinExtension twin = TwinExtension.builder().seed(3).gpioBus().build();

    private static final ScannerSession.Options QUICK = new ScannerSession.Options(1000, 100, 50, 500, 15_000);

    private static ScannerSession session(String portSpec) throws IOException {
        Transport t;
        if (portSpec.startsWith("tcp:")) {
            int port = Integer.parseInt(portSpec.substring(portSpec.lastIndexOf(':') + 1));
            t = TcpTransport.connect("127.0.0.1", port, 2000);
        } else {
            t = SerialTransport.open(portSpec, SerialTransport.Settings.DEFAULT);
        }
        return twin.closeAfterTest(ScannerSession.open(t, QUICK));
    }

    @Test
    void theClassTwinAnswersOnItsPtyAndServesAGpioBus() throws Exception {
        assertThat(twin.portSpec()).endsWith("ttyHost");
        Message.Capabilities caps = session(twin.portSpec()).hello("launcher-test");
        assertThat(caps.receiveChannels()).isPositive();
        assertThat(twin.twin().gpioBusPort()).isPositive();
        try (Socket bus = new Socket("127.0.0.1", twin.twin().gpioBusPort())) {
            assertThat(bus.isConnected()).isTrue();
        }
    }

    @Test
    void aSuspendedTwinIsSilentAndAnswersAgainWhenResumed() throws Exception {
        ScannerSession s = session(twin.portSpec());
        s.hello("launcher-test");
        twin.twin().suspend();
        try {
            assertThatThrownBy(s::readSensors).isInstanceOf(DeviceException.class);
        } finally {
            twin.twin().resume();
        }
        assertThat(s.readSensors()).isNotNull();
    }

    @Test
    void aKilledTwinStartsAgainOnTheSamePtyPathAndGpioPort() throws Exception {
        RunningTwin t = twin.start(twin.options().withGpio(true, null));
        String port = t.portSpec();
        int bus = t.gpioBusPort();
        long pid = t.process().pid();
        session(port).hello("before");
        t.kill();
        assertThat(t.process().isAlive()).isFalse();
        t.restart();
        assertThat(t.process().pid()).isNotEqualTo(pid);
        assertThat(t.portSpec()).isEqualTo(port);
        assertThat(t.gpioBusPort()).isEqualTo(bus);
        assertThat(session(port).hello("after").receiveChannels()).isPositive();
    }

    /**
     * What the launcher promises: the nodes vanish for the gap and come back at the same paths, on a new socat, while
     * the child runs on. That the twin then finds its line again needs traffic (tried here on an idle twin: no "Link
     * back" in its log within 10 s; its serial line notices a lost pty on a write): SerialReconnectTest in
     * console-app proves it mid-scan.
     */
    @Test
    void aReplugTakesTheSerialLineAwayAndBringsItBackWhileTheChildRuns() throws Exception {
        RunningTwin t = twin.start(twin.options());
        Path host = Path.of(t.portSpec());
        long pid = t.process().pid();
        session(t.portSpec()).hello("before");
        var replug = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                t.replugSerialLine(1000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long end = System.nanoTime() + 3_000_000_000L;
        while (Files.exists(host) && System.nanoTime() < end) Thread.sleep(10);
        assertThat(host).as("the device node vanishes while unplugged").doesNotExist();
        assertThat(t.devicePort()).doesNotExist();
        replug.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(host).exists();
        assertThat(t.devicePort()).exists();
        assertThat(t.process().isAlive()).isTrue();
        assertThat(t.process().pid()).isEqualTo(pid);
        SerialTransport.open(t.portSpec(), SerialTransport.Settings.DEFAULT).close();
    }

    @Test
    void aTcpTwinStartsAgainOnTheSamePort() throws Exception {
        RunningTwin t = twin.start(twin.options().withLink(TwinOptions.Link.TCP));
        assertThat(t.portSpec()).matches("tcp:127\\.0\\.0\\.1:\\d+");
        assertThat(t.hostPort()).isNull();
        session(t.portSpec()).hello("before");
        t.stop();
        t.restart();
        assertThat(session(t.portSpec()).hello("after").receiveChannels()).isPositive();
    }

    @Test
    void anInProcessTwinAnswersOverItsPipe() throws Exception {
        try (InProcessTwin t = InProcessTwin.start(ScannerModel.forSeed(2), new DeviceServer.Options(200, 0), null);
             ScannerSession s = ScannerSession.open(t.hostEnd())) {
            assertThat(s.hello("pipe").receiveChannels()).isEqualTo(t.model().receiveChannels());
        }
    }
}
