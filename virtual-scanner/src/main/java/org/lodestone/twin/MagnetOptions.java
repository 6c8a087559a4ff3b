package org.lodestone.twin;

import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.MagnetProfile;
import picocli.CommandLine.Option;

/** The simulator's magnet: field strength, material (its temperature coefficient) and how slowly it follows the room. */
final class MagnetOptions {
    @Option(names = "--profile", defaultValue = "0.35", description = "Magnet: 0.35, 0.1 or 0.064 (tesla; default ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--magnet-material", defaultValue = "ndfeb", description = "ndfeb (-0.12 %%/K) or smco (-0.035 %%/K) (default ${DEFAULT-VALUE}).")
    String material;

    @Option(names = "--thermal-tau", defaultValue = "1800", paramLabel = "SECONDS",
            description = "Time constant with which the magnet follows ambient (default ${DEFAULT-VALUE} s).")
    double thermalTau;

    /** The unit's hidden parameters drawn from {@code seed} for this magnet; an unknown field or material: IllegalArgumentException. */
    HiddenParameters hidden(long seed) {
        return HiddenParameters.fromSeed(seed, MagnetProfile.of(profile, material), thermalTau);
    }
}
