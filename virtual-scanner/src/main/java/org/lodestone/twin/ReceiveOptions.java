package org.lodestone.twin;

import org.lodestone.twin.physics.CoilArray;
import org.lodestone.twin.physics.EmiConfig;
import picocli.CommandLine.Option;

/** The simulator's receive chain: how many coils, and whether the room's interference reaches them. */
final class ReceiveOptions {
    @Option(names = "--coils", defaultValue = "" + CoilArray.DEFAULT_COILS, paramLabel = "N",
            description = "Receive coils, 1..32, loops on a ring around the bore with correlated noise (default ${DEFAULT-VALUE}).")
    int coils;

    @Option(names = "--emi", description = "Interference on: carriers and broadband noise in the coils, plus a reference antenna as the last channel.")
    boolean emi;

    /** The interference in the coils, or null with --emi off. */
    EmiConfig interference() {
        return emi ? EmiConfig.standard(coils) : null;
    }
}
