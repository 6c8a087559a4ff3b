package org.lodestone.calibration.drift;

import org.lodestone.calibration.frequency.FrequencyAdjustment;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.store.Entry;
import org.lodestone.hw.gpio.Arming;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.limits.UnitProfile;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * What the console does before every scan: set the stored calibration on the unit (shim, transmit
 * scale, tune/match), then the frequency — predicted from the magnet temperature when the last
 * measurement is recent and the magnet has not moved, otherwise measured with a quick FID (and
 * stored, so the next scan can rely on it).
 */
public final class PrescanCalibration {
    /** @param adjusted whether an FID was run; offsetHz and snr are NaN when not */
    public record Result(double frequencyHz, boolean adjusted, String reason, double offsetHz, double snr,
                         double magnetTemperatureC, int profileVersion) {
    }

    /** One quick FID (1024 × 20 µs, zero-filled ×4): about half an interpolated bin, not measured each time. */
    static final double QUICK_UNCERTAINTY_HZ = 6;

    private PrescanCalibration() {
    }

    /**
     * Whether the unit has been calibrated (a suite routine stored a value): until then the console
     * adjusts before every scan as it always did, and stores nothing.
     */
    public static boolean calibrated(CalibrationStore store) {
        try {
            return store.current().entries().values().stream().anyMatch(e -> !e.routine().equals("prescan"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The in-scan tracker's reference: the frequency just set at the magnet temperature read now, with
     * the stored temperature coefficient, or the material's (NdFeB) when the drift routine has not run
     * (the scan's own repeated lines then refit it). {@code store} may be null.
     */
    public static DriftTracker trackerFrom(CalibrationStore store, double frequencyHz, double magnetC) {
        double alpha = PrescanPolicy.DEFAULT_COEFFICIENT_PER_K;
        if (store != null) {
            try {
                alpha = store.current().value(CalibrationProfile.TEMPERATURE_COEFFICIENT, alpha);
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(PrescanCalibration.class).warn("Calibration store unreadable, material coefficient used: {}", e.getMessage());
            }
        }
        return new DriftTracker(frequencyHz, magnetC, alpha);
    }

    /**
     * @deprecated arms nothing itself: only for a caller that holds the arming for the whole scan
     * (ScanService until it passes its {@link Arming}).
     */
    @Deprecated
    public static Result prepare(ScannerSession session, UnitProfile unit, CalibrationStore store, PrescanPolicy policy,
                                 double fallbackHz, String operator) throws DeviceException {
        return prepare(session, unit, Arming.CALLER_HOLDS, store, policy, fallbackHz, operator);
    }

    /**
     * @param arming     how the frequency FID is armed (the interlocks)
     * @param fallbackHz frequency to start from when the store has none
     */
    public static Result prepare(ScannerSession session, UnitProfile unit, Arming arming, CalibrationStore store, PrescanPolicy policy,
                                 double fallbackHz, String operator) throws DeviceException {
        CalibrationProfile p;
        try {
            p = store.current();
        } catch (IOException e) {
            throw new DeviceException("cannot read the calibration store: " + e.getMessage());
        }
        session.command(new Message.SetShim(p.value(CalibrationProfile.SHIM_X, 0), p.value(CalibrationProfile.SHIM_Y, 0),
                p.value(CalibrationProfile.SHIM_Z, 0)));
        session.command(new Message.SetGains(0, p.value(CalibrationProfile.TRANSMIT_SCALE, 1.0)));
        if (p.get(CalibrationProfile.TUNE).isPresent()) {
            session.command(new Message.TuneCoil((int) p.value(CalibrationProfile.TUNE, 2048), (int) p.value(CalibrationProfile.MATCH, 2048)));
        }
        double magnetC = session.readSensors().magnetTemperatureC();
        PrescanPolicy.Decision d = policy.decide(p, Instant.now(), magnetC);
        if (!d.adjust()) {
            session.setFrequency(d.predictedHz());
            return new Result(d.predictedHz(), false, d.reason(), Double.NaN, Double.NaN, magnetC, p.version());
        }
        double start = Double.isNaN(d.predictedHz()) ? fallbackHz : d.predictedHz();
        FrequencyAdjustment.Result f = FrequencyAdjustment.run(session, unit, arming, start);
        session.setFrequency(f.newHz());
        // the frequency belongs to the temperature during the FID, which has just ended (the magnet may be moving;
        // the reading above came before the upload)
        double after = session.readSensors().magnetTemperatureC();
        if (!Double.isNaN(after)) magnetC = after;
        int version = p.version();
        try {
            version = store.record(Map.of(CalibrationProfile.FREQUENCY, new Entry(f.newHz(), QUICK_UNCERTAINTY_HZ, "Hz",
                    Instant.now(), magnetC, operator, "prescan")), operator, "pre-scan frequency: " + d.reason()).version();
        } catch (IOException e) {
            // the scan can go on with the measured frequency; only the record is lost
            org.slf4j.LoggerFactory.getLogger(PrescanCalibration.class).warn("Pre-scan frequency not stored: {}", e.getMessage());
        }
        return new Result(f.newHz(), true, d.reason(), f.offsetHz(), f.snr(), magnetC, version);
    }
}
