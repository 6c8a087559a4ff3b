package org.lodestone.calibration.run;

/** Small least-squares fits the routines share. */
public final class Fits {
    private Fits() {
    }

    /** y = a + b·x with standard errors; sigma is the residual standard deviation. */
    public record Line(double a, double b, double sa, double sb, double sigma) {
        /** Where the line crosses zero, and that root's standard error (first order). */
        public double root() {
            return -a / b;
        }

        public double rootError() {
            return Math.hypot(sa / b, a * sb / (b * b));
        }
    }

    public static Line line(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double b = sxy / sxx, a = my - b * mx;
        double ss = 0;
        for (int i = 0; i < n; i++) ss += Math.pow(y[i] - a - b * x[i], 2);
        double sigma = n > 2 ? Math.sqrt(ss / (n - 2)) : 0;
        double sb = sigma / Math.sqrt(sxx);
        double sa = sigma * Math.sqrt(1.0 / n + mx * mx / sxx);
        return new Line(a, b, sa, sb, sigma);
    }

    /** y = c0 + c1·x + c2·x², with the vertex and its rough standard error. */
    public record Parabola(double c0, double c1, double c2, double sigma) {
        public double vertex() {
            return -c1 / (2 * c2);
        }
    }

    public static Parabola parabola(double[] x, double[] y) {
        // normal equations on centred x for conditioning
        int n = x.length;
        double mx = 0;
        for (double v : x) mx += v;
        mx /= n;
        double[][] m = new double[3][4];
        for (int i = 0; i < n; i++) {
            double u = x[i] - mx;
            double[] row = {1, u, u * u};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) m[r][c] += row[r] * row[c];
                m[r][3] += row[r] * y[i];
            }
        }
        double[] c = solve3(m);
        if (c == null) c = new double[] {Double.NaN, Double.NaN, Double.NaN};
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double u = x[i] - mx;
            ss += Math.pow(y[i] - c[0] - c[1] * u - c[2] * u * u, 2);
        }
        // back from centred u = x − mx
        double c2 = c[2], c1 = c[1] - 2 * c[2] * mx, c0 = c[0] - c[1] * mx + c[2] * mx * mx;
        return new Parabola(c0, c1, c2, n > 3 ? Math.sqrt(ss / (n - 3)) : 0);
    }

    /**
     * Solves the 3 × 3 system held in the augmented matrix {@code m} (3 rows of 4, overwritten) by
     * Gauss–Jordan elimination with partial pivoting; null when it is singular.
     */
    public static double[] solve3(double[][] m) {
        for (int p = 0; p < 3; p++) {
            int best = p;
            for (int r = p + 1; r < 3; r++) if (Math.abs(m[r][p]) > Math.abs(m[best][p])) best = r;
            double[] t = m[p];
            m[p] = m[best];
            m[best] = t;
            if (Math.abs(m[p][p]) < 1e-300) return null;
            for (int r = 0; r < 3; r++) {
                if (r == p) continue;
                double f = m[r][p] / m[p][p];
                for (int c = p; c < 4; c++) m[r][c] -= f * m[p][c];
            }
        }
        return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }
}
