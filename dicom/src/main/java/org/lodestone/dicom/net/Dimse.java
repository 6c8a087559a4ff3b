package org.lodestone.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.UnsignedLongAttribute;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * One DIMSE request and its response over an open PixelMed association. PixelMed has SCUs for C-ECHO, C-STORE and
 * C-FIND but none for N-CREATE/N-SET (MPPS), and its C-STORE SCU does not hand back the response status, which the
 * outbox needs to tell a refused object from a lost connection; so requests are encoded here.
 */
public final class Dimse {
    public static final AttributeTag COMMAND_GROUP_LENGTH = new AttributeTag(0x0000, 0x0000);
    public static final AttributeTag AFFECTED_SOP_CLASS = new AttributeTag(0x0000, 0x0002);
    public static final AttributeTag REQUESTED_SOP_CLASS = new AttributeTag(0x0000, 0x0003);
    public static final AttributeTag COMMAND_FIELD = new AttributeTag(0x0000, 0x0100);
    public static final AttributeTag MESSAGE_ID = new AttributeTag(0x0000, 0x0110);
    public static final AttributeTag MESSAGE_ID_RESPONDED = new AttributeTag(0x0000, 0x0120);
    public static final AttributeTag PRIORITY = new AttributeTag(0x0000, 0x0700);
    public static final AttributeTag DATA_SET_TYPE = new AttributeTag(0x0000, 0x0800);
    public static final AttributeTag STATUS = new AttributeTag(0x0000, 0x0900);
    public static final AttributeTag ERROR_COMMENT = new AttributeTag(0x0000, 0x0902);
    public static final AttributeTag AFFECTED_SOP_INSTANCE = new AttributeTag(0x0000, 0x1000);
    public static final AttributeTag REQUESTED_SOP_INSTANCE = new AttributeTag(0x0000, 0x1001);

    public static final int C_STORE_RQ = 0x0001;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int N_SET_RQ = 0x0120;
    public static final int N_CREATE_RQ = 0x0140;
    static final int NO_DATA_SET = 0x0101;
    static final int DATA_SET_PRESENT = 0x0000;

    private Dimse() {
    }

    /** The response: its status and error comment (empty when none), and its data set if it had one. */
    public record Response(int status, String errorComment, AttributeList data) {
        public boolean success() {
            return status == 0 || (status & 0xF000) == 0xB000 || status == 0x0107 || status == 0x0116;
        }
    }

    /** Sends the command (and data set, in the context's transfer syntax, or null) and waits for the response. */
    public static Response exchange(Association a, byte contextId, AttributeList command, AttributeList data)
            throws DicomNetworkException, DicomException, IOException, com.pixelmed.network.AReleaseException {
        put(command, DATA_SET_TYPE, data == null ? NO_DATA_SET : DATA_SET_PRESENT);
        byte[] dataBytes = null;
        if (data != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            data.write(out, a.getTransferSyntaxForPresentationContextID(contextId), false, false);
            dataBytes = out.toByteArray();
        }
        Handler handler = new Handler();
        a.setReceivedDataHandler(handler);
        sendMessage(a, contextId, encodeCommand(command), dataBytes);
        a.waitForPDataPDUsUntilHandlerReportsDone();
        return new Response(handler.status, handler.comment, handler.data);
    }

    /**
     * Sends the command, then the data set through PixelMed's association stream, which splits it into PDUs no
     * larger than the peer accepts ({@code Association.send} with data would put it all in one PDU).
     */
    static void sendMessage(Association a, byte contextId, byte[] command, byte[] data)
            throws DicomNetworkException, IOException {
        a.send(contextId, command, null);
        if (data != null) {
            try (var out = a.getAssociationOutputStream(contextId)) {
                out.write(data);
            }
        }
    }

    /** Sets an unsigned-short command element. */
    public static void put(AttributeList command, AttributeTag tag, int value) throws DicomException {
        var a = new com.pixelmed.dicom.UnsignedShortAttribute(tag);
        a.addValue(value);
        command.put(a);
    }

    public static void putUid(AttributeList command, AttributeTag tag, String uid) throws DicomException {
        var a = new com.pixelmed.dicom.UniqueIdentifierAttribute(tag);
        a.addValue(uid);
        command.put(a);
    }

    /** Commands are always implicit VR little endian, with their group length first. */
    static byte[] encodeCommand(AttributeList command) throws DicomException, IOException {
        command.remove(COMMAND_GROUP_LENGTH);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        command.write(body, TransferSyntax.ImplicitVRLittleEndian, false, false);
        UnsignedLongAttribute length = new UnsignedLongAttribute(COMMAND_GROUP_LENGTH);
        length.addValue(body.size());
        command.put(length);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        command.write(all, TransferSyntax.ImplicitVRLittleEndian, false, false);
        return all.toByteArray();
    }

    private static final class Handler extends CompositeResponseHandler {
        int status = -1;
        String comment = "";
        AttributeList data;

        Handler() {
            allowData = true;
        }

        @Override
        protected void evaluateStatusAndSetSuccess(AttributeList list) {
            status = Attribute.getSingleIntegerValueOrDefault(list, STATUS, -1);
            comment = Attribute.getSingleStringValueOrEmptyString(list, ERROR_COMMENT);
            success = status == 0;
            // PixelMed leaves "done" to the handler: a response without a data set ends here.
            done = Attribute.getSingleIntegerValueOrDefault(list, DATA_SET_TYPE, NO_DATA_SET) == NO_DATA_SET;
        }

        @Override
        protected void makeUseOfDataSet(AttributeList list) {
            data = list;
            done = true;
        }
    }
}
