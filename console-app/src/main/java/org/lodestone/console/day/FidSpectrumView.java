package org.lodestone.console.day;

import org.lodestone.calibration.frequency.FidSpectrum;
import org.lodestone.calibration.shim.Linewidth;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the FID protocol shows instead of an image: its magnitude spectrum (averaged readouts of channel 0),
 * the peak's offset from the centre frequency and the linewidth (FWHM), from the raw journal.
 */
public record FidSpectrumView(double[] magnitude, double bandwidthHz, double centreHz, double peakOffsetHz, double linewidthHz) {
    public FidSpectrumView {
        magnitude = magnitude.clone();
    }

    /** The absolute peak frequency: the centre the scan used plus the peak's offset. */
    public double peakHz() {
        return centreHz + peakOffsetHz;
    }

    public static FidSpectrumView of(Path rawMrd, double centreHz) throws IOException {
        List<Acquisition> acqs = MrdStreamReader.read(rawMrd).acquisitions();
        if (acqs.isEmpty()) throw new IOException("the FID recorded no readout");
        float[] sum = acqs.getFirst().channel(0).clone();
        for (int i = 1; i < acqs.size(); i++) {
            float[] c = acqs.get(i).channel(0);
            for (int k = 0; k < sum.length && k < c.length; k++) sum[k] += c[k];
        }
        double dwell = acqs.getFirst().header().sampleTimeUs() * 1e-6;
        FidSpectrum.Peak peak = FidSpectrum.peak(sum, dwell);
        double fwhm = Linewidth.fwhmHz(sum, dwell);
        int n = Integer.highestOneBit(Math.max(64, sum.length / 2)) * 2;
        return new FidSpectrumView(FidSpectrum.magnitude(sum, n, 0), 1 / dwell, centreHz, peak.offsetHz(), fwhm);
    }
}
