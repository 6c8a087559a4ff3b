package org.lodestone.console.cli;

import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiWriter;
import org.lodestone.recon.image.PngPreview;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Offline reconstruction of an MRD stream file. */
@Command(name = "recon", mixinStandardHelpOptions = true, description = "Reconstruct raw data offline (MRD v1 stream).")
public final class ReconCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "raw.mrd (MRD v1 stream)")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder for images.nii and preview.png.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(in)) throw new IllegalArgumentException("no such file: " + in);
        MrdStreamReader.Result r = MrdStreamReader.read(in);
        if (!r.complete()) System.err.println("warning: " + in + " is incomplete: " + r.problem());
        EncodingSpec spec = IsmrmrdHeaderXml.parseEncoding(r.xml());
        int channels = r.acquisitions().isEmpty() ? 1 : r.acquisitions().getFirst().header().activeChannels();
        spec = new EncodingSpec(spec.matrixX(), spec.matrixY(), spec.matrixZ(), spec.fovXmm(), spec.fovYmm(), spec.fovZmm(),
                spec.encodeStep1Max(), spec.encodeStep2Max(), spec.sliceMax(), spec.averageMax(), spec.contrastMax(),
                channels, spec.larmorHz(), spec.fieldTesla(), spec.protocolName(), spec.systemModel());
        KSpaceBuffer buffer = KSpaceBuffer.forSpec(spec);
        for (Acquisition a : r.acquisitions()) buffer.add(a);
        ImageVolume image = CartesianRecon2D.reconstruct(buffer, 0, spec);
        Files.createDirectories(out);
        NiftiWriter.write(out.resolve("images.nii"), image);
        PngPreview.write(out.resolve("preview.png"), image, 0);
        System.out.printf("Reconstructed %d of %d lines into %s%n", buffer.receivedReadouts(), buffer.expectedReadouts(), out);
        return r.complete() ? 0 : 1;
    }
}
