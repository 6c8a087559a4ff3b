package org.lodestone.workflow.exam;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** DICOM UIDs from random UUIDs under the 2.25 root (PS3.5 B.2): unique without a registered root. */
public final class DicomUid {
    private DicomUid() {
    }

    public static String create() {
        UUID u = UUID.randomUUID();
        byte[] b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, b);
    }

    public static boolean isValid(String uid) {
        return uid != null && uid.length() <= 64 && uid.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))+");
    }
}
