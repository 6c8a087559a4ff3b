package org.lodestone.twin.physics;

import java.util.Locale;

/**
 * A magnet design: nominal field and the remanence temperature coefficient of its material.
 *
 * @param tempCoeffPerK relative field change per kelvin of magnet temperature
 */
public record MagnetProfile(String name, double nominalB0Tesla, String material, double tempCoeffPerK) {
    /** NdFeB remanence: −0.12 %/K. */
    public static final double NDFEB_PER_K = -0.0012;
    /** Sm2Co17 remanence: −0.035 %/K. */
    public static final double SMCO_PER_K = -0.00035;
    public static final MagnetProfile DEFAULT = of("0.35", "ndfeb");

    /** Profile by field ("0.35", "0.1", "0.064") and material ("ndfeb", "smco"). */
    public static MagnetProfile of(String field, String material) {
        double b0 = switch (field) {
            case "0.35" -> 0.35;
            case "0.1" -> 0.1;
            case "0.064" -> 0.064;
            default -> throw new IllegalArgumentException("unknown magnet profile '" + field + "' (0.35, 0.1 or 0.064)");
        };
        return switch (material.toLowerCase(Locale.ROOT)) {
            case "ndfeb" -> new MagnetProfile(field + " T NdFeB", b0, "NdFeB", NDFEB_PER_K);
            case "smco" -> new MagnetProfile(field + " T SmCo", b0, "SmCo", SMCO_PER_K);
            default -> throw new IllegalArgumentException("unknown magnet material '" + material + "' (ndfeb or smco)");
        };
    }

    public double nominalLarmorHz() {
        return HiddenParameters.GAMMA_HZ_PER_T * nominalB0Tesla;
    }
}
