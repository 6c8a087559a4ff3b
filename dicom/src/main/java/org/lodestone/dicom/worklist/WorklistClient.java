package org.lodestone.dicom.worklist;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SequenceAttribute;
import org.lodestone.dicom.export.Attributes;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.net.Dimse;
import org.lodestone.dicom.net.MultiResponseExchange;
import org.lodestone.dicom.net.NetworkFailure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Modality Worklist C-FIND: the MR procedure steps scheduled at our station (on a date). Text is decoded in the
 * character set the server names (ISO_IR 100, ISO_IR 192, GB18030, …); when it names none, text that is valid
 * UTF-8 is read as UTF-8 (many RIS send UTF-8 without saying so), anything else as Latin-1, with a warning.
 */
public final class WorklistClient {
    public static final String MODALITY_WORKLIST_FIND = "1.2.840.10008.5.1.4.31";
    static final AttributeTag SPS_SEQUENCE = new AttributeTag(0x0040, 0x0100);
    static final AttributeTag STATION_AE = new AttributeTag(0x0040, 0x0001);
    static final AttributeTag SPS_START_DATE = new AttributeTag(0x0040, 0x0002);
    static final AttributeTag SPS_START_TIME = new AttributeTag(0x0040, 0x0003);
    static final AttributeTag SPS_DESCRIPTION = new AttributeTag(0x0040, 0x0007);
    static final AttributeTag SPS_ID = new AttributeTag(0x0040, 0x0009);
    static final AttributeTag REQUESTED_PROCEDURE_ID = new AttributeTag(0x0040, 0x1001);
    static final AttributeTag REQUESTED_PROCEDURE_DESCRIPTION = new AttributeTag(0x0032, 0x1060);
    static final AttributeTag MODALITY = new AttributeTag(0x0008, 0x0060);
    static final AttributeTag CHARSET = new AttributeTag(0x0008, 0x0005);
    static final AttributeTag PATIENT_NAME = new AttributeTag(0x0010, 0x0010);
    static final AttributeTag PATIENT_ID = new AttributeTag(0x0010, 0x0020);
    static final AttributeTag BIRTH_DATE = new AttributeTag(0x0010, 0x0030);
    static final AttributeTag SEX = new AttributeTag(0x0010, 0x0040);
    static final AttributeTag ACCESSION = new AttributeTag(0x0008, 0x0050);
    static final AttributeTag STUDY_UID = new AttributeTag(0x0020, 0x000D);
    private static final int C_FIND_RQ = 0x0020;

    private final DicomClient client;

    public WorklistClient(DicomClient client) {
        this.client = client;
    }

    /** Scheduled MR steps for {@code stationAeTitle} (null: any station) on {@code date} (null: any date). */
    public WorklistResult query(DicomNode ris, LocalDate date, String stationAeTitle) throws NetworkFailure {
        try (DicomClient.Session s = client.open(ris, List.of(MODALITY_WORKLIST_FIND))) {
            byte context = s.contextFor(MODALITY_WORKLIST_FIND);
            MultiResponseExchange.Result r = s.call(() -> {
                AttributeList cmd = new AttributeList();
                Dimse.putUid(cmd, Dimse.AFFECTED_SOP_CLASS, MODALITY_WORKLIST_FIND);
                Dimse.put(cmd, Dimse.COMMAND_FIELD, C_FIND_RQ);
                Dimse.put(cmd, Dimse.MESSAGE_ID, 1);
                Dimse.put(cmd, Dimse.PRIORITY, 0);
                return MultiResponseExchange.exchange(s.association(), context, cmd, identifier(date, stationAeTitle));
            });
            if (r.status() != 0) {
                throw new NetworkFailure(NetworkFailure.Kind.REFUSED, ris.name() + " answered the worklist query with status "
                        + String.format("0x%04X", r.status()) + (r.errorComment().isEmpty() ? "" : ": " + r.errorComment()), null);
            }
            String ts = s.association().getTransferSyntaxForPresentationContextID(context);
            List<WorklistEntry> entries = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (byte[] raw : r.identifiers()) {
                entries.add(entry(raw, ts, warnings));
            }
            return new WorklistResult(entries, warnings);
        } catch (DicomException | IOException e) {
            throw new NetworkFailure(NetworkFailure.Kind.ABORTED, ris.name() + " sent a worklist entry we could not read", e);
        } catch (com.pixelmed.network.DicomNetworkException e) {
            throw new NetworkFailure(NetworkFailure.Kind.ABORTED, "the association with " + ris.name() + " failed", e);
        }
    }

    static AttributeList identifier(LocalDate date, String station) throws DicomException {
        AttributeList id = new AttributeList();
        for (AttributeTag t : List.of(PATIENT_NAME, PATIENT_ID, BIRTH_DATE, SEX, ACCESSION, STUDY_UID,
                REQUESTED_PROCEDURE_ID, REQUESTED_PROCEDURE_DESCRIPTION)) {
            Attributes.put(id, t, "");
        }
        AttributeList sps = new AttributeList();
        Attributes.put(sps, MODALITY, "MR");
        Attributes.put(sps, STATION_AE, station == null ? "" : station);
        Attributes.put(sps, SPS_START_DATE, date == null ? "" : DateTimeFormatter.BASIC_ISO_DATE.format(date));
        Attributes.put(sps, SPS_START_TIME, "");
        Attributes.put(sps, SPS_DESCRIPTION, "");
        Attributes.put(sps, SPS_ID, "");
        SequenceAttribute seq = new SequenceAttribute(SPS_SEQUENCE);
        seq.addItem(sps);
        id.put(seq);
        return id;
    }

    /** Decodes one identifier, deciding the character set when the server did not name one. */
    static WorklistEntry entry(byte[] raw, String ts, List<String> warnings) throws DicomException, IOException {
        AttributeList l = parse(raw, ts, null);
        String charset = Attribute.getDelimitedStringValuesOrEmptyString(l, CHARSET);
        if (charset.isEmpty()) {
            if (nonAscii(raw)) {
                AttributeList utf8 = parse(raw, ts, "ISO_IR 192");
                if (!containsReplacement(utf8)) {
                    l = utf8;
                    charset = "ISO_IR 192 (assumed: the server sent valid UTF-8 without a character set)";
                } else {
                    l = parse(raw, ts, "ISO_IR 100");
                    charset = "ISO_IR 100 (assumed)";
                    warnings.add("the worklist entry for accession '" + Attribute.getSingleStringValueOrEmptyString(l, ACCESSION)
                            + "' names no character set and is not valid UTF-8; it was read as Latin-1 (ISO_IR 100):"
                            + " check the name with the patient");
                }
            } else {
                charset = "ISO_IR 6 (ASCII)";
            }
        }
        AttributeList sps = new AttributeList();
        Attribute seq = l.get(SPS_SEQUENCE);
        if (seq instanceof SequenceAttribute sa && sa.getNumberOfItems() > 0) sps = sa.getItem(0).getAttributeList();
        return new WorklistEntry(s(l, PATIENT_NAME), s(l, PATIENT_ID), s(l, BIRTH_DATE), s(l, SEX), s(l, ACCESSION),
                s(l, STUDY_UID), s(l, REQUESTED_PROCEDURE_ID), s(l, REQUESTED_PROCEDURE_DESCRIPTION), s(sps, SPS_ID),
                s(sps, SPS_DESCRIPTION), s(sps, SPS_START_DATE), s(sps, SPS_START_TIME), s(sps, MODALITY), s(sps, STATION_AE),
                charset);
    }

    private static String s(AttributeList l, AttributeTag t) {
        return Attribute.getDelimitedStringValuesOrEmptyString(l, t).trim();
    }

    /** Parses an identifier; with {@code assumedCharset}, as if it began with that Specific Character Set. */
    private static AttributeList parse(byte[] raw, String ts, String assumedCharset) throws DicomException, IOException {
        byte[] bytes = raw;
        if (assumedCharset != null) {
            AttributeList prefix = new AttributeList();
            Attributes.put(prefix, CHARSET, assumedCharset);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            prefix.write(out, ts, false, false);
            out.write(raw);
            bytes = out.toByteArray();
        }
        AttributeList l = new AttributeList();
        l.read(new DicomInputStream(new ByteArrayInputStream(bytes), ts, false));
        return l;
    }

    private static boolean nonAscii(byte[] raw) {
        for (byte b : raw) if (b < 0) return true;
        return false;
    }

    private static boolean containsReplacement(AttributeList l) throws DicomException {
        for (Attribute a : l.values()) {
            if (a instanceof SequenceAttribute sa) {
                for (int i = 0; i < sa.getNumberOfItems(); i++) {
                    if (containsReplacement(sa.getItem(i).getAttributeList())) return true;
                }
            } else if (a instanceof com.pixelmed.dicom.StringAttributeAffectedBySpecificCharacterSet) {
                for (String v : a.getStringValues()) if (v.indexOf('\uFFFD') >= 0) return true;
            }
        }
        return false;
    }
}
