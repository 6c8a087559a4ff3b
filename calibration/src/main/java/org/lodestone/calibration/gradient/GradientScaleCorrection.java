package org.lodestone.calibration.gradient;

import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.seq.compile.GradientScale;

import java.io.IOException;

/**
 * The stored gradient scale, for the one compile step ({@code SequenceCompiler.compile(sequence, unit, scale)}):
 * only the compiler applies it, so no path can correct a sequence twice or forget to.
 */
public final class GradientScaleCorrection {
    private GradientScaleCorrection() {
    }

    /** The current profile's scales; nominal without a store or a gradient calibration in it. */
    public static GradientScale from(CalibrationStore store) throws IOException {
        if (store == null) return GradientScale.NOMINAL;
        CalibrationProfile p = store.current();
        double[] s = new double[3];
        for (int a = 0; a < 3; a++) s[a] = p.value(CalibrationProfile.GRADIENT_SCALE[a], 1.0);
        return GradientScale.of(s);
    }
}
