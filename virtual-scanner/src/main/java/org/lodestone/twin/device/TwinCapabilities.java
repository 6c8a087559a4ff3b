package org.lodestone.twin.device;

import org.lodestone.hw.wire.Message.Capabilities;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.MagnetProfile;

/** The twin's hardware profile, as announced in CAPABILITIES. */
public final class TwinCapabilities {
    public static final String FIRMWARE = "lodestone-twin 0.1";
    public static final String MODEL = "Virtual NdFeB 0.35T";
    public static final int TICK_NS = 100;
    public static final int DEFAULT_HEARTBEAT_TIMEOUT_MS = 200;
    /** The board's program memory unless --program-memory says otherwise. */
    public static final int DEFAULT_PROGRAM_MEMORY_BYTES = 64 * 1024 * 1024;

    private TwinCapabilities() {
    }

    public static Capabilities create(int heartbeatTimeoutMs) {
        return create(heartbeatTimeoutMs, MagnetProfile.DEFAULT, 2);
    }

    /** receiveChannels includes the EMI reference antenna (last channel) when there is one. */
    public static Capabilities create(int heartbeatTimeoutMs, MagnetProfile profile, int receiveChannels) {
        return create(heartbeatTimeoutMs, profile, receiveChannels, DEFAULT_PROGRAM_MEMORY_BYTES);
    }

    /** A unit with {@code programMemoryBytes} of program memory (a smaller board streams long programs). */
    public static Capabilities create(int heartbeatTimeoutMs, MagnetProfile profile, int receiveChannels, int programMemoryBytes) {
        if (programMemoryBytes < 1024) throw new IllegalArgumentException("program memory of " + programMemoryBytes + " bytes: at least 1024");
        double g = HiddenParameters.GAMMA_HZ_PER_T;
        String model = profile.equals(MagnetProfile.DEFAULT) ? MODEL
                : "Virtual " + profile.material() + " " + profile.nominalB0Tesla() + "T";
        return new Capabilities(FIRMWARE, model, profile.nominalB0Tesla(), g * profile.nominalB0Tesla(),
                TICK_NS, 100, 10, 100,
                10e-3 * g, 20.0 * g, 20e-6 * g,
                receiveChannels, 1_000, 1_000_000, 4096,
                programMemoryBytes, 4096, heartbeatTimeoutMs);
    }
}
