package org.lodestone.console.viewing;

/**
 * What an ROI holds: pixel count, mean, standard deviation (sample, n − 1), minimum, maximum and area in mm².
 * An ROI that holds no pixel centre has count 0 and NaN statistics.
 */
public record RoiStatistics(int count, double mean, double standardDeviation, double min, double max, double areaMm2) {

    public static RoiStatistics of(SliceImage image, Roi roi) {
        double[] b = roi.bounds();
        int x0 = Math.max(0, (int) Math.floor(b[0])), y0 = Math.max(0, (int) Math.floor(b[1]));
        int x1 = Math.min(image.width() - 1, (int) Math.ceil(b[2])), y1 = Math.min(image.height() - 1, (int) Math.ceil(b[3]));
        int n = 0;
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        double mean = 0, m2 = 0; // Welford: stable for large, nearly equal values
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (!roi.contains(x + 0.5, y + 0.5)) continue;
                double v = image.value(x, y);
                n++;
                double delta = v - mean;
                mean += delta / n;
                m2 += delta * (v - mean);
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (n == 0) return new RoiStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        double sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
        return new RoiStatistics(n, mean, sd, min, max, n * image.pixelWidthMm() * image.pixelHeightMm());
    }
}
