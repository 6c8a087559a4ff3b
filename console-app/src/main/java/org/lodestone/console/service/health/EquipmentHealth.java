package org.lodestone.console.service.health;

import org.lodestone.calibration.trend.Trend;

import java.time.Instant;
import java.util.List;

/**
 * The unit's health at one moment, as the Health tab shows it. NaN (or −1 for the disk) = not measured.
 *
 * @param magnetC               magnet sensor
 * @param temperatureKPerMin    its rate of change over the last minutes
 * @param driftHzPerMin         the frequency drift that rate means (× the calibrated coefficient × frequency)
 * @param coefficientCalibrated false when the drift uses the magnet material's nominal coefficient
 * @param rfForwardW            forward RF power reported by the unit's sensor
 * @param reflection            |Γ| at Larmor after the last accepted tune
 * @param link                  the link's counters as the session reports them (frames, CRC and header errors, …)
 * @param noise                 per receive channel, latest against baseline
 * @param qaSnr                 the accepted QA SNRs
 * @param freeDiskBytes         usable space where the data lives
 * @param alerts                the rules that fire now
 */
public record EquipmentHealth(Instant time, double magnetC, double temperatureKPerMin, double driftHzPerMin, boolean coefficientCalibrated,
                              double rfForwardW, double reflection, String link, List<ChannelNoise> noise, Trend qaSnr,
                              long freeDiskBytes, List<HealthAlert> alerts) {
    public EquipmentHealth {
        noise = List.copyOf(noise);
        alerts = List.copyOf(alerts);
    }
}
