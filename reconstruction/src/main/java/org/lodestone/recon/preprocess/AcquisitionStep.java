package org.lodestone.recon.preprocess;

import org.lodestone.recon.mrd.Acquisition;

/**
 * One per-readout preprocessing step (prewhitening, oversampling removal, EMI removal …). Steps compose with
 * {@link #then}, so a pipeline is built once and applied to each readout as it arrives — offline or streaming.
 */
@FunctionalInterface
public interface AcquisitionStep {

    Acquisition apply(Acquisition acquisition);

    default AcquisitionStep then(AcquisitionStep next) {
        return a -> next.apply(apply(a));
    }

    static AcquisitionStep identity() {
        return a -> a;
    }
}
