package org.lodestone.console.service.health;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.launch.InProcessTwin;
import org.lodestone.twin.phantom.PlacedPhantom;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The noise alert on a twin: a noise survey accepted (the baseline), then the same unit with its receiver
 * noise doubled (the twin's hidden noise level, +6 dB) surveyed again and accepted: the monitor raises
 * "noise up" for every channel, once, in the log and to the sink. A repeat survey at the normal level stays quiet.
 */
class HealthMonitorTwinTest {
    private static final long SEED = 4;

    /** One noise survey on a twin (in this process, speed 0) with this receiver noise, accepted into the store. */
    private static Message.Sensors survey(CalibrationStore store, double noiseStd, Path out) throws Exception {
        ScannerModel model = new ScannerModel(HiddenParameters.fromSeed(SEED), PlacedPhantom.named("uniform"), noiseStd, 1);
        try (InProcessTwin twin = InProcessTwin.start(model, new DeviceServer.Options(2000, 0), null);
             ScannerSession session = ScannerSession.open(twin.hostEnd())) {
            Message.Capabilities caps = session.hello("health-test");
            ProgramRunner runner = new ProgramRunner(session, UnitProfile.from(caps.limits()), () -> Armed.withoutInterlocks("in-process twin"));
            CalibrationSuite suite = new CalibrationSuite(runner, store, "eng", out, caps.nominalLarmorHz());
            assertThat(suite.run(List.of("noise"))).isTrue();
            suite.conclude(CalibrationProfile.Status.ACCEPTED, "");
            return session.readSensors();
        }
    }

    @Test
    void raisingTheTwinsNoiseBetweenTwoSurveysRaisesTheAlert() throws Exception {
        Path data = Files.createTempDirectory("health-twin-");
        CalibrationStore store = new CalibrationStore(data.resolve("calibration"));
        List<HealthAlert> sunk = new ArrayList<>();
        Message.Sensors[] last = new Message.Sensors[1];
        HealthMonitor monitor = new HealthMonitor(store, () -> last[0], () -> "no link in this test", data, sunk::add);
        Logger logger = (Logger) LoggerFactory.getLogger(HealthMonitor.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            last[0] = survey(store, ScannerModel.DEFAULT_NOISE_STD, data.resolve("n1"));
            EquipmentHealth first = monitor.check(Instant.now());
            assertThat(first.noise()).hasSize(2); // the twin's default two coils
            assertThat(first.noise()).allSatisfy(c -> assertThat(c.excessDb()).isEqualTo(0.0));
            assertThat(first.magnetC()).isBetween(10.0, 45.0);
            assertThat(first.alerts()).noneMatch(a -> a.rule() == HealthAlert.Rule.NOISE_UP);

            last[0] = survey(store, ScannerModel.DEFAULT_NOISE_STD, data.resolve("n2"));
            EquipmentHealth same = monitor.check(Instant.now());
            assertThat(same.noise()).allSatisfy(c -> assertThat(Math.abs(c.excessDb())).isLessThan(0.5));
            assertThat(same.alerts()).noneMatch(a -> a.rule() == HealthAlert.Rule.NOISE_UP);

            last[0] = survey(store, 2 * ScannerModel.DEFAULT_NOISE_STD, data.resolve("n3"));
            EquipmentHealth raised = monitor.check(Instant.now());
            assertThat(raised.noise()).allSatisfy(c -> assertThat(c.excessDb()).isCloseTo(6.0, within(1.0)));
            List<HealthAlert> noise = raised.alerts().stream().filter(a -> a.rule() == HealthAlert.Rule.NOISE_UP).toList();
            assertThat(noise).extracting(HealthAlert::subject).containsExactly("channel 0", "channel 1");
            assertThat(sunk).filteredOn(a -> a.rule() == HealthAlert.Rule.NOISE_UP).hasSize(2);
            assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().startsWith("Health alert: noise on channel")).hasSize(2)
                    .allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN);

            monitor.check(Instant.now()); // still up: not raised twice
            assertThat(sunk).filteredOn(a -> a.rule() == HealthAlert.Rule.NOISE_UP).hasSize(2);
        } finally {
            logger.detachAppender(logged);
        }
    }
}
