package org.lodestone.hw.session;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.wire.AdcCounters;
import org.lodestone.hw.wire.Message.AcqData;

import static org.assertj.core.api.Assertions.assertThat;

class LineTrackerTest {
    private static AcqData line(long c) {
        return new AcqData(c, 0, AdcCounters.ZERO, 0, 1, 1, 1000, 0, new float[2]);
    }

    @Test
    void deliversInOrderExactlyOnceAndNamesTheGap() {
        LineTracker t = new LineTracker();
        assertThat(t.accept(line(0))).extracting(AcqData::scanCounter).containsExactly(0L);
        assertThat(t.accept(line(3))).isEmpty();
        assertThat(t.firstGap()).containsExactly(1, 2);
        assertThat(t.accept(line(2))).isEmpty();
        assertThat(t.accept(line(2))).isEmpty(); // duplicate
        assertThat(t.accept(line(1))).extracting(AcqData::scanCounter).containsExactly(1L, 2L, 3L);
        assertThat(t.accept(line(0))).isEmpty();  // old duplicate
        assertThat(t.duplicates()).isEqualTo(2);
        assertThat(t.firstGap()).isNull();
        t.deviceAcquired(6);                      // tail lost: the status says 6 were sent
        assertThat(t.firstGap()).containsExactly(4, 2);
        assertThat(t.delivered()).isEqualTo(4);
    }
}
