package org.lodestone.console.service.diagnostics;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.link.FaultyRelay;
import org.lodestone.hw.link.InMemoryTransport;
import org.lodestone.hw.session.LinkStatistics;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.launch.InProcessTwin;
import org.lodestone.twin.phantom.PlacedPhantom;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link statistics the diagnostics show, counted by the session on a real twin (in this process) behind a
 * relay that corrupts bytes and is unplugged for a while: CRC errors, retransmitted commands and heartbeat
 * round trips all move.
 */
class LinkStatisticsTest {
    @Test
    void countsCrcErrorsRetransmitsAndRoundTrips() throws Exception {
        ScannerModel model = new ScannerModel(HiddenParameters.fromSeed(2), PlacedPhantom.named("uniform"), ScannerModel.DEFAULT_NOISE_STD, 1);
        InMemoryTransport[] pair = InMemoryTransport.pair();
        try (InProcessTwin twin = InProcessTwin.start(model, new DeviceServer.Options(2000, 0), null);
             FaultyRelay relay = new FaultyRelay(twin.hostEnd(), pair[0], new FaultyRelay.Faults(0, 0, 0), 5).start();
             ScannerSession session = ScannerSession.open(pair[1])) {
            session.hello("diagnostics-test");
            Thread.sleep(300);
            LinkStatistics clean = session.statistics();
            assertThat(clean.heartbeats()).isPositive();
            assertThat(clean.lastRoundTripMs()).isBetween(0.0, 200.0);
            assertThat(clean.meanRoundTripMs()).isLessThanOrEqualTo(clean.maxRoundTripMs());
            assertThat(clean.crcErrors()).isZero();
            assertThat(clean.commandRetransmits()).isZero();

            relay.unplug(700); // a command sent now is not answered until the cable is back: sent again
            session.readSensors();
            LinkStatistics after = session.statistics();
            assertThat(after.commandRetransmits()).isPositive();
            assertThat(after.heartbeats()).isGreaterThan(clean.heartbeats());
        }
    }

    @Test
    void corruptedBytesShowAsCrcOrHeaderErrors() throws Exception {
        ScannerModel model = new ScannerModel(HiddenParameters.fromSeed(3), PlacedPhantom.named("uniform"), ScannerModel.DEFAULT_NOISE_STD, 1);
        InMemoryTransport[] pair = InMemoryTransport.pair();
        try (InProcessTwin twin = InProcessTwin.start(model, new DeviceServer.Options(2000, 0), null);
             FaultyRelay relay = new FaultyRelay(twin.hostEnd(), pair[0], new FaultyRelay.Faults(0.002, 0, 0), 7).start();
             ScannerSession session = ScannerSession.open(pair[1])) {
            session.hello("diagnostics-test");
            long end = System.nanoTime() + 5_000_000_000L;
            LinkStatistics s = session.statistics();
            while (s.crcErrors() + s.headerErrors() == 0 && System.nanoTime() < end) {
                Thread.sleep(100);
                s = session.statistics();
            }
            assertThat(s.crcErrors() + s.headerErrors()).as(relay.statistics()).isPositive();
            assertThat(s.framesDecoded()).isPositive();
        }
    }
}
