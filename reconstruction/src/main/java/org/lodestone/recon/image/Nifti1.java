package org.lodestone.recon.image;

/** NIfTI-1 header offsets and codes (nifti1.h) shared by the writer and the reader. */
final class Nifti1 {
    static final int HEADER_SIZE = 348;
    static final int VOX_OFFSET_SINGLE_FILE = 352;

    static final int OFF_SIZEOF_HDR = 0;
    static final int OFF_REGULAR = 38;
    static final int OFF_DIM = 40;          // short[8]
    static final int OFF_DATATYPE = 70;     // short
    static final int OFF_BITPIX = 72;       // short
    static final int OFF_PIXDIM = 76;       // float[8]
    static final int OFF_VOX_OFFSET = 108;  // float
    static final int OFF_SCL_SLOPE = 112;   // float
    static final int OFF_SCL_INTER = 116;   // float
    static final int OFF_XYZT_UNITS = 123;  // char
    static final int OFF_DESCRIP = 148;     // char[80]
    static final int OFF_QFORM_CODE = 252;  // short
    static final int OFF_SFORM_CODE = 254;  // short
    static final int OFF_QUATERN_B = 256;   // float b, c, d, qoffset x, y, z
    static final int OFF_SROW_X = 280;      // float[4] ×3
    static final int OFF_MAGIC = 344;       // char[4]

    static final short DT_FLOAT32 = 16;
    static final byte UNITS_MM = 2;
    static final short XFORM_SCANNER_ANAT = 1;
    static final byte[] MAGIC_SINGLE_FILE = {'n', '+', '1', 0};

    private Nifti1() {
    }
}
