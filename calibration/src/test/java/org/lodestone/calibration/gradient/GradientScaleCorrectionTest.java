package org.lodestone.calibration.gradient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.store.Entry;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class GradientScaleCorrectionTest {
    @Test
    void dividesEachAxisByItsStoredScale(@TempDir Path dir) throws Exception {
        CalibrationStore store = new CalibrationStore(dir);
        Sequence seq = new Sequence("t", List.of(new Block(1e-3, null, new Trap(0, 1e-4, 5e-4, 1e-4, 1000), null,
                new Trap(0, 1e-4, 5e-4, 1e-4, -500), null)), Map.of());
        assertSame(seq, GradientScaleCorrection.from(store).apply(seq), "no gradient calibration: the sequence as planned");
        store.record(Map.of(CalibrationProfile.GRADIENT_SCALE[0], new Entry(1.004, 1e-4, "", Instant.now(), 30, "t", "gradients"),
                CalibrationProfile.GRADIENT_SCALE[2], new Entry(0.995, 1e-4, "", Instant.now(), 30, "t", "gradients")), "t", "cal");
        Block b = GradientScaleCorrection.from(store).apply(seq).blocks().getFirst();
        assertEquals(1000 / 1.004, ((Trap) b.gx()).amplitude(), 1e-9);
        assertNull(b.gy());
        assertEquals(-500 / 0.995, ((Trap) b.gz()).amplitude(), 1e-9);
        assertEquals(5e-4, ((Trap) b.gx()).flat());
    }
}
