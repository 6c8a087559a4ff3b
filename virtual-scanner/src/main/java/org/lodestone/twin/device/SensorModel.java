package org.lodestone.twin.device;

import org.lodestone.hw.wire.Message.MeasureReflection;
import org.lodestone.hw.wire.Message.Reflection;
import org.lodestone.hw.wire.Message.Sensors;
import org.lodestone.twin.physics.AcquisitionSettings;
import org.lodestone.twin.physics.ScannerModel;

import java.util.SplittableRandom;

import static org.lodestone.twin.device.DeviceServer.SENSOR_FAULT_AMBIENT;
import static org.lodestone.twin.device.DeviceServer.SENSOR_FAULT_MAGNET;
import static org.lodestone.twin.device.DeviceServer.SENSOR_FAULT_RF;

/** What the board's sensors read: magnet and room temperature, forward RF power, and the coupler's Γ sweep. */
final class SensorModel {
    /** Directional-coupler noise on each Γ component (a real coupler reads to about ±0.2 %). */
    private static final double COUPLER_NOISE = 0.002;
    /** Forward power the RF sensor reads while RF is enabled, W. */
    private static final double RF_POWER_W = 15.0;

    private final ScannerModel model;
    private final SplittableRandom couplerNoise = new SplittableRandom(0x5EEDC0DEL);

    SensorModel(ScannerModel model) {
        this.model = model;
    }

    /** READ_SENSORS at twin time {@code twinS}; a failed sensor reads NaN. */
    Sensors read(double twinS, int bits, boolean rfEnabled) {
        double power = rfEnabled ? RF_POWER_W : 0.0;
        return new Sensors((bits & SENSOR_FAULT_MAGNET) != 0 ? Double.NaN : model.thermal().magnetTempC(twinS),
                (bits & SENSOR_FAULT_AMBIENT) != 0 ? Double.NaN : model.thermal().ambientC(twinS),
                (bits & SENSOR_FAULT_RF) != 0 ? Double.NaN : power, bits);
    }

    /** Why a sweep is out of range, or null. */
    static String rangeProblem(MeasureReflection mr) {
        if (mr.count() < 1 || !(mr.stepHz() >= 0) || mr.startHz() <= 0 || mr.startHz() + mr.count() * mr.stepHz() > 1e9) {
            return "reflection sweep " + mr.startHz() + " Hz + " + mr.count() + " × " + mr.stepHz() + " Hz out of range";
        }
        return null;
    }

    /** The coupler sweep: the coil's Γ at the current tune/match codes, with measurement noise. */
    Reflection reflection(MeasureReflection mr, AcquisitionSettings st) {
        double nominal = model.hidden().nominalLarmorHz();
        float[] g = new float[2 * mr.count()];
        synchronized (couplerNoise) {
            for (int k = 0; k < mr.count(); k++) {
                double[] gamma = model.hidden().coil().reflection(nominal, mr.startHz() + k * mr.stepHz(), st.tuneCode(), st.matchCode());
                g[2 * k] = (float) (gamma[0] + COUPLER_NOISE * couplerNoise.nextGaussian());
                g[2 * k + 1] = (float) (gamma[1] + COUPLER_NOISE * couplerNoise.nextGaussian());
            }
        }
        return new Reflection(mr.startHz(), mr.stepHz(), mr.count(), g);
    }
}
