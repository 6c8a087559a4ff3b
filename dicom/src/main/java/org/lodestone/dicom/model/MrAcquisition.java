package org.lodestone.dicom.model;

import java.util.Objects;

/**
 * The MR attributes of a series: the protocol's timing and the unit's field. Times in ms, NaN where the protocol has
 * none (TI of a plain spin echo). {@code scanningSequence}/{@code sequenceVariant} use DICOM's defined terms
 * (SE, GR, IR; SK, SP, SS, NONE), backslash-separated.
 */
public record MrAcquisition(String protocolName, String sequenceName, String scanningSequence, String sequenceVariant,
                            String acquisitionType, double trMs, double teMs, double tiMs, double flipAngleDeg,
                            int echoTrainLength, double pixelBandwidthHz, double fieldTesla, double imagingFrequencyMHz,
                            double sliceThicknessMm, int averages) {
    public MrAcquisition {
        Objects.requireNonNull(protocolName, "protocolName");
        sequenceName = sequenceName == null ? protocolName : sequenceName;
        Objects.requireNonNull(scanningSequence, "scanningSequence");
        Objects.requireNonNull(sequenceVariant, "sequenceVariant");
        if (!"2D".equals(acquisitionType) && !"3D".equals(acquisitionType)) {
            throw new IllegalArgumentException("MR acquisition type must be 2D or 3D: " + acquisitionType);
        }
        if (!(sliceThicknessMm > 0)) throw new IllegalArgumentException("slice thickness must be positive: " + sliceThicknessMm);
    }
}
