package org.lodestone.twin.device;

import org.lodestone.hw.wire.Message.Capabilities;
import org.lodestone.twin.physics.HiddenParameters;

/** The twin's hardware profile, as announced in CAPABILITIES. */
public final class TwinCapabilities {
    public static final String FIRMWARE = "lodestone-twin 0.1";
    public static final String MODEL = "Virtual NdFeB 0.35T";
    public static final int TICK_NS = 100;
    public static final int DEFAULT_HEARTBEAT_TIMEOUT_MS = 200;

    private TwinCapabilities() {
    }

    public static Capabilities create(int heartbeatTimeoutMs) {
        double g = HiddenParameters.GAMMA_HZ_PER_T;
        return new Capabilities(FIRMWARE, MODEL, HiddenParameters.NOMINAL_B0_T, g * HiddenParameters.NOMINAL_B0_T,
                TICK_NS, 100, 10, 100,
                10e-3 * g, 20.0 * g, 20e-6 * g,
                2, 1_000, 1_000_000, 4096,
                64 * 1024 * 1024, 4096, heartbeatTimeoutMs);
    }
}
