package org.lodestone.seq.protocol;

import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Rf;

import java.util.ArrayList;
import java.util.List;

/**
 * The image centre moved within the slice ({@code offset_read}, {@code offset_phase}), the way a scanner does it: by the
 * receiver, not the gradients. Along read the ADC demodulates at the frequency the read gradient gives the offset
 * (γ·G_read·offset); along phase every line's ADC phase turns by 2π·k_phase·offset, so the spins at the offset reach the
 * receiver in phase on every line and land in the image's centre. Metres, along the protocol's read and phase directions.
 * A 3D slab off the isocentre ({@code slice_position}) is centred the same way along its partitions: every ADC's phase
 * also turns by 2π·k_partition·partitionM, so the partition field of view sits on the slab the RF frequency excites.
 */
record InPlaneOffset(double readM, double phaseM, double partitionM) {
    static final InPlaneOffset NONE = new InPlaneOffset(0, 0, 0);

    /** The protocol's offsets, each within half its field of view (beyond that the centre would alias). */
    static InPlaneOffset of(ParameterValues p, double fovReadM, double fovPhaseM) throws ParameterException {
        double read = p.get("offset_read") * 1e-3, phase = p.get("offset_phase") * 1e-3;
        if (Math.abs(read) > fovReadM / 2 + 1e-9) {
            throw new ParameterException("offset_read", String.format("A read offset of %.1f mm is beyond half the field of view (%.1f mm)",
                    read * 1e3, fovReadM * 1e3 / 2));
        }
        if (Math.abs(phase) > fovPhaseM / 2 + 1e-9) {
            throw new ParameterException("offset_phase", String.format("A phase offset of %.1f mm is beyond half the field of view (%.1f mm)",
                    phase * 1e3, fovPhaseM * 1e3 / 2));
        }
        return new InPlaneOffset(read, phase, 0);
    }

    /** These offsets with a 3D slab's centre along its partitions (metres along the slice direction, logical gz). */
    InPlaneOffset withSlabCentre(double sliceM) {
        return new InPlaneOffset(readM, phaseM, sliceM);
    }

    boolean isZero() {
        return readM == 0 && phaseM == 0 && partitionM == 0;
    }

    /**
     * The logical blocks (gx = read, gy = phase, gz = partition) with every ADC's frequency and phase offset set for this offset; the
     * blocks themselves when there is none. k is followed through the blocks as the spins see it (reset by an
     * excitation, negated by a refocusing pulse, at the pulse's centre); at the ADC's centre sample N/2, where the
     * protocols put the echo, the demodulation phase is zero for spins at the offset.
     */
    List<Block> applied(List<Block> logical) {
        if (isZero()) return logical;
        List<Block> out = new ArrayList<>(logical.size());
        double[] kStart = new double[3];
        for (Block b : logical) {
            Adc adc = b.adc();
            if (adc != null) {
                double t = adc.delay() + (adc.samples() / 2 + 0.5) * adc.dwell();
                double[] k = kAt(b, kStart, t);
                double g = b.gx() == null ? 0 : b.gx().waveform().valueAt(t);
                double f = g * readM;
                // the partition term only when a slab is moved: a 2D program's residual k_slice stays out of its phases
                double slab = partitionM == 0 ? 0 : k[2] * partitionM;
                double phase = 2 * Math.PI * (k[0] * readM + k[1] * phaseM + slab - f * (adc.samples() / 2 + 0.5) * adc.dwell());
                adc = new Adc(adc.delay(), adc.samples(), adc.dwell(), Math.IEEEremainder(adc.phaseRad() + phase, 2 * Math.PI),
                        adc.frequencyOffsetHz() + f, adc.counters(), adc.flags(), adc.frequencyPpm(), adc.phasePpm(), adc.phaseModulation());
                b = new Block(b.duration(), b.rf(), b.gx(), b.gy(), b.gz(), adc, b.extensions());
            }
            kStart = kAt(b, kStart, b.duration());
            out.add(b);
        }
        return out;
    }

    /**
     * The geometry's centres moved by the offset along its read and phase directions (the MRD headers' positions); a 3D
     * slab's headers already stand at its centre along the slice direction, which the partition phases now image.
     */
    ScanGeometry placed(ScanGeometry g) {
        if (readM == 0 && phaseM == 0) return g;
        double[] shift = new double[3];
        for (int ax = 0; ax < 3; ax++) shift[ax] = 1e3 * (readM * g.readDir()[ax] + phaseM * g.phaseDir()[ax]);
        List<ScanGeometry.SlicePlane> planes = new ArrayList<>();
        for (ScanGeometry.SlicePlane s : g.planes()) planes.add(new ScanGeometry.SlicePlane(plus(s.positionLps(), shift), s.readDir(), s.phaseDir(), s.sliceDir()));
        return new ScanGeometry(g.readoutSamples(), g.phaseEncodes(), g.slices(), g.fovReadMm(), g.fovPhaseMm(), g.sliceThicknessMm(),
                plus(g.positionLps(), shift), g.readDir(), g.phaseDir(), g.sliceDir(), g.averages(), planes);
    }

    /** Logical {k_read, k_phase, k_partition} (cycles/m) at time t of a block, from its value at the block's start. */
    private static double[] kAt(Block b, double[] kStart, double t) {
        double[] k = kStart.clone();
        double from = 0;
        Rf rf = b.rf();
        if (rf != null) {
            double centre = rf.delay() + rf.duration() / 2;
            if (centre <= t) {
                k[0] += area(b.gx(), 0, centre);
                k[1] += area(b.gy(), 0, centre);
                k[2] += area(b.gz(), 0, centre);
                switch (rf.use()) {
                    case EXCITATION -> k = new double[3];
                    case REFOCUSING -> {
                        for (int i = 0; i < 3; i++) k[i] = -k[i];
                    }
                    default -> { }
                }
                from = centre;
            }
        }
        return new double[] {k[0] + area(b.gx(), from, t), k[1] + area(b.gy(), from, t), k[2] + area(b.gz(), from, t)};
    }

    private static double area(Gradient g, double from, double to) {
        return g == null ? 0 : g.waveform().areaUntil(to) - g.waveform().areaUntil(from);
    }

    private static double[] plus(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }
}
