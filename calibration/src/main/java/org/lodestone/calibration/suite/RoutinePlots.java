package org.lodestone.calibration.suite;

import org.lodestone.calibration.gradient.GeometryPhantomSpec;
import org.lodestone.calibration.gradient.GradientCalibration;
import org.lodestone.calibration.noise.NoiseSurvey;
import org.lodestone.calibration.plot.Spectra;
import org.lodestone.calibration.plot.XyPlot;
import org.lodestone.calibration.run.Fid;
import org.lodestone.calibration.shim.ShimCalibration;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/** The plots of the routines whose picture is a spectrum: what the engineer reads the result from. */
final class RoutinePlots {
    /** Distinct colours for up to eight channels; more cycle (the legend names each). */
    private static final Color[] CHANNEL = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /** Noise spectra are averaged over this many bins so each channel's level reads as a line, not a band. */
    static final int SMOOTH = 8;

    private RoutinePlots() {
    }

    private static List<double[]> smooth(List<double[]> xy) {
        List<double[]> out = new java.util.ArrayList<>();
        for (int i = 0; i + SMOOTH <= xy.size(); i += SMOOTH / 2) {
            double x = 0, y = 0;
            for (int k = i; k < i + SMOOTH; k++) {
                x += xy.get(k)[0];
                y += xy.get(k)[1];
            }
            out.add(new double[] {x / SMOOTH, y / SMOOTH});
        }
        return out.isEmpty() ? xy : out;
    }

    /** The FID's spectrum at the calibrated carrier, the fitted Larmor frequency marked (0 Hz: where the carrier now is). */
    static XyPlot frequencySpectrum(Fid fid, double larmorHz, double uncertaintyHz, double movedHz) {
        List<double[]> s = Spectra.normalised(Spectra.magnitude(fid.strongest(), fid.dwellS(), 400), Double.NaN);
        return new XyPlot(String.format(Locale.ROOT, "Spectrum at the calibrated carrier: Larmor %.1f Hz ± %.1f Hz (moved %+.1f Hz)",
                larmorHz, uncertaintyHz, movedHz), "offset from the calibrated frequency (Hz)", "magnitude (peak = 1)")
                .line(s, Color.BLUE, "FID spectrum (strongest channel)")
                .marker(0, "fitted Larmor frequency");
    }

    /** The line before and after shimming on one axis: the narrower, taller line is the better field. */
    static XyPlot shimLines(ShimCalibration.Result r) {
        double span = Math.min(2000, Math.max(100, 3 * r.linewidthBeforeHz()));
        List<double[]> before = Spectra.magnitude(r.before().strongest(), r.before().dwellS(), span);
        double peak = before.stream().mapToDouble(q -> q[1]).max().orElse(1);
        return new XyPlot(String.format(Locale.ROOT, "Shim: line before and after (FWHM %.1f → %.1f Hz, %.1f → %.1f ppm)",
                r.linewidthBeforeHz(), r.linewidthAfterHz(), r.ppm(r.linewidthBeforeHz()), r.ppm(r.linewidthAfterHz())),
                "offset from carrier (Hz)", "magnitude (peak before = 1)")
                .line(Spectra.normalised(before, peak), Color.GRAY,
                        String.format(Locale.ROOT, "before, FWHM %.1f Hz", r.linewidthBeforeHz()))
                .line(Spectra.normalised(Spectra.magnitude(r.after().strongest(), r.after().dwellS(), span), peak), Color.BLUE,
                        String.format(Locale.ROOT, "after, FWHM %.1f Hz", r.linewidthAfterHz()));
    }

    /** The shim's field maps (projections matched by position), the picture behind its correction. */
    static XyPlot shimMaps(ShimCalibration.Result r) {
        XyPlot p = new XyPlot("Shim field maps, last round (slope = residual linear field)", "position × probe gradient u (Hz)",
                "field at that position v (Hz)");
        Color[] c = {Color.RED, Color.GREEN.darker(), Color.BLUE};
        for (int a = 0; a < 3; a++) {
            final int axis = a;
            p.points(r.points().stream().filter(q -> q[0] == axis).map(q -> new double[] {q[1], q[2]}).toList(), c[a], "xyz".charAt(a) + " axis");
        }
        return p;
    }

    /** Position (mm, as imaged) of a feature given as a profile index (fractional), on the profile's own x grid. */
    private static double imagedMm(List<double[]> profile, double index) {
        double step = profile.get(1)[0] - profile.get(0)[0];
        return profile.getFirst()[0] + index * step;
    }

    /** The magnitude of the profile at a fractional index (linear between samples). */
    private static double at(List<double[]> profile, double index) {
        int k = Math.max(0, Math.min(profile.size() - 2, (int) Math.floor(index)));
        double f = index - k;
        return profile.get(k)[1] * (1 - f) + profile.get(k + 1)[1] * f;
    }

    /** The three projections with what the fit found on them: the rod dips (x, y) and the half-height ends (z). */
    static XyPlot gradientProfiles(GradientCalibration.Result r) {
        XyPlot p = new XyPlot("Geometry phantom projections (positive readout): rods found (x, y), half-height ends (z)",
                "position as imaged (mm)", "magnitude (a.u.)");
        Color[] c = {Color.RED, Color.GREEN.darker(), Color.BLUE};
        for (int a = 0; a < 3; a++) {
            GradientCalibration.Axis x = r.axes()[a];
            p.line(x.profile(), c[a], String.format(Locale.ROOT, "%s: scale %.4f, delay %.1f µs", "xyz".charAt(a), x.scale().value(),
                    x.delayS().value() * 1e6));
            List<double[]> found = new java.util.ArrayList<>();
            for (double f : x.features()) found.add(new double[] {imagedMm(x.profile(), f), at(x.profile(), f)});
            p.points(found, c[a]);
        }
        return p;
    }

    /** The scale fit itself: each rod's imaged position against the drawing's, and the fitted line (slope = scale). */
    static XyPlot gradientFit(GradientCalibration.Result r) {
        XyPlot p = new XyPlot("Gradient scale fit: rods imaged against the drawing (slope = scale, intercept = where the phantom sits)",
                "position in the drawing (mm)", "position as imaged (mm)");
        Color[] c = {Color.RED, Color.GREEN.darker()};
        for (int a = 0; a < 2; a++) {
            GradientCalibration.Axis x = r.axes()[a];
            double[] f = x.features();
            int side = (f.length - 1) / 2;
            List<double[]> pts = new java.util.ArrayList<>(), line = new java.util.ArrayList<>();
            double sx = 0, sy = 0;
            for (int i = 0; i < f.length; i++) {
                double drawn = (i - side) * GeometryPhantomSpec.GRID_PITCH_MM, imaged = imagedMm(x.profile(), f[i]);
                pts.add(new double[] {drawn, imaged});
                sx += drawn;
                sy += imaged;
            }
            double mx = sx / f.length, my = sy / f.length, sc = x.scale().value();
            for (double d : new double[] {-side * GeometryPhantomSpec.GRID_PITCH_MM, side * GeometryPhantomSpec.GRID_PITCH_MM}) {
                line.add(new double[] {d, my + sc * (d - mx)});
            }
            p.points(pts, c[a], "xy".charAt(a) + " rods").line(line, c[a], String.format(Locale.ROOT, "%s fit: scale %.4f", "xy".charAt(a), sc));
        }
        return p;
    }

    /** One noise spectrum per receive channel the unit delivered, in dB, each named with its σ and excess over baseline. */
    static XyPlot noise(NoiseSurvey.Result r) {
        XyPlot p = new XyPlot(String.format(Locale.ROOT, "Noise spectra, RF off: %d channels (%d-bin running mean)", r.spectra().size(), SMOOTH),
                "offset from carrier (kHz)", "mean power (dB)").minYSpan(12);
        for (int c = 0; c < r.spectra().size(); c++) {
            double ex = c < r.excessDb().length ? r.excessDb()[c] : Double.NaN;
            List<double[]> khz = r.spectra().get(c).stream().map(q -> new double[] {q[0] / 1e3, q[1]}).toList();
            p.line(Spectra.decibels(smooth(khz)), CHANNEL[c % CHANNEL.length], String.format(Locale.ROOT, "ch %d: σ %.2f%s", c, r.noiseStd()[c].value(),
                    Double.isNaN(ex) ? " (baseline)" : String.format(Locale.ROOT, ", %+.1f dB", ex)));
        }
        return p;
    }
}
