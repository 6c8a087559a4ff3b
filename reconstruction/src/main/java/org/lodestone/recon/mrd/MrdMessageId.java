package org.lodestone.recon.mrd;

/** uint16 message ids of the ISMRMRD protocol stream (serialization.h, {@code ISMRMRD_MESSAGE_*}). */
public final class MrdMessageId {
    public static final int HEADER = 3;
    public static final int CLOSE = 4;
    public static final int ACQUISITION = 1008;

    private MrdMessageId() {
    }
}
