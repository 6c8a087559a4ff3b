package org.lodestone.recon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.cartesian.RssReconstructor;
import org.lodestone.recon.cs.L1WaveletSense;
import org.lodestone.recon.cs.SensitivityMaps;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiWriter;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Warm, in-process timings of the reconstructions that bench/run-bench.sh also times with BART. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ReconBenchmarks {

    float[][] k2d;
    float[][] k3d;
    float[][] kcs;
    float[] mask;
    RssReconstructor rss;
    L1WaveletSense cs;
    KSpaceBuffer latencyBuffer;
    Acquisition lastLine;
    Path out;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        k2d = BenchData.randomCoils(8, 256 * 256, 1);
        k3d = BenchData.randomCoils(4, 128 * 128 * 64, 2);
        float[][] s = BenchData.sens(256, 8);
        mask = BenchData.mask(256);
        kcs = BenchData.csKspace(256, s, mask);
        rss = RssReconstructor.withDefaultThreads();
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
        for (int ky = 0; ky < 255; ky++) {
            latencyBuffer.add(lines.get(ky));
        }
        lastLine = lines.get(255);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rss.close();
        cs.close();
    }

    @Benchmark
    public float[] fftRss2D_256x256x8() {
        return rss.rss2D(k2d, 256, 256, false);
    }

    @Benchmark
    public float[] fftRss3D_128x128x64x4() {
        return rss.rss3D(k3d, 128, 128, 64, false);
    }

    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 4)
    public float[] cs_256x256x8_4x_30it() {
        return cs.reconstruct(kcs, mask, new L1WaveletSense.Settings(0.005, 30, 1));
    }

    /** Last line in → slice reconstructed → NIfTI on disk. */
    @Benchmark
    public Path latencyLastLineToNifti_256() throws IOException {
        latencyBuffer.add(lastLine);
        float[] img = CartesianRecon2D.reconstructSlice(latencyBuffer, 0, 0);
        Path file = out.resolve("slice.nii");
        NiftiWriter.write(file, ImageVolume.withIdentityGeometry(256, 256, 1, img, 1, 1, 1));
        return file;
    }
}
