package org.lodestone.seq.pulseq;

import java.util.Map;

/** A Pulseq file's time rasters in seconds, from [DEFINITIONS] or Pulseq's defaults (10 µs, 1 µs, 100 ns, 10 µs). */
public record Rasters(double gradient, double rf, double adc, double block) {
    public static final Rasters PULSEQ_DEFAULT = new Rasters(10e-6, 1e-6, 100e-9, 10e-6);

    public static Rasters of(Map<String, String> definitions) {
        return new Rasters(value(definitions, "GradientRasterTime", PULSEQ_DEFAULT.gradient),
                value(definitions, "RadiofrequencyRasterTime", PULSEQ_DEFAULT.rf),
                value(definitions, "AdcRasterTime", PULSEQ_DEFAULT.adc),
                value(definitions, "BlockDurationRaster", PULSEQ_DEFAULT.block));
    }

    private static double value(Map<String, String> defs, String key, double fallback) {
        String v = defs.get(key);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v.trim().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
