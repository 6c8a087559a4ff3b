package org.lodestone.seq.model;

/** A gradient event on one axis, amplitudes in Hz/m, times in seconds from the block start. */
public sealed interface Gradient permits Trap, ArbitraryGradient {
    double delay();

    /** Time from the block start to the end of the waveform. */
    double duration();

    /** Area in cycles/m. */
    double area();

    /** Value at the first and last instants (Hz/m): what joins to the neighbouring blocks. */
    double first();

    double last();

    /** The waveform as corner points, times from the block start. */
    Waveform waveform();

    default double peak() {
        return waveform().peak();
    }

    default double maxSlew() {
        return waveform().maxSlew();
    }
}
