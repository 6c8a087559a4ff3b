package org.lodestone.recon.cs;

/**
 * Orthonormal, decimated, periodic 2D Haar wavelet on interleaved complex images (x fastest), applied in place.
 * Orthonormality makes the proximal operator of {@code λ‖Ψx‖₁} exactly {@code Ψᵀ soft(Ψx, λ)}.
 * Levels stop when a side would become odd or smaller than {@code 2 · minSize}.
 */
public final class HaarWavelet2D {

    private static final float R = (float) (1 / Math.sqrt(2));
    private final int nx;
    private final int ny;
    private final int levels;
    private final float[] line;

    public HaarWavelet2D(int nx, int ny, int maxLevels, int minSize) {
        this.nx = nx;
        this.ny = ny;
        int l = 0;
        int w = nx;
        int h = ny;
        while (l < maxLevels && w % 2 == 0 && h % 2 == 0 && w / 2 >= minSize && h / 2 >= minSize) {
            w /= 2;
            h /= 2;
            l++;
        }
        this.levels = l;
        this.line = new float[2 * Math.max(nx, ny)];
    }

    public int levels() {
        return levels;
    }

    /** Width and height of the coarsest approximation band (top-left corner after {@link #forward}). */
    public int approxWidth() {
        return nx >> levels;
    }

    public int approxHeight() {
        return ny >> levels;
    }

    public void forward(float[] a) {
        int w = nx;
        int h = ny;
        for (int l = 0; l < levels; l++) {
            for (int y = 0; y < h; y++) {
                step(a, 2 * y * nx, 2, w, true);
            }
            for (int x = 0; x < w; x++) {
                step(a, 2 * x, 2 * nx, h, true);
            }
            w /= 2;
            h /= 2;
        }
    }

    public void inverse(float[] a) {
        for (int l = levels - 1; l >= 0; l--) {
            int w = nx >> l;
            int h = ny >> l;
            for (int x = 0; x < w; x++) {
                step(a, 2 * x, 2 * nx, h, false);
            }
            for (int y = 0; y < h; y++) {
                step(a, 2 * y * nx, 2, w, false);
            }
        }
    }

    /** One Haar analysis (or synthesis) step along a strided line of n complex samples. */
    private void step(float[] a, int start, int stride, int n, boolean analysis) {
        int half = n / 2;
        for (int i = 0; i < n; i++) {
            line[2 * i] = a[start + i * stride];
            line[2 * i + 1] = a[start + i * stride + 1];
        }
        for (int i = 0; i < half; i++) {
            int lo = start + i * stride;
            int hi = start + (half + i) * stride;
            if (analysis) {
                float er = line[4 * i];
                float ei = line[4 * i + 1];
                float or = line[4 * i + 2];
                float oi = line[4 * i + 3];
                a[lo] = (er + or) * R;
                a[lo + 1] = (ei + oi) * R;
                a[hi] = (er - or) * R;
                a[hi + 1] = (ei - oi) * R;
            } else {
                float sr = line[2 * i];
                float si = line[2 * i + 1];
                float dr = line[2 * (half + i)];
                float di = line[2 * (half + i) + 1];
                int even = start + 2 * i * stride;
                int odd = even + stride;
                a[even] = (sr + dr) * R;
                a[even + 1] = (si + di) * R;
                a[odd] = (sr - dr) * R;
                a[odd + 1] = (si - di) * R;
            }
        }
    }
}
