package org.lodestone.seq.protocol;

import java.util.List;
import java.util.Optional;

/** The protocols a technician can pick. */
public final class ProtocolLibrary {
    private static final List<Protocol> ALL = List.of(new SpinEcho2D(), new FreeInductionDecay(), GradientEcho.twoD(), GradientEcho.threeD(), new NoiseScan(),
            TurboSpinEcho.tse2d(), TurboSpinEcho.tse3d(), TurboSpinEcho.irse(), TurboSpinEcho.irtse(), new BalancedSsfp(), new Localizer(),
            new FrequencySearch());

    private ProtocolLibrary() {
    }

    public static List<Protocol> all() {
        return ALL;
    }

    public static Optional<Protocol> find(String name) {
        return ALL.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }
}
