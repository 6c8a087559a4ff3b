package org.lodestone.twin;

import org.lodestone.twin.physics.SimulatedLine;

import java.util.List;

/** The plainest Cartesian reconstruction: centred 2D inverse DFT per channel, root-sum-of-squares. */
public final class TestRecon {
    private TestRecon() {
    }

    /** Image [y][x] (x = readout sample axis, y = line counter axis), magnitude RSS over channels. */
    public static double[][] rss(List<SimulatedLine> lines, int nx, int ny, int channels) {
        double[][] out = new double[ny][nx];
        for (int c = 0; c < channels; c++) {
            double[][] re = new double[ny][nx];
            double[][] im = new double[ny][nx];
            for (SimulatedLine l : lines) {
                int y = l.adc().counters().line();
                for (int x = 0; x < nx; x++) {
                    re[y][x] = l.re(c, x);
                    im[y][x] = l.im(c, x);
                }
            }
            double[][][] img = idft2(re, im);
            for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
                out[y][x] += img[0][y][x] * img[0][y][x] + img[1][y][x] * img[1][y][x];
            }
        }
        for (double[] row : out) for (int x = 0; x < row.length; x++) row[x] = Math.sqrt(row[x]);
        return out;
    }

    /** Centred inverse DFT: k index and image index both have their centre at N/2. */
    static double[][][] idft2(double[][] re, double[][] im) {
        int ny = re.length, nx = re[0].length;
        double[][] tr = new double[ny][nx], ti = new double[ny][nx];
        for (int y = 0; y < ny; y++) idft(re[y], im[y], tr[y], ti[y]);
        double[][] or = new double[ny][nx], oi = new double[ny][nx];
        double[] cr = new double[ny], ci = new double[ny], dr = new double[ny], di = new double[ny];
        for (int x = 0; x < nx; x++) {
            for (int y = 0; y < ny; y++) {
                cr[y] = tr[y][x];
                ci[y] = ti[y][x];
            }
            idft(cr, ci, dr, di);
            for (int y = 0; y < ny; y++) {
                or[y][x] = dr[y];
                oi[y][x] = di[y];
            }
        }
        return new double[][][] {or, oi};
    }

    /** Centred inverse DFT of one line (rows, then columns, in {@link #idft2}). */
    private static void idft(double[] re, double[] im, double[] outRe, double[] outIm) {
        int n = re.length;
        for (int j = 0; j < n; j++) {
            double sr = 0, si = 0;
            for (int k = 0; k < n; k++) {
                double a = 2 * Math.PI * (k - n / 2) * (j - n / 2) / n;
                double c = Math.cos(a), s = Math.sin(a);
                sr += re[k] * c - im[k] * s;
                si += re[k] * s + im[k] * c;
            }
            outRe[j] = sr / n;
            outIm[j] = si / n;
        }
    }

    public static double pearson(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    public static double[] flatten(double[][] img) {
        int ny = img.length, nx = img[0].length;
        double[] out = new double[nx * ny];
        for (int y = 0; y < ny; y++) System.arraycopy(img[y], 0, out, y * nx, nx);
        return out;
    }
}
