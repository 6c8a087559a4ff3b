package org.lodestone.recon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.cartesian.StreamingVolume;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.cartesian.RssReconstructor;
import org.lodestone.recon.cs.L1WaveletSense;
import org.lodestone.recon.cs.SensitivityMaps;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Warm, in-process timings of the reconstructions that bench/run-bench.sh also times with BART. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx3g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ReconBenchmarks {

    /** The FFT engine under test for FFT+RSS, so the choice in {@link RssReconstructor.FftEngine} is measured. */
    @State(Scope.Benchmark)
    public static class Engine {
        @Param({"JTRANSFORMS", "FFTW"})
        public RssReconstructor.FftEngine engine;
        RssReconstructor rss;

        @Setup(Level.Trial)
        public void setup() {
            rss = RssReconstructor.withDefaultThreads(engine);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            rss.close();
        }
    }

    float[][] k2d;
    float[][] k3d;
    float[][] kcs;
    float[] mask;
    L1WaveletSense cs;
    KSpaceBuffer latencyBuffer;
    StreamingVolume latencyVolume;
    CountDownLatch latencyWritten;
    Acquisition lastLine;
    Path out;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        k2d = BenchData.randomCoils(8, 256 * 256, 1);
        k3d = BenchData.randomCoils(4, 128 * 128 * 64, 2);
        float[][] s = BenchData.sens(256, 8);
        mask = BenchData.mask(256);
        kcs = BenchData.csKspace(256, s, mask);
        cs = new L1WaveletSense(new SensitivityMaps(256, 256, s), Runtime.getRuntime().availableProcessors());
        out = Files.createTempDirectory("bench");
    }

    /** Buffer holding lines 0..254 of a 256×256×8 slice; the benchmark adds line 255. */
    @Setup(Level.Invocation)
    public void fillAllButLastLine() {
        float[][] k = BenchData.randomCoils(8, 256 * 256, 3);
        latencyBuffer = new KSpaceBuffer(256, 256, 1, 1, 8, 1);
        List<Acquisition> lines = new java.util.ArrayList<>();
        for (int ky = 0; ky < 256; ky++) {
            float[] data = new float[2 * 8 * 256];
            for (int c = 0; c < 8; c++) {
                System.arraycopy(k[c], 2 * ky * 256, data, 2 * c * 256, 2 * 256);
            }
            lines.add(new Acquisition(AcquisitionHeader.builder().numberOfSamples(256).channels(8)
                    .idx(EncodingCounters.of(ky, 0)).build(), null, data));
        }
        EncodingSpec spec = new EncodingSpec(256, 256, 1, 256, 256, 5, 255, 0, 0, 0, 0, 8, 4.26e6, 0.1, "bench",
                "bench");
        latencyWritten = new CountDownLatch(1);
        latencyVolume = new StreamingVolume(latencyBuffer, spec, out.resolve("images.nii"),
                v -> latencyWritten.countDown());
        for (int ky = 0; ky < 255; ky++) {
            latencyBuffer.add(lines.get(ky));
        }
        lastLine = lines.get(255);
    }

    @TearDown(Level.Invocation)
    public void closeStreaming() throws InterruptedException {
        latencyVolume.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cs.close();
    }

    @Benchmark
    public float[] fftRss2D_256x256x8(Engine e) {
        return e.rss.rss2D(k2d, 256, 256, false);
    }

    @Benchmark
    public float[] fftRss3D_128x128x64x4(Engine e) {
        return e.rss.rss3D(k3d, 128, 128, 64, false);
    }

    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 4)
    public float[] cs_256x256x8_4x_30it() {
        return cs.reconstruct(kcs, mask, new L1WaveletSense.Settings(0.005, 30, 1));
    }

    /**
     * Last line in → the console's streaming path (StreamingVolume, as ScanService uses it: slice-ready
     * listener, background FFT+RSS, NIfTI rewritten) → file on disk.
     */
    @Benchmark
    public boolean latencyLastLineToNifti_256() throws InterruptedException {
        latencyBuffer.add(lastLine);
        return latencyWritten.await(10, TimeUnit.SECONDS);
    }
}
