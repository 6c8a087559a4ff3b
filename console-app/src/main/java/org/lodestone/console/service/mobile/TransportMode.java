package org.lodestone.console.service.mobile;

import org.lodestone.hw.gpio.InterlockGuard;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One action before a drive and one after. Entering: the amplifier enables stay off (nothing may arm
 * while in transport: {@link #refuseArming}), the patient queue is held ({@link MobileState#blockingReason}),
 * the magnet's sensors are logged to {@code DATA/mobile/sensors.csv}; the outbox is not touched, so it keeps
 * trying whenever the unit is online. Leaving requires the requalification. The state is on disk, so a
 * power loss mid-drive comes back in transport mode.
 */
public final class TransportMode {
    private final MobileStateStore store;
    private final Path sensorLog;

    public TransportMode(Path dataDir) {
        this.store = new MobileStateStore(dataDir);
        this.sensorLog = dataDir.resolve("mobile").resolve("sensors.csv");
    }

    public MobileState state() throws IOException {
        return store.load();
    }

    public Path sensorLog() {
        return sensorLog;
    }

    /**
     * Enters transport mode. Refused (with the reason) while the amplifiers are armed for a scan or a
     * calibration: stop it first.
     */
    public MobileState enter(String operator, Optional<InterlockGuard> interlocks) throws IOException {
        if (interlocks.isPresent() && interlocks.get().isArmed()) {
            throw new IllegalStateException("a scan or calibration is running with the amplifiers on: stop it before transport mode");
        }
        MobileState s = store.load();
        if (s.transport()) return s;
        return store.save(new MobileState(true, Instant.now(), operator, s.requalification(), s.note(), Instant.now()));
    }

    /** Leaves transport mode: the unit was (or may have been) driven, so it must be requalified. */
    public MobileState leave(String operator) throws IOException {
        MobileState s = store.load();
        if (!s.transport()) return s;
        return store.save(new MobileState(false, null, operator, MobileState.Requal.REQUIRED, "driven since "
                + s.transportSince(), Instant.now()));
    }

    /** The requalification's verdict, as the checklist concluded it. */
    public MobileState requalified(String operator, boolean passed, String note) throws IOException {
        MobileState s = store.load();
        if (s.transport()) throw new IllegalStateException("leave transport mode before requalifying");
        return store.save(new MobileState(false, null, operator, passed ? MobileState.Requal.PASSED : MobileState.Requal.FAILED,
                note, Instant.now()));
    }

    /** A service engineer releases a unit whose requalification failed; the caller audits the note. */
    public MobileState override(String operator, String note) throws IOException {
        if (note == null || note.isBlank()) throw new IllegalArgumentException("a service override needs a note saying why");
        MobileState s = store.load();
        if (s.transport()) throw new IllegalStateException("leave transport mode first");
        if (s.requalification() != MobileState.Requal.FAILED && s.requalification() != MobileState.Requal.REQUIRED) {
            throw new IllegalStateException("nothing to override: the requalification is " + s.requalification().name().toLowerCase(Locale.ROOT));
        }
        return store.save(new MobileState(false, null, operator, MobileState.Requal.OVERRIDDEN, note, Instant.now()));
    }

    /** Empty when arming the amplifiers is allowed; else why not (transport mode locks them). */
    public Optional<String> refuseArming() throws IOException {
        return store.load().transport()
                ? Optional.of("the unit is in transport mode: the amplifiers are locked off until it leaves transport mode")
                : Optional.empty();
    }

    /** Appends one reading of the magnet's sensors to the log (called periodically while in transport). */
    public Message.Sensors logSensors(ScannerSession session) throws IOException, DeviceException {
        Message.Sensors s = session.readSensors();
        Files.createDirectories(sensorLog.getParent());
        boolean fresh = !Files.exists(sensorLog);
        String line = String.format(Locale.ROOT, "%s,%.3f,%.3f%n", Instant.now(), s.magnetTemperatureC(), s.ambientTemperatureC());
        Files.writeString(sensorLog, (fresh ? "time,magnet_c,ambient_c\n" : "") + line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return s;
    }
}
