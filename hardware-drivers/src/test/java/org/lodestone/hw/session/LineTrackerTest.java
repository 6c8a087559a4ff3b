package org.lodestone.hw.session;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.LineFragments;
import org.lodestone.hw.wire.Message.AcqData;
import org.lodestone.hw.wire.Message.AcqFragment;
import org.lodestone.hw.wire.Message.ResendLines;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineTrackerTest {
    private static AcqData line(long c, int samples) {
        float[] data = new float[2 * samples];
        for (int i = 0; i < data.length; i++) data[i] = c * 10_000 + i;
        return new AcqData(c, 0, AdcCounters.ZERO, 0, 1, samples, 1000, 0, data);
    }

    @Test
    void deliversInOrderExactlyOnceAndAsksOnlyForWhatIsKnownLost() {
        LineTracker t = new LineTracker();
        assertThat(t.accept(line(0, 1))).extracting(AcqData::scanCounter).containsExactly(0L);
        assertThat(t.requests()).isEmpty();              // nothing known lost yet
        assertThat(t.accept(line(3, 1))).isEmpty();
        assertThat(t.requests()).containsExactly(new ResendLines(1, 2));
        assertThat(t.accept(line(2, 1))).isEmpty();
        assertThat(t.accept(line(2, 1))).isEmpty();      // duplicate
        assertThat(t.accept(line(1, 1))).extracting(AcqData::scanCounter).containsExactly(1L, 2L, 3L);
        assertThat(t.accept(line(0, 1))).isEmpty();      // old duplicate
        assertThat(t.duplicates()).isEqualTo(2);
        assertThat(t.requests()).isEmpty();
        t.deviceAcquired(6);                             // the tail was lost: the status says 6 were sent
        assertThat(t.requests()).containsExactly(new ResendLines(4, 2));
        assertThat(t.delivered()).isEqualTo(4);
    }

    @Test
    void reassemblesFragmentsAndAsksForTheMissingOnesOnly() {
        LineTracker t = new LineTracker();
        AcqData big = line(0, 600);                      // 1200 floats: 5 fragments
        List<AcqFragment> parts = LineFragments.split(big);
        assertThat(parts).hasSize(5);
        t.accept(parts.get(0));
        t.accept(parts.get(2));
        // fragment 1 is known lost (2 arrived); 3 and 4 may still be on their way
        assertThat(t.requests()).containsExactly(new ResendLines(0, 1, 1));
        t.deviceAcquired(1);                             // the device has sent the whole line
        assertThat(t.requests()).containsExactly(new ResendLines(0, 1, 1), new ResendLines(0, 1, 3), new ResendLines(0, 1, 4));
        t.accept(parts.get(4));
        t.accept(parts.get(3));
        List<AcqData> out = t.accept(parts.get(1));
        assertThat(out).hasSize(1);
        assertThat(out.getFirst().data()).containsExactly(big.data());
        assertThat(t.accept(parts.get(1))).isEmpty();
    }
}
