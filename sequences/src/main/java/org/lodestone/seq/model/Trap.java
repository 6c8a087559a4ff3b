package org.lodestone.seq.model;

/** A trapezoidal gradient lobe, amplitude in Hz/m, times in seconds. */
public record Trap(double delay, double rise, double flat, double fall, double amplitude) implements Gradient {

    @Override
    public double first() {
        return 0;
    }

    @Override
    public double last() {
        return 0;
    }

    @Override
    public double peak() {
        return Math.abs(amplitude);
    }

    @Override
    public Waveform waveform() {
        double t1 = delay + rise, t2 = t1 + flat, t3 = t2 + fall;
        return new Waveform(new double[] {delay, t1, t2, t3}, new double[] {0, amplitude, amplitude, 0});
    }


    public double duration() {
        return delay + rise + flat + fall;
    }

    /** Area in cycles/m. */
    public double area() {
        return amplitude * (flat + (rise + fall) / 2);
    }

    public double flatArea() {
        return amplitude * flat;
    }

    public Trap withDelay(double d) {
        return new Trap(d, rise, flat, fall, amplitude);
    }

    public Trap scaled(double factor) {
        return new Trap(delay, rise, flat, fall, amplitude * factor);
    }

    /**
     * The shortest lobe with the given area under amplitude and slew limits, times rounded up
     * to the gradient raster, amplitude then adjusted to give the exact area.
     */
    public static Trap forArea(double area, double maxAmp, double maxSlew, double raster) {
        if (area == 0) return new Trap(0, raster, 0, raster, 0);
        double a = Math.abs(area);
        double rise = Math.sqrt(a / maxSlew);             // triangle reaching a = slew·t²
        double flat = 0;
        if (rise * maxSlew > maxAmp) {                    // amplitude-limited: trapezoid
            rise = maxAmp / maxSlew;
            flat = (a - maxAmp * rise) / maxAmp;
        }
        rise = ceil(rise, raster);
        flat = ceil(flat, raster);
        double amp = a / (flat + rise);
        return new Trap(0, rise, flat, rise, Math.copySign(amp, area));
    }

    /** A lobe whose flat top has the given amplitude and duration, ramps as short as the slew allows. */
    public static Trap withFlat(double amplitude, double flat, double maxSlew, double raster) {
        double rise = ceil(Math.abs(amplitude) / maxSlew, raster);
        return new Trap(0, Math.max(rise, raster), flat, Math.max(rise, raster), amplitude);
    }

    public static double ceil(double t, double raster) {
        return Math.ceil(t / raster - 1e-9) * raster;
    }
}
