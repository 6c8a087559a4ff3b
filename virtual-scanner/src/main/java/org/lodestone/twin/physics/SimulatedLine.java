package org.lodestone.twin.physics;

import org.lodestone.hw.program.AdcWindow;

/**
 * One simulated ADC window. {@code data} is channels × samples complex float, interleaved
 * re,im, channel-major. Times are program time in seconds from the scan start.
 */
public record SimulatedLine(int adcIndex, int block, AdcWindow adc, int channels, double startS, double endS,
                            float[] data) {
    public double re(int channel, int sample) {
        return data[2 * (channel * adc.samples() + sample)];
    }

    public double im(int channel, int sample) {
        return data[2 * (channel * adc.samples() + sample) + 1];
    }
}
