package org.lodestone.dicom.export;

import com.pixelmed.dicom.AttributeTag;

/** MR tags that PixelMed's TagFromName does not carry (it lists only part of the dictionary). */
final class MrTags {
    static final AttributeTag ScanningSequence = new AttributeTag(0x0018, 0x0020);
    static final AttributeTag SequenceVariant = new AttributeTag(0x0018, 0x0021);
    static final AttributeTag ScanOptions = new AttributeTag(0x0018, 0x0022);
    static final AttributeTag SequenceName = new AttributeTag(0x0018, 0x0024);
    static final AttributeTag AngioFlag = new AttributeTag(0x0018, 0x0025);
    static final AttributeTag InversionTime = new AttributeTag(0x0018, 0x0082);
    static final AttributeTag NumberOfAverages = new AttributeTag(0x0018, 0x0083);
    static final AttributeTag ImagingFrequency = new AttributeTag(0x0018, 0x0084);
    static final AttributeTag MagneticFieldStrength = new AttributeTag(0x0018, 0x0087);
    static final AttributeTag PixelBandwidth = new AttributeTag(0x0018, 0x0095);
    static final AttributeTag AcquisitionMatrix = new AttributeTag(0x0018, 0x1310);
    static final AttributeTag InPlanePhaseEncodingDirection = new AttributeTag(0x0018, 0x1312);
    static final AttributeTag FlipAngle = new AttributeTag(0x0018, 0x1314);

    private MrTags() {
    }
}
