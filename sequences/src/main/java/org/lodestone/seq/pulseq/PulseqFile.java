package org.lodestone.seq.pulseq;

import org.lodestone.seq.model.Sequence;

/**
 * A Pulseq file as read: the sequence, the format version it was written in, and its signature
 * ({@code signatureHash} null when the file has none; when present it has been verified).
 */
public record PulseqFile(Sequence sequence, PulseqVersion version, Rasters rasters, String signatureType, String signatureHash) {
    public boolean signed() {
        return signatureHash != null;
    }
}
