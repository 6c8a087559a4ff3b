package org.lodestone.console.cli;

import org.lodestone.recon.cartesian.OfflineRecon;
import org.lodestone.recon.image.NiftiWriter;
import org.lodestone.recon.image.PngPreview;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.mrd.RawDataFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Offline reconstruction of an MRD stream or ISMRMRD HDF5 file. A damaged file still gives every complete
 * slice, with the damage named (message or dataset) and exit status 1.
 */
@Command(name = "recon", mixinStandardHelpOptions = true,
        description = "Reconstruct raw data offline (MRD v1 stream or ISMRMRD HDF5, detected from the file).")
public final class ReconCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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

    @Option(names = "--emi-references", paramLabel = "N", defaultValue = "-1",
            description = "The last N channels are EMI reference antennas (0: no EMI removal; default: found from the data).")
    int emiReferences;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outText = spec.commandLine().getOut();
        if (!Files.isRegularFile(in)) throw new IllegalArgumentException("no such file: " + in);
        MrdStreamReader.Result r;
        try {
            r = RawDataFiles.read(in);
        } catch (java.io.IOException e) {
            // the reader's message names the file and the message or dataset; no stack trace for an operator
            err.println("error: " + e.getMessage() + "; nothing written");
            err.flush();
            return 2;
        }
        if (r.problem() != null) err.println((r.complete() ? "note: " : "warning: ") + in + ": " + r.problem());
        OfflineRecon.Output result = OfflineRecon.reconstruct(r,
                new OfflineRecon.Options(!noPrewhiten, !keepOversampling, repetition, emiReferences));
        if (result.volume() == null) {
            err.println("error: no complete slice in " + in + "; nothing written");
            err.flush();
            return 1;
        }
        Files.createDirectories(out);
        NiftiWriter.write(out.resolve("images.nii"), result.volume());
        PngPreview.write(out.resolve("preview.png"), result.volume(), 0);
        if (!result.skippedSlices().isEmpty()) err.println("warning: incomplete slices not written: " + result.skippedSlices());
        if (result.emiRemoval() != null) outText.println("EMI removed: " + result.emiRemoval());
        outText.printf("Reconstructed slices %s (%d of %d readouts%s) into %s%n", result.slices(), result.readouts(),
                result.expectedReadouts(), result.prewhitened() ? ", prewhitened" : "", out);
        outText.flush();
        err.flush();
        return r.complete() ? 0 : 1;
    }
}
