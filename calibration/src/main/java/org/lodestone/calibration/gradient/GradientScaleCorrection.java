package org.lodestone.calibration.gradient;

import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.seq.model.ArbitraryGradient;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored gradient scale applied to a sequence before it is compiled: each axis's waveforms are
 * divided by that axis's true/nominal scale, so the unit's real gradients (and with them the image's
 * distances) come out nominal. Identity when the unit has no gradient calibration.
 */
public record GradientScaleCorrection(double[] scale) {
    public GradientScaleCorrection {
        scale = scale.clone();
    }

    public static final GradientScaleCorrection NONE = new GradientScaleCorrection(new double[] {1, 1, 1});

    /** The current profile's scales; NONE without a store or a gradient calibration in it. */
    public static GradientScaleCorrection from(CalibrationStore store) throws IOException {
        if (store == null) return NONE;
        CalibrationProfile p = store.current();
        double[] s = new double[3];
        for (int a = 0; a < 3; a++) s[a] = p.value(CalibrationProfile.GRADIENT_SCALE[a], 1.0);
        return new GradientScaleCorrection(s);
    }

    public boolean isIdentity() {
        return scale[0] == 1 && scale[1] == 1 && scale[2] == 1;
    }

    public Sequence apply(Sequence s) {
        if (isIdentity()) return s;
        List<Block> out = new ArrayList<>(s.blocks().size());
        for (Block b : s.blocks()) {
            out.add(new Block(b.duration(), b.rf(), scaled(b.gx(), 0), scaled(b.gy(), 1), scaled(b.gz(), 2), b.adc(), b.extensions()));
        }
        return new Sequence(s.name(), out, s.definitions());
    }

    private Gradient scaled(Gradient g, int axis) {
        double f = 1 / scale[axis];
        return switch (g) {
            case null -> null;
            case Trap t -> t.scaled(f);
            case ArbitraryGradient a -> new ArbitraryGradient(a.amplitude() * f, a.shape(), a.timeShape(), a.raster(), a.delay(),
                    a.first() * f, a.last() * f);
        };
    }
}
