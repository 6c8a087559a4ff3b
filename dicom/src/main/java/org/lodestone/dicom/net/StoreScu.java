package org.lodestone.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import java.nio.file.Path;

/** C-STORE of one DICOM file over an open session; returns the peer's response status. */
public final class StoreScu {
    private int messageId = 1;

    /** What one file is, read from its header. */
    public record Instance(String sopClassUid, String sopInstanceUid) {
    }

    public static Instance identify(Path file) throws java.io.IOException {
        try {
            AttributeList l = new AttributeList();
            l.read(file.toFile(), TagFromName.PixelData);
            return new Instance(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID),
                    Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID));
        } catch (com.pixelmed.dicom.DicomException e) {
            throw new java.io.IOException(file + " is not a readable DICOM file: " + e.getMessage(), e);
        }
    }

    public Dimse.Response store(DicomClient.Session session, Path file) throws NetworkFailure {
        Instance inst;
        try {
            inst = identify(file);
        } catch (java.io.IOException e) {
            throw new NetworkFailure(NetworkFailure.Kind.REJECTED_OBJECT, e.getMessage(), e);
        }
        byte context = session.contextFor(inst.sopClassUid());
        int id = messageId++;
        return session.call(() -> {
            AttributeList data = new AttributeList();
            data.read(file.toFile());
            data.removeMetaInformationHeaderAttributes();
            data.removeGroupLengthAttributes();
            AttributeList cmd = new AttributeList();
            Dimse.putUid(cmd, Dimse.AFFECTED_SOP_CLASS, inst.sopClassUid());
            Dimse.put(cmd, Dimse.COMMAND_FIELD, Dimse.C_STORE_RQ);
            Dimse.put(cmd, Dimse.MESSAGE_ID, id);
            Dimse.put(cmd, Dimse.PRIORITY, 0);
            Dimse.putUid(cmd, Dimse.AFFECTED_SOP_INSTANCE, inst.sopInstanceUid());
            return Dimse.exchange(session.association(), context, cmd, data);
        });
    }
}
