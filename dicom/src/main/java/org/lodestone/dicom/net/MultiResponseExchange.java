package org.lodestone.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.Association;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request answered by several responses (C-FIND): pending responses carry an identifier each, the last one the
 * final status. Identifiers are kept as raw bytes, because their character set may need deciding after the fact
 * (a worklist server that sends no Specific Character Set).
 */
public final class MultiResponseExchange {
    private MultiResponseExchange() {
    }

    /** Final status and the raw identifiers of the pending responses, in the context's transfer syntax. */
    public record Result(int status, String errorComment, List<byte[]> identifiers) {
    }

    public static Result exchange(Association a, byte contextId, AttributeList command, AttributeList identifier)
            throws DicomNetworkException, DicomException, IOException, com.pixelmed.network.AReleaseException {
        Dimse.put(command, Dimse.DATA_SET_TYPE, Dimse.DATA_SET_PRESENT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        identifier.write(out, a.getTransferSyntaxForPresentationContextID(contextId), false, false);
        Collector c = new Collector();
        a.setReceivedDataHandler(c);
        Dimse.sendMessage(a, contextId, Dimse.encodeCommand(command), out.toByteArray());
        a.waitForPDataPDUsUntilHandlerReportsDone();
        return new Result(c.finalStatus, c.comment, c.identifiers);
    }

    private static final class Collector extends CompositeResponseHandler {
        final List<byte[]> identifiers = new ArrayList<>();
        final ByteArrayOutputStream commandBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream dataBytes = new ByteArrayOutputStream();
        int finalStatus = -1;
        String comment = "";

        @Override
        public void sendPDataIndication(PDataPDU pdu, Association association) throws DicomNetworkException, DicomException, IOException {
            for (Object o : pdu.getPDVList()) {
                PresentationDataValue pdv = (PresentationDataValue) o;
                if (pdv.isCommand()) {
                    commandBytes.write(pdv.getValue());
                    if (pdv.isLastFragment()) {
                        AttributeList cmd = getAttributeListFromCommandOrData(commandBytes.toByteArray(), "1.2.840.10008.1.2");
                        commandBytes.reset();
                        int status = Attribute.getSingleIntegerValueOrDefault(cmd, Dimse.STATUS, -1);
                        if (status != 0xFF00 && status != 0xFF01) {
                            finalStatus = status;
                            comment = Attribute.getSingleStringValueOrEmptyString(cmd, Dimse.ERROR_COMMENT);
                            done = true;
                        }
                    }
                } else {
                    dataBytes.write(pdv.getValue());
                    if (pdv.isLastFragment()) {
                        identifiers.add(dataBytes.toByteArray());
                        dataBytes.reset();
                    }
                }
            }
        }

        @Override
        protected void evaluateStatusAndSetSuccess(AttributeList list) {
            // not used: sendPDataIndication above does the work
        }
    }
}
