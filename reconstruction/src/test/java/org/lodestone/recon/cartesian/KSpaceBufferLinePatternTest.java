package org.lodestone.recon.cartesian;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An undersampled scan's slices are complete (and streamed) once the lines it declared are in. */
class KSpaceBufferLinePatternTest {
    @Test
    void aSliceIsReadyWhenItsDeclaredLinesAreIn() {
        KSpaceBuffer buffer = new KSpaceBuffer(4, 8, 1, 1, 1, 1);
        buffer.expectOnlyLines(new boolean[] {false, true, false, true, true, false, true, false});
        List<Integer> ready = new ArrayList<>();
        buffer.addSliceReadyListener((b, slice, contrast) -> ready.add(slice));
        for (int ky : new int[] {1, 3, 4}) buffer.add(lineAt(ky));
        assertThat(ready).isEmpty();
        buffer.add(lineAt(6));
        assertThat(ready).containsExactly(0);
        assertThat(buffer.expectedReadouts()).isEqualTo(4);
        assertThat(buffer.missingLines(0, 0)).containsExactly(0, 2, 5, 7);
    }

    @Test
    void aLineOutsideThePatternOrAPatternAfterTheFirstLineIsRefused() {
        KSpaceBuffer buffer = new KSpaceBuffer(4, 4, 1, 1, 1, 1);
        buffer.expectOnlyLines(new boolean[] {true, false, true, false});
        assertThatThrownBy(() -> buffer.add(lineAt(1))).hasMessageContaining("kspace_encode_step_1 = 1 is not one of the lines");
        assertThat(buffer.receivedReadouts()).isZero();
        buffer.add(lineAt(0));
        assertThatThrownBy(() -> buffer.expectOnlyLines(new boolean[] {true, true, true, true})).isInstanceOf(IllegalStateException.class);
    }

    private static Acquisition lineAt(int ky) {
        float[] data = new float[8];
        return new Acquisition(AcquisitionHeader.builder().numberOfSamples(4).idx(EncodingCounters.of(ky, 0)).build(), null, data);
    }
}
