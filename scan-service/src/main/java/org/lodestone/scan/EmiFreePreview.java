package org.lodestone.scan;

import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.emi.Editer;
import org.lodestone.recon.emi.EmiChannels;
import org.lodestone.recon.emi.StreamingEmiRemoval;
import org.lodestone.recon.emi.ReferenceChannelDetector;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiWriter;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The streamed preview of a multi-channel 2D scan, cleaned of EMI: it stands between the streamed volume (made from
 * the raw lines) and whoever watches it. At each preview update, on the reconstruction thread, it looks for reference
 * antennas in the lines received so far ({@link ReferenceChannelDetector}); when there is one it refits the
 * reference→coil transfer on those lines with the final image's method ({@link StreamingEmiRemoval}: EmiRemoval's
 * result for the lines so far, each complete group fitted once) and makes the newly finished slices again from the
 * cleaned imaging channels, so no reference channel is ever combined into the preview. Too few
 * lines for a fit: the lines with the reference channels left out. No reference found (no interference, or not yet
 * decidable): the streamed volume passes unchanged.
 * <p>
 * {@link #add} is the acquisition thread's only cost: one reference appended to a list.
 */
final class EmiFreePreview implements Consumer<ImageVolume> {
    private static final Logger log = LoggerFactory.getLogger(EmiFreePreview.class);

    private final EncodingSpec spec;
    private final boolean[] expectedLines;
    private final Path nifti;
    private final Consumer<ImageVolume> watcher;
    /** Every line so far, in order: appended on the scan's thread, copied on the reconstruction thread. */
    private final List<Acquisition> lines = new ArrayList<>();
    /** The removal for the reference layout found so far, and the slices shown from it: reconstruction thread only. */
    private Removal removal;
    private float[][] shownSlices;

    private record Removal(EmiChannels channels, StreamingEmiRemoval streaming) {
    }

    /**
     * @param expectedLines the phase-encode lines an accelerated scan acquires, or null for all
     * @param nifti         the streamed images.nii, rewritten with the cleaned volume (null: not written)
     * @param watcher       hears each preview volume, on the reconstruction thread
     */
    EmiFreePreview(EncodingSpec spec, boolean[] expectedLines, Path nifti, Consumer<ImageVolume> watcher) {
        this.spec = spec;
        this.expectedLines = expectedLines == null ? null : expectedLines.clone();
        this.nifti = nifti;
        this.watcher = watcher;
    }

    void add(Acquisition a) {
        synchronized (lines) {
            lines.add(a);
        }
    }

    /** One streamed update: the volume from the raw lines, replaced by the cleaned one when there is a reference. */
    @Override
    public void accept(ImageVolume streamed) {
        List<Acquisition> soFar;
        synchronized (lines) {
            soFar = List.copyOf(lines);
        }
        ImageVolume shown = streamed;
        try {
            Optional<EmiChannels> emi = ReferenceChannelDetector.detect(soFar);
            if (emi.isPresent()) {
                long t0 = System.nanoTime();
                shown = cleaned(soFar, emi.get(), streamed);
                log.debug("EMI-free preview from {} lines: {} ms", soFar.size(), (System.nanoTime() - t0) / 1_000_000);
                if (nifti != null) NiftiWriter.write(nifti, shown);
            }
        } catch (IOException | RuntimeException e) {
            // the preview is a view: the final image is made again from the journal's lines
            log.warn("EMI-free preview failed; the streamed slice is shown as it came", e);
        }
        watcher.accept(shown);
    }

    /**
     * The volume with every finished slice from the cleaned imaging channels (a slice shown once is kept: later lines
     * do not change its complete EDITER groups); the unfinished ones as streamed (zero). Called on one thread only.
     */
    ImageVolume cleaned(List<Acquisition> soFar, EmiChannels emi, ImageVolume streamed) {
        if (removal == null || !sameLayout(removal.channels, emi)) {
            removal = new Removal(emi, new StreamingEmiRemoval(emi, Editer.Settings.defaults()));
            shownSlices = new float[spec.slices()][];
        }
        int total = emi.imaging().length + emi.reference().length;
        List<Acquisition> usable = soFar.stream().filter(a -> a.header().activeChannels() == total).toList();
        List<Acquisition> imaging = null;
        if (fittable(usable, emi)) {
            try {
                imaging = removal.streaming.update(usable).readouts();
            } catch (IllegalArgumentException e) {
                log.warn("No EMI fit on the lines so far ({}); the preview shows the coils without it", e.getMessage());
            }
        }
        if (imaging == null) imaging = usable.stream().map(a -> imagingOnly(a, emi.imaging())).toList();
        KSpaceBuffer buffer = new KSpaceBuffer(spec.matrixX(), Math.max(spec.matrixY(), spec.phaseEncodeLines()),
                spec.slices(), spec.contrasts(), emi.imaging().length, spec.averages());
        if (expectedLines != null) buffer.expectOnlyLines(expectedLines);
        boolean[] finished = new boolean[buffer.slices()];
        buffer.addSliceReadyListener((b, slice, contrast) -> finished[slice] |= contrast == 0);
        for (Acquisition a : imaging) {
            int slice = a.header().idx().slice();
            if (slice >= 0 && slice < finished.length && shownSlices[slice] == null) buffer.add(a);
        }
        float[] data = streamed.data().clone();
        int n = buffer.nx() * buffer.ny();
        for (int s = 0; s < finished.length; s++) {
            if (finished[s]) shownSlices[s] = CartesianRecon2D.reconstructSlice(buffer, s, 0);
            if (shownSlices[s] != null) System.arraycopy(shownSlices[s], 0, data, s * n, n);
        }
        return CartesianRecon2D.volume(buffer, spec, data);
    }

    private static boolean sameLayout(EmiChannels a, EmiChannels b) {
        return Arrays.equals(a.imaging(), b.imaging()) && Arrays.equals(a.reference(), b.reference());
    }

    /** Enough samples in the first EDITER group for a fit (well more than its unknowns; fewer would fit the noise). */
    private static boolean fittable(List<Acquisition> lines, EmiChannels emi) {
        if (lines.isEmpty()) return false;
        int unknowns = emi.reference().length * (2 * Editer.Settings.defaults().kernelHalfWidth() + 1);
        int samples = lines.getFirst().header().numberOfSamples();
        return (long) Math.min(lines.size(), Editer.Settings.defaults().linesPerGroup()) * samples > 4L * unknowns;
    }

    /** The line with only the imaging channels (in their order), for a preview before any fit. */
    static Acquisition imagingOnly(Acquisition a, int[] imaging) {
        int ns = a.header().numberOfSamples();
        float[] out = new float[2 * imaging.length * ns];
        float[] in = a.data();
        for (int c = 0; c < imaging.length; c++) {
            System.arraycopy(in, 2 * imaging[c] * ns, out, 2 * c * ns, 2 * ns);
        }
        AcquisitionHeader h = a.header().toBuilder().channels(imaging.length).trajectoryDimensions(0).build();
        return new Acquisition(h, null, out);
    }
}
