package org.lodestone.seq.compile;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.GradientEcho;

import java.util.Map;

/**
 * Compile time of a large 3D protocol (plain main, not a test): gre3d 128² × 64 partitions × 3
 * averages, about 147 000 blocks. Run: mvn -pl sequences test-compile exec… or from the IDE.
 */
public final class CompileBenchmark {
    public static void main(String[] args) throws Exception {
        UnitProfile unit = UnitProfile.PLANNING;
        BuiltProtocol b = GradientEcho.threeD().build(Map.of("matrix", 128.0, "partitions", 64.0, "averages", 3.0, "tr", 30.0, "te", 9.0,
                "bandwidth", 150.0), unit);
        System.out.printf("gre3d: %d blocks, %.1f s of scan%n", b.sequence().blocks().size(), b.scanTimeSeconds());
        for (int run = 0; run < 5; run++) {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long before = rt.totalMemory() - rt.freeMemory();
            long t0 = System.nanoTime();
            DeviceProgram p = SequenceCompiler.compile(b.sequence(), unit);
            long t1 = System.nanoTime();
            long after = rt.totalMemory() - rt.freeMemory();
            System.out.printf("run %d: compile %.1f ms (limit check included), %d program blocks, heap +%.1f MB%n", run, (t1 - t0) / 1e6,
                    p.blocks().size(), (after - before) / 1e6);
        }
    }
}
