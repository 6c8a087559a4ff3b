package org.lodestone.seq.protocol;

import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Trap;
import org.lodestone.seq.limits.UnitProfile;

/**
 * What a 2D gradient-echo TR of the localizer and of bSSFP starts from: a slice-selective sinc excitation on its
 * gradient (a block of its own) and the Cartesian readout of {@code n} samples at the bandwidth asked for.
 *
 * @param excitationBlock the excitation block's duration, on the block raster
 */
record SliceSelectiveReadout(SincPulse pulse, Trap sliceSelect, Rf rf, double excitationBlock, Encoding.Readout readout, double dwell) {

    /** Refuses (naming the parameter) a bandwidth, FOV or slice the unit cannot do. */
    static SliceSelectiveReadout of(double flipRad, SincPulse pulse, double thickness, double fov, int n, double bandwidth,
                                    UnitProfile unit) throws ParameterException {
        double dwell = Encoding.dwell(bandwidth, n, unit, 2);
        double gRead = Encoding.readGradient(fov, dwell, bandwidth, unit);
        double gSlice = Encoding.sliceGradient(pulse.timeBandwidth(), pulse.duration(), thickness, unit);
        Trap ss = Trap.withFlat(gSlice, pulse.duration(), unit.maxSlew(), unit.gradientRaster());
        Rf rf = Rf.sinc(flipRad, pulse.duration(), pulse.timeBandwidth(), pulse.dwell(), ss.rise(), 0, Rf.Use.EXCITATION);
        double block = Trap.ceil(ss.duration(), unit.blockRaster());
        return new SliceSelectiveReadout(pulse, ss, rf, block, Encoding.Readout.of(gRead, n, dwell, unit), dwell);
    }

    /** The sinc pulse's shape: duration (s), time-bandwidth product, sample spacing (s). */
    record SincPulse(double duration, double timeBandwidth, double dwell) {
    }

    /** From the excitation block's start to the pulse's centre. */
    double excitationCentre() {
        return rf.delay() + pulse.duration() / 2;
    }

    /** The area that brings the slice's spins back in phase: half the slice-select lobe, negated. */
    double sliceRephaseArea() {
        return -sliceSelect.area() / 2;
    }
}
