package org.lodestone.console.cli;

import org.lodestone.recon.cartesian.OfflineRecon;
import org.lodestone.recon.image.NiftiWriter;
import org.lodestone.recon.image.PngPreview;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.mrd.RawDataFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Offline reconstruction of an MRD stream or ISMRMRD HDF5 file. */
@Command(name = "recon", mixinStandardHelpOptions = true,
        description = "Reconstruct raw data offline (MRD v1 stream or ISMRMRD HDF5, detected from the file).")
public final class ReconCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "raw.mrd (MRD v1 stream) or FILE.h5 (ISMRMRD HDF5)")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder for images.nii and preview.png.")
    Path out;

    @Option(names = "--no-prewhiten", description = "Do not decorrelate channels with the noise readouts.")
    boolean noPrewhiten;

    @Option(names = "--keep-oversampling", description = "Keep the oversampled readout (encoded matrix) instead of cropping to the recon matrix.")
    boolean keepOversampling;

    @Option(names = "--repetition", paramLabel = "N", defaultValue = "-1", description = "Use only repetition N (default: average all).")
    int repetition;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(in)) throw new IllegalArgumentException("no such file: " + in);
        MrdStreamReader.Result r = RawDataFiles.read(in);
        if (!r.complete()) System.err.println("warning: " + in + " is incomplete: " + r.problem());
        OfflineRecon.Output result = OfflineRecon.reconstruct(r, new OfflineRecon.Options(!noPrewhiten, !keepOversampling, repetition));
        if (result.volume() == null) {
            System.err.println("error: no complete slice in " + in + "; nothing written");
            return 1;
        }
        Files.createDirectories(out);
        NiftiWriter.write(out.resolve("images.nii"), result.volume());
        PngPreview.write(out.resolve("preview.png"), result.volume(), 0);
        if (!result.skippedSlices().isEmpty()) System.err.println("warning: incomplete slices not written: " + result.skippedSlices());
        System.out.printf("Reconstructed slices %s (%d of %d readouts%s) into %s%n", result.slices(), result.readouts(),
                result.expectedReadouts(), result.prewhitened() ? ", prewhitened" : "", out);
        return r.complete() ? 0 : 1;
    }
}
