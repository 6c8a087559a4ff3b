package org.lodestone.seq.compile;

import org.lodestone.hw.program.GradientWaveform;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.SampledGradient;
import org.lodestone.hw.program.Trapezoid;

/**
 * Bytes a block takes in the uploaded program image (ProgramCodec format 2), without encoding it:
 * the compiler cuts long sequences into chunks that fit the board's memory. A test keeps this equal
 * to the codec's output.
 */
final class ProgramSize {
    /** magic, format, tickNs, block count. */
    static final int HEADER_BYTES = 4 + 2 + 4 + 4;

    private ProgramSize() {
    }

    static long blockBytes(ProgramBlock b) {
        long n = 8 + 1;
        if (b.rf() != null) {
            n += 8 + 8 + 8 + 8 + 4 + 1 + 4 + 4L * b.rf().shape().length + 1;
            if (b.rf().isPhaseModulated()) n += 4L * b.rf().shape().length;
        }
        for (int axis = 0; axis < 3; axis++) n += gradientBytes(b.gradient(axis));
        if (b.adc() != null) n += 8 + 4 + 4 + 8 + 8 + 9 * 2 + 8;
        return n;
    }

    private static long gradientBytes(GradientWaveform g) {
        return switch (g) {
            case null -> 0;
            case Trapezoid t -> 1 + 4 * 8 + 8;
            case SampledGradient s -> 1 + 8 + 4 + 4 + 4L * s.points();
        };
    }
}
