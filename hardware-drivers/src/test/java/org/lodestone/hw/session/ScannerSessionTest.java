package org.lodestone.hw.session;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.link.FramedLink;
import org.lodestone.hw.link.InMemoryTransport;
import org.lodestone.hw.wire.Message;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session against a minimal scripted device on an in-memory pair (unit test of one class). */
class ScannerSessionTest {

    /** Acks everything at once; refuses SET_FREQUENCY below zero. */
    private static FramedLink device(InMemoryTransport end) {
        return scripted(end, (seq, m, dev) -> dev.send(m instanceof Message.SetFrequency f && f.hz() < 0
                ? new Message.Nack(seq, 1, "frequency must be positive") : new Message.Ack(seq)));
    }

    /** What a scripted device answers to one message from the host. */
    private interface Script {
        void answer(long seq, Message m, FramedLink device) throws IOException;
    }

    /** A device on the far end of an in-memory pair that answers by a script. */
    private static FramedLink scripted(InMemoryTransport end, Script script) {
        AtomicReference<FramedLink> self = new AtomicReference<>();
        FramedLink link = new FramedLink(end, new FramedLink.Handler() {
            @Override
            public void onMessage(long seq, Message m) {
                try {
                    script.answer(seq, m, self.get());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }

            @Override
            public void onClosed(String reason) {
            }
        }, "fake-device");
        self.set(link);
        return link.start();
    }

    @Test
    void everyImmediateAckReachesItsCommand() throws Exception {
        InMemoryTransport[] pair = InMemoryTransport.pair();
        try (FramedLink d = device(pair[1]); ScannerSession s = ScannerSession.open(pair[0])) {
            for (int i = 0; i < 500; i++) s.setFrequency(1e6 + i);
        }
    }

    @Test
    void nackBecomesAReadableError() {
        InMemoryTransport[] pair = InMemoryTransport.pair();
        try (FramedLink d = device(pair[1]); ScannerSession s = ScannerSession.open(pair[0])) {
            assertThatThrownBy(() -> s.setFrequency(-1)).isInstanceOf(DeviceException.class)
                    .hasMessage("the unit refused SetFrequency: frequency must be positive");
        }
    }

    @Test
    void aSensorsReplyLostOnTheLineIsAskedForAgain() throws Exception {
        InMemoryTransport[] pair = InMemoryTransport.pair();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // The first SENSORS frame is lost on the line: only its ACK arrives.
        try (FramedLink d = scripted(pair[1], (seq, m, dev) -> {
            if (m instanceof Message.ReadSensors && asked.incrementAndGet() > 1) dev.send(new Message.Sensors(21.5, 20.0, 0.0, 0));
            if (!(m instanceof Message.Heartbeat)) dev.send(new Message.Ack(seq));
        }); ScannerSession s = ScannerSession.open(pair[0])) {
            assertThat(s.readSensors().magnetTemperatureC()).isEqualTo(21.5);
            assertThat(asked.get()).isEqualTo(2);
        }
    }

    @Test
    void aStatusOfTheLastRunOfTheSameProgramIsNotTakenForTheNewRun() throws Exception {
        InMemoryTransport[] pair = InMemoryTransport.pair();
        java.util.List<Message> fromHost = new java.util.concurrent.CopyOnWriteArrayList<>();
        FramedLink d = scripted(pair[1], (seq, m, dev) -> {
            fromHost.add(m);
            // Program 7 ran before: the STATUS answering a heartbeat sent before START still says so.
            if (m instanceof Message.Arm) dev.send(new Message.Status(1, Message.Status.DONE, 7, 5, Message.Done.COMPLETE, 0));
            if (!(m instanceof Message.Heartbeat)) dev.send(new Message.Ack(seq));
        });
        java.util.concurrent.CompletableFuture<Message.Done> done = new java.util.concurrent.CompletableFuture<>();
        try (d; ScannerSession s = ScannerSession.open(pair[0])) {
            s.start(7, new AcquisitionListener() {
                @Override
                public void onLine(Message.AcqData line) {
                }

                @Override
                public void onDone(Message.Done dn) {
                    done.complete(dn);
                }

                @Override
                public void onLinkLost(String reason) {
                    done.completeExceptionally(new IllegalStateException(reason));
                }
            });
            Thread.sleep(300);
            assertThat(done).isNotDone();
            assertThat(fromHost).noneMatch(m -> m instanceof Message.ResendLines);
        }
    }

    @Test
    void silentDeviceIsDeclaredLost() throws Exception {
        InMemoryTransport[] pair = InMemoryTransport.pair();
        try (ScannerSession s = ScannerSession.open(pair[0], new ScannerSession.Options(300, 50, 20, 100, 200))) {
            assertThatThrownBy(() -> s.setFrequency(1e6)).isInstanceOf(DeviceException.class)
                    .hasMessageContaining("ms");
            Thread.sleep(400);
            assertThat(s.isLost()).isTrue();
        }
    }
}
