package org.lodestone.dicom.model;

/** What a series' pixels are: as acquired, or derived from another series (marked DERIVED in Image Type). */
public enum ImageKind {
    ORIGINAL("ORIGINAL\\PRIMARY\\OTHER"),
    MIP("DERIVED\\SECONDARY\\PROJECTION IMAGE"),
    MPR("DERIVED\\SECONDARY\\MPR");

    private final String imageType;

    ImageKind(String imageType) {
        this.imageType = imageType;
    }

    /** The Image Type (0008,0008) value, backslash-separated. */
    public String imageType() {
        return imageType;
    }

    public boolean derived() {
        return this != ORIGINAL;
    }
}
