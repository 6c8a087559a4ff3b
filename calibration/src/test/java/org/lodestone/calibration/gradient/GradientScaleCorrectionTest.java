package org.lodestone.calibration.gradient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.store.Entry;
import org.lodestone.seq.compile.GradientScale;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GradientScaleCorrectionTest {
    @Test
    void readsEachAxisFromTheCurrentProfileAndIsNominalWithoutOne(@TempDir Path dir) throws Exception {
        CalibrationStore store = new CalibrationStore(dir);
        assertEquals(GradientScale.NOMINAL, GradientScaleCorrection.from(store), "no gradient calibration: nominal");
        assertEquals(GradientScale.NOMINAL, GradientScaleCorrection.from(null));
        store.record(Map.of(CalibrationProfile.GRADIENT_SCALE[0], new Entry(1.004, 1e-4, "", Instant.now(), 30, "t", "gradients"),
                CalibrationProfile.GRADIENT_SCALE[2], new Entry(0.995, 1e-4, "", Instant.now(), 30, "t", "gradients")), "t", "cal");
        assertEquals(new GradientScale(1.004, 1, 0.995), GradientScaleCorrection.from(store));
    }
}
