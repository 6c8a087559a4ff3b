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
    private static FramedLink device(InMemoryTransport end, AtomicReference<FramedLink> self) {
        FramedLink link = new FramedLink(end, new FramedLink.Handler() {
            @Override
            public void onMessage(long seq, Message m) {
                try {
                    if (m instanceof Message.SetFrequency f && f.hz() < 0) {
                        self.get().send(new Message.Nack(seq, 1, "frequency must be positive"));
                    } else {
                        self.get().send(new Message.Ack(seq));
                    }
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
        AtomicReference<FramedLink> dev = new AtomicReference<>();
        try (FramedLink d = device(pair[1], dev); ScannerSession s = ScannerSession.open(pair[0])) {
            for (int i = 0; i < 500; i++) s.setFrequency(1e6 + i);
        }
    }

    @Test
    void nackBecomesAReadableError() {
        InMemoryTransport[] pair = InMemoryTransport.pair();
        AtomicReference<FramedLink> dev = new AtomicReference<>();
        try (FramedLink d = device(pair[1], dev); ScannerSession s = ScannerSession.open(pair[0])) {
            assertThatThrownBy(() -> s.setFrequency(-1)).isInstanceOf(DeviceException.class)
                    .hasMessage("the unit refused SetFrequency: frequency must be positive");
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
