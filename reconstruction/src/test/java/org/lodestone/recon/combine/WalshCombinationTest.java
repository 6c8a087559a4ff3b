package org.lodestone.recon.combine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lodestone.recon.cartesian.CartesianRecon2D;

class WalshCombinationTest {
    @Test
    void matchesRssOnTheObjectAndLowersTheNoiseFloorOfEightCoils() {
        int n = 96, coils = 8;
        Random rnd = new Random(5);
        float[][] imgs = new float[coils][2 * n * n];
        boolean[] inside = new boolean[n * n];
        for (int c = 0; c < coils; c++) {
            double ang = 2 * Math.PI * c / coils;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double u = (x - n / 2.0) / n, v = (y - n / 2.0) / n;
                    boolean in = Math.hypot(u, v) < 0.3;
                    inside[y * n + x] = in && Math.hypot(u, v) < 0.25; // away from the edge for the comparison
                    double mag = Math.exp(-(Math.pow(u - 0.5 * Math.cos(ang), 2) + Math.pow(v - 0.5 * Math.sin(ang), 2)) / 0.3);
                    double ph = ang + 2 * u;
                    double m = in ? 10 : 0;
                    int p = 2 * (y * n + x);
                    imgs[c][p] = (float) (m * mag * Math.cos(ph) + 0.3 * rnd.nextGaussian());
                    imgs[c][p + 1] = (float) (m * mag * Math.sin(ph) + 0.3 * rnd.nextGaussian());
                }
            }
        }
        float[] rss = CartesianRecon2D.rootSumOfSquares(imgs);
        float[] walsh = WalshCombination.combine(imgs, n, n, 7);
        double ratioIn = 0, rssOut = 0, walshOut = 0;
        int nIn = 0, nOut = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                double mw = Math.hypot(walsh[2 * i], walsh[2 * i + 1]);
                double u = (x - n / 2.0) / n, v = (y - n / 2.0) / n;
                if (inside[i]) {
                    ratioIn += mw / rss[i];
                    nIn++;
                } else if (Math.hypot(u, v) > 0.4) {
                    rssOut += rss[i];
                    walshOut += mw;
                    nOut++;
                }
            }
        }
        ratioIn /= nIn;
        double floor = (walshOut / nOut) / (rssOut / nOut);
        System.out.printf("Walsh/RSS on the object %.3f, background noise floor Walsh/RSS %.3f%n", ratioIn, floor);
        assertThat(ratioIn).isCloseTo(1.0, within(0.03));
        assertThat(floor).isLessThan(0.6);
    }
}
