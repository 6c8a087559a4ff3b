package org.lodestone.calibration.frequency;

import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Fid;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.hw.gpio.Arming;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.seq.limits.UnitProfile;

/**
 * The quick pre-scan frequency adjustment: one FID at the current frequency, the spectral peak
 * gives the offset, the receiver is set on resonance. Works within ± half the FID bandwidth
 * (±25 kHz with the 20 µs dwell); the wide search after a drive is {@link FrequencyCalibration}'s.
 */
public final class FrequencyAdjustment {
    public record Result(double previousHz, double offsetHz, double newHz, double snr) {
    }

    private FrequencyAdjustment() {
    }

    /**
     * @deprecated arms nothing itself: only for a caller that holds the arming for the whole scan
     * (ScanService until it passes its {@link Arming}); use {@link #run(ScannerSession, UnitProfile, Arming, double)}.
     */
    @Deprecated
    public static Result run(ScannerSession session, UnitProfile unit, double currentHz) throws DeviceException {
        return run(session, unit, Arming.CALLER_HOLDS, currentHz);
    }

    /** @param arming how the FID is armed (the interlocks) */
    public static Result run(ScannerSession session, UnitProfile unit, Arming arming, double currentHz) throws DeviceException {
        try {
            ProgramRunner r = new ProgramRunner(session, unit, arming);
            session.setFrequency(currentHz);
            Fid fid = Fid.acquire(r, 1024, 20, 90);
            FidSpectrum.Peak p = FidSpectrum.peak(fid.strongest(), fid.dwellS());
            return new Result(currentHz, p.offsetHz(), currentHz + p.offsetHz(), p.snr());
        } catch (CalibrationException e) {
            throw new DeviceException("frequency adjustment: " + e.getMessage());
        }
    }
}
