package org.lodestone.recon.cartesian;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lodestone.recon.cs.UndersampledRecon2D;
import org.lodestone.recon.emi.Editer;
import org.lodestone.recon.emi.EmiChannels;
import org.lodestone.recon.emi.EmiRemoval;
import org.lodestone.recon.emi.ReferenceChannelDetector;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.mrd.ReconSpace;
import org.lodestone.recon.preprocess.AcquisitionStep;
import org.lodestone.recon.preprocess.NoisePrewhitener;
import org.lodestone.recon.preprocess.ReadoutOversamplingRemoval;

/**
 * Whole-file 2D Cartesian reconstruction of raw data read by {@link org.lodestone.recon.mrd.RawDataFiles}:
 * optional noise prewhitening (if the file has noise readouts), optional readout oversampling removal (if the
 * recon matrix is narrower than the encoded one), k-space buffering and RSS per slice.
 *
 * <p>If the raw data is incomplete (truncated file), only slices whose lines are all present are
 * reconstructed, so an interrupted multi-slice scan still yields its finished slices. A complete file whose
 * slices lack lines on purpose (an accelerated 2D scan) is reconstructed as the console does: l1-wavelet SENSE
 * with coil maps from the fully sampled centre lines, or the scan's SENSE or GRAPPA ({@link UndersampledRecon2D}).
 */
public final class OfflineRecon {

    /**
     * @param prewhiten          decorrelate channels using the noise readouts (if there are any)
     * @param removeOversampling crop the readout to the recon matrix x (if narrower than the encoded x)
     * @param repetition         only use readouts of this {@code idx.repetition}; −1 averages all repetitions
     * @param emiReferences      the last N channels are EMI reference antennas; {@link #DETECT_EMI_REFERENCES}
     *                           finds them from the data ({@link ReferenceChannelDetector}), 0 turns EMI removal off
     */
    public record Options(boolean prewhiten, boolean removeOversampling, int repetition, int emiReferences) {
        public static final int DETECT_EMI_REFERENCES = -1;

        public Options(boolean prewhiten, boolean removeOversampling, int repetition) {
            this(prewhiten, removeOversampling, repetition, DETECT_EMI_REFERENCES);
        }

        public static Options defaults() {
            return new Options(true, true, -1);
        }
    }

    /**
     * @param volume        reconstructed slices (only complete ones if the input was truncated); null if none
     * @param slices        slice indices in {@code volume}, in order
     * @param skippedSlices slices left out because lines are missing from a truncated file
     * @param prewhitened   whether noise prewhitening was applied
     * @param readouts      imaging readouts used
     * @param emiRemoval    how EMI was removed ("channels [2] as reference, fitted on noise readouts"), or null
     */
    public record Output(ImageVolume volume, List<Integer> slices, List<Integer> skippedSlices, boolean prewhitened,
                         long readouts, long expectedReadouts, String emiRemoval) {
        public Output {
            slices = List.copyOf(slices);
            skippedSlices = List.copyOf(skippedSlices);
        }
    }

    private OfflineRecon() {
    }

    public static Output reconstruct(MrdStreamReader.Result raw, Options options) {
        return reconstruct(raw, options, AcquisitionStep.identity());
    }

    /**
     * @param lineCorrection applied to each imaging readout before prewhitening and the FFT (e.g. the
     *                       {@link org.lodestone.recon.preprocess.CarrierResidualCorrection} of a drift-tracked scan)
     */
    public static Output reconstruct(MrdStreamReader.Result raw, Options options, AcquisitionStep lineCorrection) {
        return reconstruct(raw, options, lineCorrection, UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.CS));
    }

    /**
     * @param undersampled how a slice with missing lines in a complete file is reconstructed (the scan's {@code recon}):
     *                     the line correction and EMI removal act on the lines before it, so they compose with it
     */
    public static Output reconstruct(MrdStreamReader.Result raw, Options options, AcquisitionStep lineCorrection,
                                     UndersampledRecon2D.Settings undersampled) {
        if (raw.xml() == null) {
            throw new IllegalArgumentException("raw data has no ISMRMRD XML header; cannot size the reconstruction");
        }
        EncodingSpec encoded = IsmrmrdHeaderXml.parseEncoding(raw.xml());
        ReconSpace recon = IsmrmrdHeaderXml.parseReconSpace(raw.xml());
        List<Acquisition> all = raw.acquisitions();
        String emiRemoval = null;
        Optional<EmiChannels> emi = emiChannels(all, options.emiReferences());
        if (emi.isPresent()) {
            // before prewhitening: the noise covariance must be that of the cleaned imaging channels
            EmiRemoval.Result r = EmiRemoval.apply(all, emi.get(), Editer.Settings.defaults());
            all = r.readouts();
            emiRemoval = "channels " + Arrays.toString(emi.get().reference()) + " as EMI reference, fitted on the "
                    + r.method();
        }
        List<Acquisition> imaging = all.stream()
                .filter(a -> !a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT))
                .filter(a -> options.repetition() < 0 || a.header().idx().repetition() == options.repetition())
                .toList();
        int channels = imaging.isEmpty() ? encoded.receiverChannels() : imaging.getFirst().header().activeChannels();

        AcquisitionStep steps = lineCorrection;
        boolean prewhiten = options.prewhiten() && all.stream()
                .anyMatch(a -> a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT));
        if (prewhiten) {
            steps = steps.then(NoisePrewhitener.fromNoise(all));
        }
        int nx = encoded.matrixX();
        double fovX = encoded.fovXmm();
        if (options.removeOversampling() && recon.matrixX() < encoded.matrixX()) {
            steps = steps.then(new ReadoutOversamplingRemoval(encoded.matrixX(), recon.matrixX()));
            nx = recon.matrixX();
            fovX = recon.fovXmm() > 0 ? recon.fovXmm() : encoded.fovXmm() * recon.matrixX() / encoded.matrixX();
        }
        EncodingSpec spec = new EncodingSpec(nx, encoded.matrixY(), encoded.matrixZ(), fovX, encoded.fovYmm(),
                encoded.fovZmm(), encoded.encodeStep1Max(), encoded.encodeStep2Max(), encoded.sliceMax(),
                encoded.averageMax(), encoded.contrastMax(), channels, encoded.larmorHz(), encoded.fieldTesla(),
                encoded.protocolName(), encoded.systemModel());
        KSpaceBuffer buffer = KSpaceBuffer.forSpec(spec);
        for (Acquisition a : imaging) {
            buffer.add(steps.apply(a));
        }
        List<Integer> keep = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        for (int s = 0; s < buffer.slices(); s++) {
            boolean complete = true;
            for (int c = 0; c < buffer.contrasts(); c++) {
                complete &= buffer.missingLines(s, c).isEmpty();
            }
            // A finished file may be deliberately undersampled: reconstruct every slice. A truncated one: only
            // slices that are known to be whole, so nothing half-acquired is mistaken for an image.
            if (raw.complete() || complete) {
                keep.add(s);
            } else {
                skipped.add(s);
            }
        }
        ImageVolume volume = keep.isEmpty() ? null : volumeOf(buffer, spec, keep, raw.complete(), undersampled);
        return new Output(volume, keep, skipped, prewhiten, buffer.receivedReadouts(), buffer.expectedReadouts(),
                emiRemoval);
    }

    /** Every slice: RSS, or l1-wavelet SENSE where lines are missing and the centre lines allow coil maps. */
    private static ImageVolume withUndersampledSlices(KSpaceBuffer buffer, EncodingSpec spec, UndersampledRecon2D.Settings settings) {
        int n = buffer.nx() * buffer.ny();
        float[] data = new float[n * buffer.slices()];
        for (int s = 0; s < buffer.slices(); s++) {
            float[] image = buffer.missingLines(s, 0).isEmpty() ? null
                    : UndersampledRecon2D.reconstructSlice(buffer, s, 0, settings, Runtime.getRuntime().availableProcessors());
            System.arraycopy(image != null ? image : CartesianRecon2D.reconstructSlice(buffer, s, 0), 0, data, s * n, n);
        }
        return CartesianRecon2D.volume(buffer, spec, data);
    }

    private static Optional<EmiChannels> emiChannels(List<Acquisition> all, int references) {
        if (references == 0 || all.isEmpty()) return Optional.empty();
        if (references > 0) {
            int total = all.getFirst().header().activeChannels();
            if (references >= total) {
                throw new IllegalArgumentException(references + " EMI reference channels leave no imaging channel of "
                        + total);
            }
            return Optional.of(EmiChannels.lastAreReference(total, references));
        }
        return ReferenceChannelDetector.detect(all);
    }

    private static ImageVolume volumeOf(KSpaceBuffer buffer, EncodingSpec spec, List<Integer> slices, boolean complete,
                                        UndersampledRecon2D.Settings settings) {
        ImageVolume all = complete ? withUndersampledSlices(buffer, spec, settings) : CartesianRecon2D.reconstruct(buffer, 0, spec);
        if (slices.size() == buffer.slices()) {
            return all;
        }
        int nx = all.nx();
        int ny = all.ny();
        float[] data = new float[nx * ny * slices.size()];
        for (int i = 0; i < slices.size(); i++) {
            System.arraycopy(all.slice(slices.get(i)), 0, data, i * nx * ny, nx * ny);
        }
        AcquisitionHeader first = buffer.sliceGeometry(slices.getFirst());
        double[] position = first == null ? all.positionLps()
                : new double[] {first.position()[0], first.position()[1], first.position()[2]};
        return new ImageVolume(nx, ny, slices.size(), data, all.dxMm(), all.dyMm(), all.dzMm(), position,
                all.readDir(), all.phaseDir(), all.sliceDir());
    }
}
