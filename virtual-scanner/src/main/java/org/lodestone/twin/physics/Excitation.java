package org.lodestone.twin.physics;

import org.lodestone.hw.program.RfPulse;

/**
 * What an RF pulse does to the spins: a rotation by the flip angle the unit really transmits (the pulse's
 * area × the hidden RF scale × the transmit scale × the coil's efficiency at this frequency and tuning)
 * about the axis of its phase at its centre, in the receiver's rotating frame.
 */
final class Excitation {
    private static final double TWO_PI = 2 * Math.PI;

    private Excitation() {
    }

    /** The rotation (row-major) of {@code rf} with the unit's hidden RF scale, the set transmit scale and the coil efficiency. */
    static SpinOp.Rot rotation(RfPulse rf, int tickNs, double rfScale, double transmitScale, double efficiency) {
        ProgramAnalysis.RfEquivalent eq = ProgramAnalysis.equivalent(rf, tickNs);
        double alpha = TWO_PI * eq.areaTurns() * rfScale * transmitScale * efficiency;
        // phase of the carrier-offset RF at its centre, relative to the receiver's rotating frame
        double phi = eq.phaseRad() + TWO_PI * eq.frequencyOffsetHz() * rf.durationTicks() / 2.0 * (tickNs * 1e-9);
        double nx = Math.cos(phi), ny = Math.sin(phi);
        double c = Math.cos(alpha), s = Math.sin(alpha), oc = 1 - c;
        return new SpinOp.Rot(new double[] {
            c + oc * nx * nx, oc * nx * ny, s * ny,
            oc * nx * ny, c + oc * ny * ny, -s * nx,
            -s * ny, s * nx, c});
    }
}
