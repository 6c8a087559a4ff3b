package org.lodestone.recon.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** BART's .cfl/.hdr files (complex float, little endian, dims x, y, z, coils) and its CLI, for the benchmarks. */
final class Cfl {
    private Cfl() {
    }

    /** Per coil, interleaved complex {@code nx × ny}: BART dims [nx ny 1 coils]. */
    static void write(Path base, float[][] coils, int nx, int ny) throws IOException {
        Files.writeString(Path.of(base + ".hdr"), "# Dimensions\n" + nx + " " + ny + " 1 " + coils.length + " 1 1 1 1 1 1 1 1 1 1 1 1\n");
        ByteBuffer b = ByteBuffer.allocate(4 * coils.length * coils[0].length).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] c : coils) {
            b.asFloatBuffer().put(c);
            b.position(b.position() + 4 * c.length);
        }
        Files.write(Path.of(base + ".cfl"), b.array());
    }

    /** The first {@code complexSamples} samples, interleaved re/im. */
    static float[] read(Path base, int complexSamples) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Path.of(base + ".cfl"))).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[2 * complexSamples];
        b.asFloatBuffer().get(out);
        return out;
    }

    /** Runs {@code bart COMMAND} in dir (output to dir/bart.log). @throws IOException when it fails */
    static void bart(Path dir, String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bart"));
        cmd.addAll(List.of(command.split(" ")));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("bart.log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("bart " + command + " failed: " + Files.readString(dir.resolve("bart.log")));
        }
    }
}
