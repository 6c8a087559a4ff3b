package org.lodestone.seq.limits;

import org.lodestone.hw.program.BoardLimits;
import org.lodestone.seq.model.Physics;

/**
 * What a unit can do, in sequence units (seconds, Hz/m, Hz). Comes from the unit's CAPABILITIES;
 * {@link #PLANNING} is only for planning while no unit is connected, and is replaced on connect.
 * Thermal ratings ({@link HeatingLimits}) and patient-safety models ({@link PatientSafety}) take
 * documented defaults until CAPABILITIES carry them.
 */
public record UnitProfile(String model, double larmorHz, double tick, double gradientRaster, double rfRaster,
                          double blockRaster, double maxGradient, double maxSlew, double maxB1Hz,
                          double minDwell, double maxDwell, int maxSamples, int receiveChannels,
                          HeatingLimits heating, PatientSafety safety, long programMemoryBytes) {

    /** Program memory assumed when planning without a unit: the twin's and the reference board's 64 MiB. */
    public static final long DEFAULT_PROGRAM_MEMORY = 64L << 20;

    public UnitProfile(String model, double larmorHz, double tick, double gradientRaster, double rfRaster,
                       double blockRaster, double maxGradient, double maxSlew, double maxB1Hz,
                       double minDwell, double maxDwell, int maxSamples, int receiveChannels) {
        this(model, larmorHz, tick, gradientRaster, rfRaster, blockRaster, maxGradient, maxSlew, maxB1Hz, minDwell, maxDwell,
                maxSamples, receiveChannels, HeatingLimits.defaultsFor(maxGradient, maxB1Hz), PatientSafety.IEC_NORMAL_MODE,
                DEFAULT_PROGRAM_MEMORY);
    }

    /** The same unit with another patient-safety model (e.g. {@link PatientSafety#forWeight} of the patient). */
    public UnitProfile withSafety(PatientSafety patient) {
        return new UnitProfile(model, larmorHz, tick, gradientRaster, rfRaster, blockRaster, maxGradient, maxSlew, maxB1Hz, minDwell,
                maxDwell, maxSamples, receiveChannels, heating, patient, programMemoryBytes);
    }

    /** The same unit with another program memory (bytes of encoded program it holds at once). */
    public UnitProfile withProgramMemory(long bytes) {
        return new UnitProfile(model, larmorHz, tick, gradientRaster, rfRaster, blockRaster, maxGradient, maxSlew, maxB1Hz, minDwell,
                maxDwell, maxSamples, receiveChannels, heating, safety, bytes);
    }

    /** A typical 0.35 T NdFeB unit: 10 mT/m, 20 T/m/s, 20 µT; gradient RMS 6 mT/m over 1 s, RF ≤ 10 % duty, B1rms ≤ 5 µT. */
    public static final UnitProfile PLANNING = new UnitProfile("planning profile (no unit connected)",
            0.35 * Physics.GAMMA_HZ_PER_T, 100e-9, 10e-6, 1e-6, 10e-6,
            Physics.mTPerMToHzPerM(10), Physics.mTPerMToHzPerM(10) * 2000, 20e-6 * Physics.GAMMA_HZ_PER_T,
            1e-6, 1e-3, 4096, 2);

    /**
     * A research whole-body gradient system at 1.5 T, for checking sequences written elsewhere: 40 mT/m,
     * 150 T/m/s, 25 µT; Pulseq's default rasters; ADC dwell 100 ns to 1 ms, 8192 samples.
     */
    public static final UnitProfile RESEARCH = new UnitProfile("research profile (40 mT/m, 150 T/m/s, 25 µT, 1.5 T)",
            1.5 * Physics.GAMMA_HZ_PER_T, 100e-9, 10e-6, 1e-6, 10e-6,
            Physics.mTPerMToHzPerM(40), Physics.mTPerMToHzPerM(150) * 1000, 25e-6 * Physics.GAMMA_HZ_PER_T,
            100e-9, 1e-3, 8192, 32);

    /** The profile of a board as it describes itself ({@code capabilities.limits()}). */
    public static UnitProfile from(BoardLimits c) {
        double tick = c.tickNs() * 1e-9;
        return new UnitProfile(c.model(), c.nominalLarmorHz(), tick, c.gradientRasterTicks() * tick,
                c.rfRasterTicks() * tick, c.blockRasterTicks() * tick, c.maxGradientHzPerM(), c.maxSlewHzPerMPerS(),
                c.maxB1Hz(), c.minDwellNs() * 1e-9, c.maxDwellNs() * 1e-9, c.maxSamplesPerAdc(), c.receiveChannels())
                .withProgramMemory(c.programMemoryBytes());
    }

    public double b0Tesla() {
        return larmorHz / Physics.GAMMA_HZ_PER_T;
    }
}
