package org.lodestone.calibration.run;

import org.lodestone.hw.wire.Message;

/**
 * What the console sets on the unit before a program: carrier frequency, linear shim offsets
 * (Hz/m through the gradients), receiver gain, transmit scale, coil tune and match codes.
 */
public record UnitSettings(double frequencyHz, double shimX, double shimY, double shimZ, double receiverGainDb,
                           double transmitScale, int tune, int match) {
    /** Codes the unit powers on with (middle of the 12-bit range). */
    public static final int POWER_ON_CODE = 2048;

    public static UnitSettings powerOn(double frequencyHz) {
        return new UnitSettings(frequencyHz, 0, 0, 0, 0, 1.0, POWER_ON_CODE, POWER_ON_CODE);
    }

    public UnitSettings withFrequency(double hz) {
        return new UnitSettings(hz, shimX, shimY, shimZ, receiverGainDb, transmitScale, tune, match);
    }

    public UnitSettings withShim(double x, double y, double z) {
        return new UnitSettings(frequencyHz, x, y, z, receiverGainDb, transmitScale, tune, match);
    }

    public UnitSettings withShim(int axis, double v) {
        return withShim(axis == 0 ? v : shimX, axis == 1 ? v : shimY, axis == 2 ? v : shimZ);
    }

    public double shim(int axis) {
        return switch (axis) {
            case 0 -> shimX;
            case 1 -> shimY;
            default -> shimZ;
        };
    }

    public UnitSettings withTransmitScale(double s) {
        return new UnitSettings(frequencyHz, shimX, shimY, shimZ, receiverGainDb, s, tune, match);
    }

    public UnitSettings withTuning(int t, int m) {
        return new UnitSettings(frequencyHz, shimX, shimY, shimZ, receiverGainDb, transmitScale, t, m);
    }

    /** Sends every setting (the unit keeps them until changed). */
    public void apply(ProgramRunner r) throws CalibrationException {
        r.command(new Message.SetFrequency(frequencyHz));
        r.command(new Message.SetShim(shimX, shimY, shimZ));
        r.command(new Message.SetGains(receiverGainDb, transmitScale));
        r.command(new Message.TuneCoil(tune, match));
    }
}
