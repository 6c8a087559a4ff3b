package org.lodestone.dicom.mpps;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import org.lodestone.dicom.export.Attributes;
import org.lodestone.dicom.model.Uids;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.net.Dimse;
import org.lodestone.dicom.net.NetworkFailure;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Modality Performed Procedure Step SCU: N-CREATE (IN PROGRESS) when the exam starts, N-SET (COMPLETED or
 * DISCONTINUED, with the performed series) when it ends. PixelMed has no MPPS SCU, so the two DIMSE requests are
 * built here over its association ({@link Dimse}). A destination that does not offer MPPS refuses the presentation
 * context: that is a NOT_SUPPORTED failure, which callers treat as "no MPPS here".
 */
public final class MppsClient {
    public static final String MPPS_SOP_CLASS = "1.2.840.10008.3.1.2.3.3";
    private static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

    private final DicomClient client;

    public MppsClient(DicomClient client) {
        this.client = client;
    }

    /** N-CREATE with status IN PROGRESS; returns the new MPPS SOP Instance UID. */
    public String inProgress(DicomNode node, MppsStart start) throws NetworkFailure {
        String uid = Uids.create();
        inProgress(node, uid, start);
        return uid;
    }

    /**
     * N-CREATE of the step {@code mppsUid}, chosen by the caller so that a repeat after a lost answer names the same
     * step: the peer's "duplicate SOP instance" (0x0111) then means it has it, which is success.
     */
    public void inProgress(DicomNode node, String mppsUid, MppsStart start) throws NetworkFailure {
        request(node, Dimse.N_CREATE_RQ, mppsUid, createDataSet(start));
    }

    /** N-SET: COMPLETED (or DISCONTINUED) with the series performed. */
    public void end(DicomNode node, String mppsUid, boolean completed, List<PerformedSeries> series, LocalDateTime end)
            throws NetworkFailure {
        request(node, Dimse.N_SET_RQ, mppsUid, setDataSet(completed, series, end));
    }

    private void request(DicomNode node, int commandField, String instanceUid, AttributeList data) throws NetworkFailure {
        // Verification too: a peer without MPPS then accepts the association and refuses only MPPS, which says so.
        try (DicomClient.Session s = client.open(node, List.of(MPPS_SOP_CLASS, DicomClient.VERIFICATION))) {
            byte context = s.contextFor(MPPS_SOP_CLASS);
            Dimse.Response r = s.call(() -> {
                AttributeList cmd = new AttributeList();
                boolean create = commandField == Dimse.N_CREATE_RQ;
                Dimse.putUid(cmd, create ? Dimse.AFFECTED_SOP_CLASS : Dimse.REQUESTED_SOP_CLASS, MPPS_SOP_CLASS);
                Dimse.put(cmd, Dimse.COMMAND_FIELD, commandField);
                Dimse.put(cmd, Dimse.MESSAGE_ID, 1);
                Dimse.putUid(cmd, create ? Dimse.AFFECTED_SOP_INSTANCE : Dimse.REQUESTED_SOP_INSTANCE, instanceUid);
                return Dimse.exchange(s.association(), context, cmd, data);
            });
            boolean alreadyCreated = commandField == Dimse.N_CREATE_RQ && r.status() == DUPLICATE_SOP_INSTANCE;
            if (!r.success() && !alreadyCreated) {
                throw new NetworkFailure(NetworkFailure.Kind.REJECTED_OBJECT, node.name() + " refused the performed procedure step"
                        + " (status " + String.format("0x%04X", r.status()) + (r.errorComment().isEmpty() ? "" : ": " + r.errorComment()) + ")", null);
            }
        }
    }

    /** The N-CREATE attributes PS3.4 F.7.2 requires of an SCU (type 1 and 2, empty where we know nothing). */
    static AttributeList createDataSet(MppsStart st) throws NetworkFailure {
        try {
            AttributeList l = new AttributeList();
            Attributes.put(l, tag(0x0008, 0x0005), "ISO_IR 192");
            AttributeList sched = new AttributeList();
            Attributes.put(sched, tag(0x0020, 0x000D), st.study().studyUid());
            Attributes.put(sched, tag(0x0008, 0x0050), st.study().accessionNumber());
            Attributes.put(sched, tag(0x0040, 0x1001), st.requestedProcedureId());
            Attributes.put(sched, tag(0x0032, 0x1060), st.study().description());
            Attributes.put(sched, tag(0x0040, 0x0009), st.scheduledStepId());
            Attributes.put(sched, tag(0x0040, 0x0007), st.description());
            sched.put(new SequenceAttribute(tag(0x0008, 0x1110)));
            SequenceAttribute schedSeq = new SequenceAttribute(tag(0x0040, 0x0270));
            schedSeq.addItem(sched);
            l.put(schedSeq);
            Attributes.put(l, tag(0x0010, 0x0010), st.patient().name());
            Attributes.put(l, tag(0x0010, 0x0020), st.patient().id());
            Attributes.put(l, tag(0x0010, 0x0030), st.patient().birthDate() == null ? "" : DA.format(st.patient().birthDate()));
            Attributes.put(l, tag(0x0010, 0x0040), st.patient().sex());
            l.put(new SequenceAttribute(tag(0x0008, 0x1120)));
            Attributes.put(l, tag(0x0040, 0x0253), st.stepId());
            Attributes.put(l, tag(0x0040, 0x0241), st.stationAeTitle());
            Attributes.put(l, tag(0x0040, 0x0242), st.stationName());
            Attributes.put(l, tag(0x0040, 0x0243), "");
            Attributes.put(l, tag(0x0040, 0x0244), DA.format(st.start()));
            Attributes.put(l, tag(0x0040, 0x0245), TM.format(st.start()));
            Attributes.put(l, tag(0x0040, 0x0252), "IN PROGRESS");
            Attributes.put(l, tag(0x0040, 0x0254), st.description());
            Attributes.put(l, tag(0x0040, 0x0255), "");
            l.put(new SequenceAttribute(tag(0x0008, 0x1032)));
            Attributes.put(l, tag(0x0040, 0x0250), "");
            Attributes.put(l, tag(0x0040, 0x0251), "");
            Attributes.put(l, tag(0x0008, 0x0060), "MR");
            Attributes.put(l, tag(0x0020, 0x0010), st.study().studyId());
            l.put(new SequenceAttribute(tag(0x0040, 0x0260)));
            l.put(new SequenceAttribute(tag(0x0040, 0x0340)));
            return l;
        } catch (DicomException e) {
            throw new NetworkFailure(NetworkFailure.Kind.REJECTED_OBJECT, "the performed procedure step could not be encoded", e);
        }
    }

    static AttributeList setDataSet(boolean completed, List<PerformedSeries> series, LocalDateTime end) throws NetworkFailure {
        try {
            AttributeList l = new AttributeList();
            Attributes.put(l, tag(0x0008, 0x0005), "ISO_IR 192");
            Attributes.put(l, tag(0x0040, 0x0252), completed ? "COMPLETED" : "DISCONTINUED");
            Attributes.put(l, tag(0x0040, 0x0250), DA.format(end));
            Attributes.put(l, tag(0x0040, 0x0251), TM.format(end));
            SequenceAttribute performed = new SequenceAttribute(tag(0x0040, 0x0340));
            for (PerformedSeries s : series) {
                AttributeList item = new AttributeList();
                Attributes.put(item, tag(0x0008, 0x1050), "");
                Attributes.put(item, tag(0x0018, 0x1030), s.protocolName());
                Attributes.put(item, tag(0x0008, 0x1070), s.operatorName());
                Attributes.put(item, tag(0x0020, 0x000E), s.seriesUid());
                Attributes.put(item, tag(0x0008, 0x103E), s.description());
                Attributes.put(item, tag(0x0008, 0x0054), "");
                SequenceAttribute images = new SequenceAttribute(tag(0x0008, 0x1140));
                for (PerformedSeries.ImageRef ref : s.images()) {
                    AttributeList r = new AttributeList();
                    Attributes.put(r, tag(0x0008, 0x1150), ref.sopClassUid());
                    Attributes.put(r, tag(0x0008, 0x1155), ref.sopInstanceUid());
                    images.addItem(r);
                }
                item.put(images);
                item.put(new SequenceAttribute(tag(0x0040, 0xA375)));
                performed.addItem(item);
            }
            l.put(performed);
            return l;
        } catch (DicomException e) {
            throw new NetworkFailure(NetworkFailure.Kind.REJECTED_OBJECT, "the performed procedure step could not be encoded", e);
        }
    }

    private static AttributeTag tag(int group, int element) {
        return new AttributeTag(group, element);
    }
}
