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
        for (int y = 0; y < ny; y++) {
            for (int j = 0; j < nx; j++) {
                double sr = 0, si = 0;
                for (int k = 0; k < nx; k++) {
                    double a = 2 * Math.PI * (k - nx / 2) * (j - nx / 2) / nx;
                    double c = Math.cos(a), s = Math.sin(a);
                    sr += re[y][k] * c - im[y][k] * s;
                    si += re[y][k] * s + im[y][k] * c;
                }
                tr[y][j] = sr / nx;
                ti[y][j] = si / nx;
            }
        }
        double[][] or = new double[ny][nx], oi = new double[ny][nx];
        for (int x = 0; x < nx; x++) {
            for (int j = 0; j < ny; j++) {
                double sr = 0, si = 0;
                for (int k = 0; k < ny; k++) {
                    double a = 2 * Math.PI * (k - ny / 2) * (j - ny / 2) / ny;
                    double c = Math.cos(a), s = Math.sin(a);
                    sr += tr[k][x] * c - ti[k][x] * s;
                    si += tr[k][x] * s + ti[k][x] * c;
                }
                or[j][x] = sr / ny;
                oi[j][x] = si / ny;
            }
        }
        return new double[][][] {or, oi};
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
