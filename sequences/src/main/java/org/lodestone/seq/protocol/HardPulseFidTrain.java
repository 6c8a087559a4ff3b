package org.lodestone.seq.protocol;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Trap;

import java.util.List;

/**
 * The block layout the FID and the frequency search share: per TR a hard pulse, the ADC after a dead
 * time, then a delay filling the TR. Non-selective, so the geometry is a single line of samples.
 */
record HardPulseFidTrain(Rf rf, double adcDelay, int samples, double dwell, double blockDuration, double fill) {
    static final double DEAD_TIME = 100e-6;

    static HardPulseFidTrain plan(double flipRad, double rfDuration, int samples, double dwell, double tr, UnitProfile unit)
            throws ParameterException {
        Rf rf = Rf.block(flipRad, rfDuration, unit.rfRaster(), 0, 0, Rf.Use.EXCITATION);
        double acqDur = Trap.ceil(rfDuration + DEAD_TIME + samples * dwell, unit.blockRaster());
        if (tr < acqDur) {
            throw new ParameterException("tr", String.format("TR %.1f ms is shorter than the acquisition (%.1f ms)", tr * 1e3, acqDur * 1e3));
        }
        return new HardPulseFidTrain(rf, rfDuration + DEAD_TIME, samples, dwell, acqDur, Trap.ceil(tr - acqDur, unit.blockRaster()));
    }

    /** One TR, the pulse and the receiver {@code offsetHz} off the set frequency. */
    void addTr(List<Block> blocks, double offsetHz, AdcCounters counters) {
        Adc adc = new Adc(adcDelay, samples, dwell, 0, offsetHz, counters, 0);
        blocks.add(new Block(blockDuration, offsetHz == 0 ? rf : rf.withPhaseAndOffset(0, offsetHz), null, null, null, adc));
        if (fill > 0) blocks.add(Block.delay(fill));
    }

    ScanGeometry geometry(int repetitions) {
        return new ScanGeometry(samples, 1, 1, 0, 0, 0, new double[3], new double[] {1, 0, 0},
                new double[] {0, 1, 0}, new double[] {0, 0, 1}, repetitions);
    }
}
