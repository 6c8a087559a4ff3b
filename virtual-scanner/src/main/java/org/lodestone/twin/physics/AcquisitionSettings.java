package org.lodestone.twin.physics;

/** What the host has set on the unit when a scan starts: carrier frequency, shims, gains. */
public record AcquisitionSettings(double frequencyHz, double shimXHzPerM, double shimYHzPerM, double shimZHzPerM,
                                  double receiverGainDb, double transmitScale) {
    public static AcquisitionSettings at(double frequencyHz) {
        return new AcquisitionSettings(frequencyHz, 0, 0, 0, 0, 1.0);
    }

    public AcquisitionSettings withFrequency(double hz) {
        return new AcquisitionSettings(hz, shimXHzPerM, shimYHzPerM, shimZHzPerM, receiverGainDb, transmitScale);
    }

    public AcquisitionSettings withShim(double x, double y, double z) {
        return new AcquisitionSettings(frequencyHz, x, y, z, receiverGainDb, transmitScale);
    }

    public AcquisitionSettings withGains(double gainDb, double txScale) {
        return new AcquisitionSettings(frequencyHz, shimXHzPerM, shimYHzPerM, shimZHzPerM, gainDb, txScale);
    }

    double shim(int axis) {
        return switch (axis) {
            case 0 -> shimXHzPerM;
            case 1 -> shimYHzPerM;
            default -> shimZHzPerM;
        };
    }
}
