package org.lodestone.hw.program;

/**
 * What a program for one board must fit, as the board reports it (CAPABILITIES): its time
 * rasters, gradient, slew and B1 limits, ADC range, receive channels and program memory. The
 * sequence compiler's unit profile is made from this, so it needs nothing of the wire protocol.
 */
public record BoardLimits(String model, double nominalLarmorHz, int tickNs, int gradientRasterTicks, int rfRasterTicks,
                          int blockRasterTicks, double maxGradientHzPerM, double maxSlewHzPerMPerS, double maxB1Hz,
                          int receiveChannels, int minDwellNs, int maxDwellNs, int maxSamplesPerAdc, int programMemoryBytes) {
}
