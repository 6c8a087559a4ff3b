package org.lodestone.console.service.health;

/** One receive channel's noise level: its baseline (first accepted survey) and the latest accepted one. */
public record ChannelNoise(int channel, double baseline, double latest) {
    /** 20·log10(latest / baseline): noise amplitude over the baseline in dB. */
    public double excessDb() {
        return baseline > 0 && latest > 0 ? 20 * Math.log10(latest / baseline) : Double.NaN;
    }
}
