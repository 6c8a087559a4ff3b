package org.lodestone.hw.program;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes of a program's uploaded image (ProgramCodec format 2) without encoding it, and the cut of a
 * program too long for the board's memory into consecutive segments that are streamed while it plays
 * (docs/protocol.md, "Streaming"). A test keeps the sizes equal to the codec's output.
 */
public final class ProgramSegments {
    /** magic, format, tickNs, block count. */
    public static final int HEADER_BYTES = 4 + 2 + 4 + 4;

    private ProgramSegments() {
    }

    /** Bytes one block takes in the image. */
    public static long blockBytes(ProgramBlock b) {
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

    /** Bytes the whole program takes as uploaded. */
    public static long imageBytes(DeviceProgram program) {
        long n = HEADER_BYTES;
        for (ProgramBlock b : program.blocks()) n += blockBytes(b);
        return n;
    }

    /**
     * The program cut, between blocks, into consecutive programs of at most {@code maxBytes} each as
     * encoded; one when it fits.
     * @throws IllegalArgumentException when a single block is larger than {@code maxBytes}
     */
    public static List<DeviceProgram> cut(DeviceProgram whole, long maxBytes) {
        long budget = maxBytes - HEADER_BYTES;
        List<DeviceProgram> chunks = new ArrayList<>();
        List<ProgramBlock> current = new ArrayList<>();
        long used = 0;
        for (int i = 0; i < whole.blocks().size(); i++) {
            ProgramBlock b = whole.blocks().get(i);
            long size = blockBytes(b);
            if (size > budget) {
                throw new IllegalArgumentException(String.format("block %d needs %d bytes of program memory; a segment may take %d",
                        i, size, maxBytes));
            }
            if (used + size > budget) {
                chunks.add(new DeviceProgram(whole.tickNs(), current));
                current = new ArrayList<>();
                used = 0;
            }
            current.add(b);
            used += size;
        }
        if (!current.isEmpty()) chunks.add(new DeviceProgram(whole.tickNs(), current));
        return chunks;
    }
}
