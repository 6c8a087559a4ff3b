package org.lodestone.recon.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * BART's raw array format: {@code name.hdr} (text: "# Dimensions" then the sizes, first dimension fastest)
 * and {@code name.cfl} (complex float32, little-endian, re/im interleaved, column-major). Our interleaved
 * complex arrays with x fastest map directly: [x, y, z, coil] = BART dims 0, 1, 2, 3.
 */
public final class Cfl {

    private Cfl() {
    }

    /** Writes {@code base.hdr}/{@code base.cfl}; {@code dims} are padded to BART's 16 dimensions with 1s. */
    public static void write(Path base, float[] complex, int... dims) throws IOException {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (complex.length != 2 * n) {
            throw new IllegalArgumentException("array has " + complex.length + " floats, dims " + Arrays.toString(dims)
                    + " need " + 2 * n);
        }
        int[] all = new int[16];
        Arrays.fill(all, 1);
        System.arraycopy(dims, 0, all, 0, dims.length);
        String hdr = "# Dimensions\n" + Arrays.stream(all).mapToObj(Integer::toString)
                .collect(Collectors.joining(" ")) + "\n";
        Files.writeString(Path.of(base + ".hdr"), hdr, StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(4 * complex.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(complex);
        Files.write(Path.of(base + ".cfl"), b.array());
    }

    /** Reads {@code base.cfl} as interleaved complex floats (dims from the header are checked for size only). */
    public static float[] read(Path base) throws IOException {
        String[] lines = Files.readString(Path.of(base + ".hdr"), StandardCharsets.US_ASCII).split("\n");
        long n = 1;
        for (String s : lines[1].trim().split("\\s+")) {
            n *= Long.parseLong(s);
        }
        byte[] bytes = Files.readAllBytes(Path.of(base + ".cfl"));
        if (bytes.length != 8 * n) {
            throw new IOException(base + ".cfl has " + bytes.length + " bytes, header says " + n + " complex values");
        }
        float[] out = new float[(int) (2 * n)];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** Real parts of an interleaved complex array (BART's rss output is real-valued complex). */
    public static float[] magnitude(float[] complex) {
        float[] m = new float[complex.length / 2];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.hypot(complex[2 * i], complex[2 * i + 1]);
        }
        return m;
    }
}
