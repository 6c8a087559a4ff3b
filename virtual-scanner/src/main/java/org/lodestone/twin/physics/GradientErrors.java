package org.lodestone.twin.physics;

/**
 * Hidden imperfections of the three gradient chains (x, y, z). The field an axis makes is
 * scale × (G(t − delay) + eddy(t)), where the eddy field is the first-order response
 * eddy = −amplitude · (dG/dt ⊗ exp(−t/τ)) to the (delayed) waveform. Shims pass through the same chain
 * and are scaled too.
 */
public record GradientErrors(double[] scale, double[] delayS, double[] eddyAmplitude, double[] eddyTauS) {
    public GradientErrors {
        scale = scale.clone();
        delayS = delayS.clone();
        eddyAmplitude = eddyAmplitude.clone();
        eddyTauS = eddyTauS.clone();
    }

    public static GradientErrors ideal() {
        return new GradientErrors(new double[] {1, 1, 1}, new double[3], new double[3], new double[] {1e-3, 1e-3, 1e-3});
    }

    public GradientErrors withScale(double x, double y, double z) {
        return new GradientErrors(new double[] {x, y, z}, delayS, eddyAmplitude, eddyTauS);
    }

    public boolean isIdeal() {
        for (int a = 0; a < 3; a++) if (scale[a] != 1 || delayS[a] != 0 || eddyAmplitude[a] != 0) return false;
        return true;
    }
}
