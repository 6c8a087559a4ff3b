package org.lodestone.recon.emi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;

/** The streamed removal gives, after every line, exactly what the whole-scan removal gives for the lines so far. */
class StreamingEmiRemovalTest {
    private static final EmiChannels LAYOUT = EmiChannels.lastAreReference(3, 1);

    @Test
    void fittedOnTheReadoutPeripheryEveryPrefixIsTheWholeScanRemoval() {
        assertSameAsWholeScan(lines(0, 29, new Random(5)));
    }

    @Test
    void fittedOnNoiseReadoutsEveryPrefixIsTheWholeScanRemoval() {
        Random rnd = new Random(6);
        List<Acquisition> lines = new ArrayList<>(lines(3, 0, rnd));
        lines.addAll(lines(0, 21, rnd));
        lines.addAll(lines(2, 0, rnd)); // noise after imaging lines: the transfer is fitted again
        lines.addAll(lines(0, 5, rnd));
        assertSameAsWholeScan(lines);
    }

    private static void assertSameAsWholeScan(List<Acquisition> lines) {
        StreamingEmiRemoval streamed = new StreamingEmiRemoval(LAYOUT, Editer.Settings.defaults());
        for (int n = 1; n <= lines.size(); n++) {
            List<Acquisition> soFar = lines.subList(0, n);
            EmiRemoval.Result expected = EmiRemoval.apply(soFar, LAYOUT, Editer.Settings.defaults());
            EmiRemoval.Result actual = streamed.update(soFar);
            assertThat(actual.method()).isEqualTo(expected.method());
            assertThat(actual.readouts()).hasSameSizeAs(expected.readouts());
            for (int i = 0; i < n; i++) {
                assertThat(actual.readouts().get(i).data()).as("line %d of %d", i, n).isEqualTo(expected.readouts().get(i).data());
                assertThat(actual.readouts().get(i).header().activeChannels()).isEqualTo(2);
            }
        }
    }

    /** Random readouts: two coils and a reference antenna; noise readouts when {@code noise} > 0. */
    private static List<Acquisition> lines(int noise, int imaging, Random rnd) {
        List<Acquisition> out = new ArrayList<>();
        int samples = 32;
        for (int i = 0; i < noise + imaging; i++) {
            float[] data = new float[2 * 3 * samples];
            for (int k = 0; k < data.length; k++) data[k] = (float) rnd.nextGaussian();
            var b = AcquisitionHeader.builder().numberOfSamples(samples).channels(3).idx(EncodingCounters.of(i, 0));
            if (i < noise) b = b.setFlag(AcquisitionFlag.IS_NOISE_MEASUREMENT);
            out.add(new Acquisition(b.build(), null, data));
        }
        return out;
    }
}
