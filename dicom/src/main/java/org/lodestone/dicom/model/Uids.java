package org.lodestone.dicom.model;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** DICOM UIDs: new ones under the UUID-derived root 2.25 (no registered root needed), and a validity check. */
public final class Uids {
    private Uids() {
    }

    /** A new globally unique UID, {@code 2.25.<UUID as an unsigned integer>}. */
    public static String create() {
        UUID u = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }

    /**
     * A UID that is a function of a parent UID and a number (e.g. series UID and instance number), so that exporting
     * the same images again gives the same SOP Instance UIDs and a PACS or the outbox sees the same instances.
     */
    public static String derived(String parentUid, int number) {
        UUID u = UUID.nameUUIDFromBytes((parentUid + "/" + number).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }

    public static boolean valid(String uid) {
        return uid != null && uid.length() <= 64 && uid.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    }

    static String require(String uid, String what) {
        if (!valid(uid)) throw new IllegalArgumentException(what + " is not a valid DICOM UID: " + uid);
        return uid;
    }
}
