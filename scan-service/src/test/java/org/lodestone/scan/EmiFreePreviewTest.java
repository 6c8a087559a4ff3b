package org.lodestone.scan;

import org.junit.jupiter.api.Test;
import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;
import org.lodestone.recon.mrd.EncodingSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A slice too small for an EMI fit: the preview shows its coils with the reference antenna left out. */
class EmiFreePreviewTest {
    /** 2 samples × 16 lines: 8 lines (an EDITER group) of 2 samples cannot fit the 7 taps of one reference. */
    private static final int NX = 2;
    private static final int NY = 16;

    @Test
    void beforeAFitIsPossibleTheReferenceChannelIsLeftOut() {
        EncodingSpec spec = EncodingSpec.cartesian2D(NX, NY, 100, 100, 5, 3, 1e6, 0.05);
        List<ImageVolume> shown = new CopyOnWriteArrayList<>();
        EmiFreePreview preview = new EmiFreePreview(spec, null, null, shown::add);
        List<Acquisition> lines = lines(new Random(2));
        lines.forEach(preview::add);
        ImageVolume streamed = volume(spec, lines, 3); // every channel, as the streamed volume has it
        preview.accept(streamed);

        ImageVolume coils = volume(spec, lines.stream().map(a -> EmiFreePreview.imagingOnly(a, new int[] {0, 1})).toList(), 2);
        assertThat(shown).hasSize(1);
        assertThat(shown.getFirst().data()).isEqualTo(coils.data()).isNotEqualTo(streamed.data());
    }

    /** Two coils that see the object at the centre of k-space, and a reference antenna that sees a steady tone. */
    private static List<Acquisition> lines(Random rnd) {
        List<Acquisition> out = new ArrayList<>();
        for (int ky = 0; ky < NY; ky++) {
            float[] data = new float[2 * 3 * NX];
            for (int c = 0; c < 3; c++) {
                for (int t = 0; t < NX; t++) {
                    boolean centre = ky == NY / 2 - 1 || ky == NY / 2;
                    double phase = 2 * Math.PI * rnd.nextDouble();
                    double re = c == 2 ? Math.cos(phase) : (centre ? 50 : 0) + rnd.nextGaussian();
                    double im = c == 2 ? Math.sin(phase) : rnd.nextGaussian();
                    data[2 * (c * NX + t)] = (float) re;
                    data[2 * (c * NX + t) + 1] = (float) im;
                }
            }
            out.add(new Acquisition(AcquisitionHeader.builder().numberOfSamples(NX).channels(3)
                    .idx(EncodingCounters.of(ky, 0)).build(), null, data));
        }
        return out;
    }

    private static ImageVolume volume(EncodingSpec spec, List<Acquisition> lines, int channels) {
        KSpaceBuffer b = new KSpaceBuffer(NX, NY, 1, 1, channels, 1);
        lines.forEach(b::add);
        return CartesianRecon2D.volume(b, spec, CartesianRecon2D.reconstructSlice(b, 0, 0));
    }
}
