package org.lodestone.scan;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.CartesianRecon3D;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.cartesian.NoiseEstimate;
import org.lodestone.recon.cartesian.OfflineRecon;
import org.lodestone.recon.cartesian.RssReconstructor;
import org.lodestone.recon.cartesian.StreamingVolume;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiWriter;
import org.lodestone.recon.image.PngPreview;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.cs.UndersampledRecon2D;
import org.lodestone.recon.emi.ReferenceChannelDetector;
import org.lodestone.recon.preprocess.AcquisitionStep;
import org.lodestone.recon.preprocess.CarrierResidualCorrection;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One reconstruction per scan, fed line by line: a 2D scan streams each slice to images.nii and to
 * the preview as soon as its lines are in; a 3D slab is reconstructed when its last line is in.
 * {@link #finish()} makes the final image from the same lines, in memory: with more than one
 * receive channel, reference antennas are found from the data and EMI is removed; a drift-tracked scan
 * has each line demodulated at its estimated Larmor frequency. The streamed preview of a multi-channel scan is
 * EMI-corrected too ({@link EmiFreePreview}: refitted at each update on the lines so far, reference channels left out);
 * it is not carrier-corrected.
 * It writes images.nii and preview.png.
 * <p>
 * An undersampled 2D scan ({@link Undersampling}) streams zero-filled slices as soon as their planned lines
 * are in; {@link #finish()} replaces them with the compressed-sensing / SENSE image of each slice, made from
 * the corrected lines when there was EMI or a moving carrier (both act on lines before the solver).
 */
final class ReconPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconPipeline.class);

    /**
     * @param image      the final image, or null when the scan makes none (a single line: FID, noise)
     * @param snr        its SNR estimate (NaN without an image)
     * @param emiRemoval how EMI was removed, or null
     */
    record Output(ImageVolume image, double snr, String emiRemoval) {
        static final Output NONE = new Output(null, Double.NaN, null);
    }

    /**
     * The phase-encode lines an accelerated 2D scan acquires (the same for every slice) and how it is reconstructed.
     */
    record Undersampling(boolean[] lines, UndersampledRecon2D.Settings settings) {
        /**
         * From the program's line counters and the protocol's {@code recon} parameter (0 cs, 1 sense, 2 grappa); null when
         * every line is acquired or the scan is not a 2D image.
         */
        static Undersampling of(BuiltProtocol built, DeviceProgram program, int phaseEncodes) {
            if (phaseEncodes <= 1 || ScanService.partitions(program) > 1) return null;
            boolean[] lines = new boolean[phaseEncodes];
            for (var b : program.blocks()) {
                if (b.adc() != null && b.adc().counters().line() < phaseEncodes) lines[b.adc().counters().line()] = true;
            }
            if (!UndersampledRecon2D.isUndersampled(lines)) return null;
            Double recon = built.parameters().get("recon");
            UndersampledRecon2D.Method method = recon == null ? UndersampledRecon2D.Method.CS : switch (recon.intValue()) {
                case 1 -> UndersampledRecon2D.Method.SENSE;
                case 2 -> UndersampledRecon2D.Method.GRAPPA;
                default -> UndersampledRecon2D.Method.CS;
            };
            return new Undersampling(lines, UndersampledRecon2D.Settings.of(method));
        }
    }

    /**
     * Whether the carrier may move between lines (drift tracking), and how long a line's off-resonance phase gathers
     * before its echo: TE for a gradient echo, 0 for a spin echo.
     */
    record CarrierTrack(boolean tracked, double echoDelayS) {
        static final CarrierTrack FIXED = new CarrierTrack(false, 0);
        /** Lines each side of the centred fit to the carrier track: on the twin ±1…8 all beat the carrier itself; ±4 chosen (CarrierResidualOnTheTwinTest). */
        static final int FIT_HALF_WINDOW = 4;
    }

    private final EncodingSpec spec;
    private final CarrierTrack carrier;
    private final Undersampling undersampling;
    private final String header;
    private final Path outDir;
    private final KSpaceBuffer kspace;
    private final CartesianRecon3D slab;
    private final StreamingVolume live;
    /** The lines again, for the EMI fit: only kept when there is a channel to use as reference. */
    private final List<Acquisition> kept;
    /** The streamed preview without EMI and without reference channels: only with more than one channel. */
    private final EmiFreePreview emiFree;
    private long lines;

    /**
     * @param header  the ISMRMRD header of the journal (the final recon reads its encoding from it)
     * @param preview hears each streamed volume, on the reconstruction thread
     */
    ReconPipeline(EncodingSpec spec, String header, int phaseEncodes, Path outDir, Consumer<ImageVolume> preview) {
        this(spec, header, phaseEncodes, outDir, preview, null);
    }

    /** @param undersampling the lines of an accelerated 2D scan and its recon, or null */
    ReconPipeline(EncodingSpec spec, String header, int phaseEncodes, Path outDir, Consumer<ImageVolume> preview,
                  Undersampling undersampling) {
        this(spec, header, phaseEncodes, outDir, preview, undersampling, CarrierTrack.FIXED);
    }

    /**
     * @param carrier whether drift tracking may move the carrier between lines: then the final image is made again with
     *                each line demodulated at its estimated Larmor frequency ({@link CarrierResidualCorrection})
     */
    ReconPipeline(EncodingSpec spec, String header, int phaseEncodes, Path outDir, Consumer<ImageVolume> preview,
                  Undersampling undersampling, CarrierTrack carrier) {
        this.spec = spec;
        this.carrier = carrier;
        this.header = header;
        this.outDir = outDir;
        boolean isSlab = spec.matrixZ() > 1;
        this.kspace = isSlab ? null : KSpaceBuffer.forSpec(spec);
        this.undersampling = isSlab || undersampling == null || undersampling.lines().length != kspace.ny() ? null : undersampling;
        if (this.undersampling != null) kspace.expectOnlyLines(this.undersampling.lines());
        this.slab = isSlab ? new CartesianRecon3D(spec) : null;
        boolean streamed = !isSlab && phaseEncodes > 1;
        Path nifti = outDir.resolve("images.nii");
        this.emiFree = streamed && spec.receiverChannels() > 1
                ? new EmiFreePreview(spec, this.undersampling != null ? this.undersampling.lines() : null, nifti, preview) : null;
        this.live = streamed ? new StreamingVolume(kspace, spec, nifti, emiFree != null ? emiFree : preview) : null;
        // EMI removal and the carrier correction make the final image again from the lines (CS/SENSE when undersampled)
        this.kept = live != null && (spec.receiverChannels() > 1 || carrier.tracked()) ? new ArrayList<>() : null;
    }

    /** Places one line. @throws RuntimeException when it does not fit the scan's encoding */
    void add(Acquisition a) {
        // before the buffer: the line that completes a slice must be in the preview's lines when its update runs
        if (emiFree != null) emiFree.add(a);
        if (slab != null) slab.add(a);
        else kspace.add(a);
        if (kept != null) kept.add(a);
        lines++;
    }

    /** The final image, written to images.nii and preview.png. @throws IOException when a file cannot be written */
    Output finish() throws IOException, InterruptedException {
        if (lines == 0) return Output.NONE;
        if (slab != null) {
            ImageVolume image;
            try (RssReconstructor rss = RssReconstructor.withDefaultThreads()) {
                image = slab.reconstruct(rss);
            }
            return written(image, image.nz() / 2, null);
        }
        if (live == null) return Output.NONE;
        ImageVolume image = live.finish();
        String emi = null;
        ImageVolume corrected = null;
        if (kept != null) {
            // each line at its own Larmor frequency, not at the header's: the streamed slices used the carrier as it was
            boolean moved = carrier.tracked() && CarrierResidualCorrection.carrierMoved(kept);
            AcquisitionStep lineCorrection = AcquisitionStep.identity();
            if (moved) {
                CarrierResidualCorrection c = CarrierResidualCorrection.fromCarrierTrack(kept, CarrierTrack.FIT_HALF_WINDOW, carrier.echoDelayS());
                log.info("Carrier residuals corrected: up to {} Hz", String.format("%.1f", c.maxResidualHz()));
                lineCorrection = c;
            }
            // an accelerated slice costs a solver run: make it again only when there is something to correct
            boolean emiPossible = spec.receiverChannels() > 1
                    && (undersampling == null || ReferenceChannelDetector.detect(kept).isPresent());
            if (moved || emiPossible) {
                long t0 = System.nanoTime();
                OfflineRecon.Output cleaned = OfflineRecon.reconstruct(new MrdStreamReader.Result(header, kept, true, null),
                        new OfflineRecon.Options(false, false, -1, spec.receiverChannels() > 1 ? OfflineRecon.Options.DETECT_EMI_REFERENCES : 0),
                        lineCorrection, undersampling != null ? undersampling.settings() : UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.CS));
                if ((moved || cleaned.emiRemoval() != null) && cleaned.volume() != null && cleaned.volume().nz() == image.nz()) {
                    corrected = cleaned.volume();
                    emi = cleaned.emiRemoval();
                    if (emi != null) log.info("EMI removed: {}", emi);
                    if (undersampling != null) log.info("Undersampled recon with corrected lines ({}): {} ms", undersampling.settings(),
                            (System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
        if (corrected != null) image = corrected;
        else if (undersampling != null) image = undersampled(image);
        return written(image, 0, emi);
    }

    /** Each slice again from its lines with the scan's method; a slice without enough centre lines stays zero-filled. */
    private ImageVolume undersampled(ImageVolume zeroFilled) {
        int n = kspace.nx() * kspace.ny();
        float[] data = zeroFilled.data().clone();
        int threads = Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        for (int s = 0; s < kspace.slices(); s++) {
            float[] slice = UndersampledRecon2D.reconstructSlice(kspace, s, 0, undersampling.settings(), threads);
            if (slice == null) {
                log.warn("Slice {} has too few fully sampled centre lines for coil maps; it stays zero-filled", s);
                continue;
            }
            System.arraycopy(slice, 0, data, s * n, n);
        }
        log.info("Undersampled recon ({}, {} slices): {} ms", undersampling.settings(), kspace.slices(), (System.nanoTime() - t0) / 1_000_000);
        return CartesianRecon2D.volume(kspace, spec, data);
    }

    private Output written(ImageVolume image, int previewSlice, String emi) throws IOException {
        NiftiWriter.write(outDir.resolve("images.nii"), image);
        PngPreview.write(outDir.resolve("preview.png"), image, previewSlice);
        double snr = NoiseEstimate.estimate(image.slice(previewSlice), image.nx(), image.ny()).snr();
        return new Output(image, snr, emi);
    }

    /** Stops the streaming thread (after finish, or instead of it). */
    @Override
    public void close() throws InterruptedException {
        if (live != null) live.close();
    }
}
