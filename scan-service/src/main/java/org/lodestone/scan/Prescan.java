package org.lodestone.scan;

import org.lodestone.calibration.drift.DriftTracker;
import org.lodestone.calibration.drift.PrescanCalibration;
import org.lodestone.calibration.drift.PrescanPolicy;
import org.lodestone.calibration.frequency.FrequencyAdjustment;
import org.lodestone.calibration.gradient.GradientScaleCorrection;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.seq.compile.CompileException;
import org.lodestone.seq.compile.GradientScale;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Before each scan: the stored calibration applied (shim, RF, tune, gradient scale) and the
 * frequency chosen, predicted from the store or measured with a FID. Reads only the store it is
 * given; nothing is remembered between scans, so every scan starts from the store or the nominal
 * Larmor frequency.
 */
public final class Prescan {
    private static final Logger log = LoggerFactory.getLogger(Prescan.class);

    private final Optional<CalibrationStore> store;

    /** @param store the calibration profile, or empty: then each scan measures its frequency and uses nominal gradients */
    public Prescan(Optional<CalibrationStore> store) {
        this.store = store;
    }

    /**
     * @param frequencyHz   the carrier the scan runs at
     * @param record        what scan.json says about it ("frequency_adjustment")
     * @param driftReference the drift tracker's start (frequency at the magnet temperature now), or null when not tracking
     */
    public record Outcome(double frequencyHz, Map<String, Object> record, DriftTracker driftReference) {
        public Outcome {
            record = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(record));
        }
    }

    /** The stored gradient scale (nominal until {@code calibrate gradients} has run). */
    public GradientScale gradientScale() throws ScanException {
        if (store.isEmpty()) return GradientScale.NOMINAL;
        try {
            return GradientScaleCorrection.from(store.get());
        } catch (IOException | IllegalArgumentException e) {
            throw new ScanException("the calibration store is unreadable: " + e.getMessage());
        }
    }

    /** The scan's program: the planned sequence through the one compile step, with the stored gradient scale. */
    public DeviceProgram compile(Sequence planned, UnitProfile profile) throws ScanException {
        GradientScale scale = gradientScale();
        try {
            return SequenceCompiler.compile(planned, profile, scale);
        } catch (CompileException e) {
            throw new ScanException(e.getMessage());
        }
    }

    /** Sets the unit up and chooses the frequency. The unit must be armed: the FID plays RF. */
    public Outcome run(ScannerSession session, UnitProfile profile, double nominalHz, String operator, boolean trackDrift)
            throws DeviceException {
        Map<String, Object> rec = new LinkedHashMap<>();
        double hz;
        DriftTracker reference = null;
        if (store.isPresent() && PrescanCalibration.calibrated(store.get())) {
            // the stored calibration profile: shim, RF, tune; frequency predicted or measured by the policy
            PrescanCalibration.Result c = PrescanCalibration.prepare(session, profile, store.get(), PrescanPolicy.DEFAULT,
                    nominalHz, operator);
            hz = c.frequencyHz();
            rec.put("adjusted", c.adjusted());
            rec.put("reason", c.reason());
            rec.put("offset_hz", c.offsetHz());
            rec.put("snr", c.snr());
            rec.put("magnet_temperature_c", c.magnetTemperatureC());
            rec.put("calibration_version", c.profileVersion());
            if (trackDrift) reference = PrescanCalibration.trackerFrom(store.get(), hz, c.magnetTemperatureC());
            log.info("Frequency {} Hz ({}: {})", String.format("%.1f", hz), c.adjusted() ? "measured" : "predicted", c.reason());
        } else {
            FrequencyAdjustment.Result f = FrequencyAdjustment.run(session, profile, nominalHz);
            hz = f.newHz();
            session.setFrequency(hz);
            rec.put("previous_hz", f.previousHz());
            rec.put("offset_hz", f.offsetHz());
            rec.put("snr", f.snr());
            log.info("Frequency adjusted by {} Hz to {} Hz", String.format("%.1f", f.offsetHz()), String.format("%.1f", hz));
            // the drift tracker starts from this frequency at the magnet temperature of the FID, which ended just now
            if (trackDrift) reference = PrescanCalibration.trackerFrom(store.orElse(null), hz, session.readSensors().magnetTemperatureC());
        }
        return new Outcome(hz, rec, reference);
    }
}
