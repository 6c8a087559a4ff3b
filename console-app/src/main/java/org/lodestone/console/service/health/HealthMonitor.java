package org.lodestone.console.service.health;

import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.trend.Trend;
import org.lodestone.hw.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Equipment health from what the console can read: the unit's sensors (sampled at each {@link #check}),
 * the link's counters, the calibration store's accepted history and the data disk. Each check evaluates
 * {@link HealthRules}; an alert that newly fires is written to the log (WARN) and handed to the sink (the
 * window's audit trail) once, and again only after it has cleared.
 */
public final class HealthMonitor {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    /** The unit's sensor reading; throws when the unit does not answer. */
    @FunctionalInterface
    public interface SensorSource {
        Message.Sensors read() throws Exception;
    }

    /** Where new alerts go besides the log. */
    @FunctionalInterface
    public interface AlertSink {
        void raised(HealthAlert alert);
    }

    /** No unit connected: sensors are reported as not measured. */
    public static final SensorSource NO_SENSORS = () -> null;

    private final CalibrationStore store;
    private final SensorSource sensors;
    private final Supplier<String> link;
    private final Path dataDisk;
    private final AlertSink sink;
    private final MagnetLog magnet = new MagnetLog();
    private final Set<String> raised = new HashSet<>();

    /** @param link the session's link counters, or a sentence saying there is no link */
    public HealthMonitor(CalibrationStore store, SensorSource sensors, Supplier<String> link, Path dataDisk, AlertSink sink) {
        this.store = store;
        this.sensors = sensors;
        this.link = link;
        this.dataDisk = dataDisk;
        this.sink = sink;
    }

    public synchronized EquipmentHealth check(Instant now) {
        Message.Sensors s = null;
        try {
            s = sensors.read();
        } catch (Exception e) {
            log.warn("Health: sensors not read", e);
        }
        double magnetC = s != null ? s.magnetTemperatureC() : Double.NaN;
        magnet.add(now, magnetC);
        List<CalibrationProfile> history;
        try {
            history = store.history();
        } catch (IOException e) {
            log.warn("Health: calibration history unreadable", e);
            history = List.of();
        }
        CalibrationProfile current = history.stream().filter(CalibrationProfile::accepted).reduce((a, b) -> b).orElse(CalibrationProfile.empty());
        boolean calibrated = current.get(CalibrationProfile.TEMPERATURE_COEFFICIENT).isPresent();
        double coefficient = current.value(CalibrationProfile.TEMPERATURE_COEFFICIENT, HealthRules.NOMINAL_COEFFICIENT_PER_K);
        double rate = magnet.rateKPerMin();
        double drift = rate * coefficient * current.value(CalibrationProfile.FREQUENCY, Double.NaN);
        double reflection = current.value(CalibrationProfile.REFLECTION, Double.NaN);
        List<ChannelNoise> noise = noise(history);
        Trend qa = Trend.of(history, CalibrationProfile.QA_SNR);
        long free = freeBytes();

        List<HealthAlert> alerts = new ArrayList<>(HealthRules.noiseUp(noise));
        HealthRules.driftRate(drift).ifPresent(alerts::add);
        HealthRules.qaSnrFalling(qa).ifPresent(alerts::add);
        HealthRules.reflection(reflection).ifPresent(alerts::add);
        HealthRules.diskLow(free).ifPresent(alerts::add);
        Set<String> firing = new HashSet<>();
        for (HealthAlert a : alerts) {
            firing.add(a.key());
            if (raised.add(a.key())) {
                log.warn("Health alert: {}", a.message());
                sink.raised(a);
            }
        }
        raised.retainAll(firing); // a cleared condition may alert again later
        return new EquipmentHealth(now, magnetC, rate, drift, calibrated, s != null ? s.forwardRfPowerW() : Double.NaN, reflection,
                link.get(), noise, qa, free, alerts);
    }

    /** Every channel any accepted noise survey measured: first accepted against latest accepted. */
    static List<ChannelNoise> noise(List<CalibrationProfile> history) {
        Set<Integer> channels = new TreeSet<>();
        for (CalibrationProfile p : history) {
            for (String k : p.entries().keySet()) {
                int c = CalibrationProfile.noiseChannel(k);
                if (c >= 0) channels.add(c);
            }
        }
        List<ChannelNoise> out = new ArrayList<>();
        for (int c : channels) {
            Trend t = Trend.of(history, CalibrationProfile.noiseStd(c));
            if (!t.points().isEmpty()) out.add(new ChannelNoise(c, t.baseline(), t.latest()));
        }
        return out;
    }

    private long freeBytes() {
        try {
            Path p = dataDisk;
            while (p != null && !Files.exists(p)) p = p.getParent();
            return p == null ? -1 : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            log.warn("Health: free disk space unknown", e);
            return -1;
        }
    }
}
