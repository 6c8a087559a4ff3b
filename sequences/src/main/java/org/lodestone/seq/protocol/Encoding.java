package org.lodestone.seq.protocol;

import org.lodestone.seq.geometry.SliceOrientation;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Physics;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Trap;

import java.util.List;

/** Building blocks the newer protocols share: receiver dwell, readout, slice selection, orientation. */
final class Encoding {
    /** Lobes that share a block have one timing (so an oblique rotation keeps them trapezoids) and at most this share of each axis' limits. */
    static final double SHARED_LOBE_SCALE = 1 / Math.sqrt(3);

    private Encoding() {
    }

    static List<ParameterSpec> orientationParameters() {
        return List.of(
                new ParameterSpec("orientation", "Orientation", "", 0, 0, 2, true, "0 axial, 1 coronal, 2 sagittal"),
                new ParameterSpec("tilt_read", "Tilt about read", "°", 0, -90, 90, false, "oblique: slice leans toward the phase direction"),
                new ParameterSpec("tilt_phase", "Tilt about phase", "°", 0, -90, 90, false, "double oblique: slice leans toward the read direction"),
                new ParameterSpec("offset_read", "Offset along read", "mm", 0, -200, 200, false, "image centre moved along the read direction (within ±FOV/2)"),
                new ParameterSpec("offset_phase", "Offset along phase", "mm", 0, -200, 200, false, "image centre moved along the phase direction (within ±FOV/2)"));
    }

    static SliceOrientation orientation(ParameterValues p) {
        return SliceOrientation.oblique(p.integer("orientation"), p.get("tilt_read"), p.get("tilt_phase"));
    }

    /** Dwell for a bandwidth per pixel on a multiple of {@code ticks} device ticks, within the unit's range. */
    static double dwell(double bwPerPixel, int n, UnitProfile unit, int ticks) throws ParameterException {
        double step = unit.tick() * ticks;
        double dwell = Math.max(Math.ceil(unit.minDwell() / step - 1e-9) * step, Math.round(1.0 / (bwPerPixel * n) / step) * step);
        if (dwell > unit.maxDwell()) {
            throw new ParameterException("bandwidth", String.format("Receiver bandwidth %.0f Hz/px needs a dwell of %.1f µs, longer than the unit's %.1f µs",
                    bwPerPixel, dwell * 1e6, unit.maxDwell() * 1e6));
        }
        return dwell;
    }

    static double readGradient(double fov, double dwell, double bw, UnitProfile unit) throws ParameterException {
        double g = 1.0 / (fov * dwell);
        if (g > unit.maxGradient()) {
            throw new ParameterException("fov", String.format("FOV %.0f mm at %.0f Hz/px needs a readout gradient of %.2f mT/m; the unit allows %.2f mT/m (enlarge the FOV or lower the bandwidth)",
                    fov * 1e3, bw, Physics.hzPerMToMTPerM(g), Physics.hzPerMToMTPerM(unit.maxGradient())));
        }
        return g;
    }

    static double sliceGradient(double tbw, double rfDuration, double thickness, UnitProfile unit) throws ParameterException {
        double g = Rf.sincBandwidth(tbw, rfDuration) / thickness;
        if (g > unit.maxGradient()) {
            throw new ParameterException("slice_thickness", String.format("A %.1f mm slice needs %.2f mT/m of slice-select gradient; the unit allows %.2f mT/m",
                    thickness * 1e3, Physics.hzPerMToMTPerM(g), Physics.hzPerMToMTPerM(unit.maxGradient())));
        }
        return g;
    }

    /**
     * A readout lobe symmetric about its echo: flat top an even number of gradient rasters holding
     * n + 1 dwells, the echo (sample n/2) at the middle of the flat top, so the echo is at half the lobe's
     * area and half its duration.
     */
    record Readout(Trap trap, double adcDelay, double echoTime, double duration, double prephaseArea) {
        static Readout of(double gRead, int n, double dwell, UnitProfile unit) {
            double gr = unit.gradientRaster();
            double flat = Trap.ceil((n + 1) * dwell, 2 * gr);
            Trap t = Trap.withFlat(gRead, flat, unit.maxSlew(), gr);
            double echo = t.rise() + flat / 2;
            double adcDelay = Math.round((echo - (n / 2 + 0.5) * dwell) / unit.tick()) * unit.tick();
            return new Readout(t, adcDelay, echo, Trap.ceil(t.duration(), unit.blockRaster()), gRead * (t.rise() / 2 + flat / 2));
        }
    }

    /** One lobe timing for the largest |area| among several lobes that share a block; each lobe is this shape scaled. */
    record SharedLobe(Trap shape) {
        static SharedLobe forMaxArea(double maxAbsArea, UnitProfile unit) {
            return new SharedLobe(Trap.forArea(Math.max(maxAbsArea, 1e-3), unit.maxGradient() * SHARED_LOBE_SCALE,
                    unit.maxSlew() * SHARED_LOBE_SCALE, unit.gradientRaster()));
        }

        Trap lobe(double area) {
            return Math.abs(area) < 1e-9 ? null : shape.scaled(area / shape.area());
        }

        double blockDuration(UnitProfile unit) {
            return Trap.ceil(shape.duration(), unit.blockRaster());
        }
    }

    static double onBlockRaster(double t, UnitProfile unit, String what) {
        double r = Trap.ceil(t, unit.blockRaster());
        if (Math.abs(r - t) > 1e-9) throw new IllegalStateException(what + " " + t + " s is not on the block raster");
        return r;
    }
}
