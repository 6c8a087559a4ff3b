package org.lodestone.twin.physics;

/** What the host has set on the unit when a scan starts: carrier frequency, shims, gains, coil tune/match codes. */
public record AcquisitionSettings(double frequencyHz, double shimXHzPerM, double shimYHzPerM, double shimZHzPerM,
                                  double receiverGainDb, double transmitScale, int tuneCode, int matchCode) {
    public static AcquisitionSettings at(double frequencyHz) {
        return new AcquisitionSettings(frequencyHz, 0, 0, 0, 0, 1.0, RfCoil.POWER_ON_CODE, RfCoil.POWER_ON_CODE);
    }

    public AcquisitionSettings withFrequency(double hz) {
        return new AcquisitionSettings(hz, shimXHzPerM, shimYHzPerM, shimZHzPerM, receiverGainDb, transmitScale, tuneCode, matchCode);
    }

    public AcquisitionSettings withShim(double x, double y, double z) {
        return new AcquisitionSettings(frequencyHz, x, y, z, receiverGainDb, transmitScale, tuneCode, matchCode);
    }

    public AcquisitionSettings withGains(double gainDb, double txScale) {
        return new AcquisitionSettings(frequencyHz, shimXHzPerM, shimYHzPerM, shimZHzPerM, gainDb, txScale, tuneCode, matchCode);
    }

    public AcquisitionSettings withTuning(int tune, int match) {
        return new AcquisitionSettings(frequencyHz, shimXHzPerM, shimYHzPerM, shimZHzPerM, receiverGainDb, transmitScale, tune, match);
    }
}
