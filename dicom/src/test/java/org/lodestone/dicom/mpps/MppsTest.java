package org.lodestone.dicom.mpps;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.fasterxml.jackson.databind.JsonNode;
import org.lodestone.dicom.MppsScpPeer;
import org.lodestone.dicom.Peers;
import org.lodestone.dicom.model.DicomPatient;
import org.lodestone.dicom.model.DicomStudy;
import org.lodestone.dicom.model.Uids;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.net.NetworkFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MPPS: the data sets, a real MPPS SCP (dcmjs-dimse under node, {@link MppsScpPeer}: Debian has none) receiving
 * IN PROGRESS, COMPLETED with the performed series and DISCONTINUED, and a destination without MPPS (storescp)
 * reported as not offering it rather than failing obscurely.
 */
class MppsTest {
    @TempDir
    Path dir;

    private static MppsStart start() {
        return new MppsStart(new DicomPatient("P-0042", "Müller^Jürgen", LocalDate.of(1961, 3, 14), "M"),
                new DicomStudy(Uids.create(), "7", "ACC-9001", "MR knee", LocalDateTime.of(2026, 12, 5, 9, 30), ""),
                "RP-1", "SPS-1", "PPS-1", "knee", "LODESTONE", "truck 3", LocalDateTime.of(2026, 12, 5, 9, 31, 2));
    }

    @Test
    void theNCreateDataSetCarriesPatientScheduledStepAndInProgress() throws Exception {
        AttributeList l = MppsClient.createDataSet(start());
        assertThat(Attribute.getSingleStringValueOrEmptyString(l, new AttributeTag(0x0040, 0x0252))).isEqualTo("IN PROGRESS");
        assertThat(Attribute.getSingleStringValueOrEmptyString(l, new AttributeTag(0x0010, 0x0010))).isEqualTo("Müller^Jürgen");
        assertThat(Attribute.getSingleStringValueOrEmptyString(l, new AttributeTag(0x0040, 0x0244))).isEqualTo("20261205");
        assertThat(Attribute.getSingleStringValueOrEmptyString(l, new AttributeTag(0x0040, 0x0245))).isEqualTo("093102");
        SequenceAttribute sched = (SequenceAttribute) l.get(new AttributeTag(0x0040, 0x0270));
        assertThat(Attribute.getSingleStringValueOrEmptyString(sched.getItem(0).getAttributeList(), new AttributeTag(0x0008, 0x0050)))
                .isEqualTo("ACC-9001");
        // Type 2 attributes must be present even when empty.
        assertThat(l.get(new AttributeTag(0x0040, 0x0250))).isNotNull();
        assertThat(l.get(new AttributeTag(0x0040, 0x0340))).isNotNull();
    }

    @Test
    void theNSetDataSetListsThePerformedSeriesAndTheirImages() throws Exception {
        String series = Uids.create();
        AttributeList l = MppsClient.setDataSet(false, List.of(new PerformedSeries(series, "se2d", "se2d", "tech",
                List.of(new PerformedSeries.ImageRef("1.2.840.10008.5.1.4.1.1.4", "1.2.3.4")))), LocalDateTime.of(2026, 12, 5, 9, 40));
        assertThat(Attribute.getSingleStringValueOrEmptyString(l, new AttributeTag(0x0040, 0x0252))).isEqualTo("DISCONTINUED");
        AttributeList item = ((SequenceAttribute) l.get(new AttributeTag(0x0040, 0x0340))).getItem(0).getAttributeList();
        assertThat(Attribute.getSingleStringValueOrEmptyString(item, new AttributeTag(0x0020, 0x000E))).isEqualTo(series);
        AttributeList ref = ((SequenceAttribute) item.get(new AttributeTag(0x0008, 0x1140))).getItem(0).getAttributeList();
        assertThat(Attribute.getSingleStringValueOrEmptyString(ref, new AttributeTag(0x0008, 0x1155))).isEqualTo("1.2.3.4");
    }

    @Test
    void aDestinationWithoutMppsSaysItDoesNotOfferIt() throws Exception {
        int port = Peers.freePort();
        Process storescp = Peers.storescp(port, dir.resolve("in"));
        try {
            MppsClient mpps = new MppsClient(new DicomClient("LODESTONE", Duration.ofSeconds(20)));
            assertThatThrownBy(() -> mpps.inProgress(new DicomNode("pacs", "STORE", "127.0.0.1", port, false), start()))
                    .isInstanceOfSatisfying(NetworkFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(NetworkFailure.Kind.NOT_SUPPORTED);
                        assertThat(f.getMessage()).isEqualTo("pacs does not accept MPPS (performed procedure step) from us"
                                + " (presentation context refused)");
                    });
        } finally {
            Peers.stop(storescp);
        }
    }

    @Test
    void aRealMppsScpReceivesInProgressThenCompletedWithThePerformedSeries() throws Exception {
        try (MppsScpPeer scp = MppsScpPeer.start("RIS", dir)) {
            DicomNode ris = new DicomNode("ris", "RIS", "127.0.0.1", scp.port(), false);
            MppsClient mpps = new MppsClient(new DicomClient("LODESTONE", Duration.ofSeconds(20)));
            String step = mpps.inProgress(ris, start());
            String series = Uids.create();
            mpps.end(ris, step, true, List.of(new PerformedSeries(series, "se2d axial", "se2d", "tech",
                    List.of(new PerformedSeries.ImageRef("1.2.840.10008.5.1.4.1.1.4", series + ".1"),
                            new PerformedSeries.ImageRef("1.2.840.10008.5.1.4.1.1.4", series + ".2")))),
                    LocalDateTime.of(2026, 12, 5, 9, 44, 10));

            List<JsonNode> got = scp.received();
            assertThat(got).extracting(j -> j.get("command").asText()).containsExactly("n-create", "n-set");
            JsonNode create = got.get(0);
            assertThat(create.get("sopInstanceUid").asText()).isEqualTo(step);
            assertThat(create.get("callingAeTitle").asText()).isEqualTo("LODESTONE");
            JsonNode c = create.get("dataset");
            assertThat(c.get("PerformedProcedureStepStatus").asText()).isEqualTo("IN PROGRESS");
            assertThat(c.get("PatientName").toString()).contains("Müller^Jürgen");
            assertThat(c.get("PatientID").asText()).isEqualTo("P-0042");
            assertThat(c.get("Modality").asText()).isEqualTo("MR");
            assertThat(c.get("PerformedProcedureStepStartDate").asText()).isEqualTo("20261205");
            assertThat(c.get("ScheduledStepAttributesSequence").get(0).get("AccessionNumber").asText()).isEqualTo("ACC-9001");

            JsonNode set = got.get(1);
            assertThat(set.get("sopInstanceUid").asText()).isEqualTo(step);
            JsonNode d = set.get("dataset");
            assertThat(d.get("PerformedProcedureStepStatus").asText()).isEqualTo("COMPLETED");
            assertThat(d.get("PerformedProcedureStepEndTime").asText()).isEqualTo("094410");
            JsonNode performed = d.get("PerformedSeriesSequence").get(0);
            assertThat(performed.get("SeriesInstanceUID").asText()).isEqualTo(series);
            assertThat(performed.get("ReferencedImageSequence")).extracting(r -> r.get("ReferencedSOPInstanceUID").asText())
                    .containsExactly(series + ".1", series + ".2");

            // A finished step may not change: the SCP refuses, and we say so in one sentence.
            assertThatThrownBy(() -> mpps.end(ris, step, false, List.of(), LocalDateTime.of(2026, 12, 5, 9, 50)))
                    .isInstanceOfSatisfying(NetworkFailure.class, f -> assertThat(f.getMessage())
                            .isEqualTo("ris refused the performed procedure step (status 0x0110)"));
            assertThat(scp.received()).hasSize(2);
        }
    }

    @Test
    void anAbortedExamEndsItsStepDiscontinued() throws Exception {
        try (MppsScpPeer scp = MppsScpPeer.start("RIS", dir)) {
            DicomNode ris = new DicomNode("ris", "RIS", "127.0.0.1", scp.port(), false);
            MppsClient mpps = new MppsClient(new DicomClient("LODESTONE", Duration.ofSeconds(20)));
            String step = mpps.inProgress(ris, start());
            mpps.end(ris, step, false, List.of(), LocalDateTime.of(2026, 12, 5, 9, 35));
            List<JsonNode> got = scp.received();
            assertThat(got).extracting(j -> j.get("dataset").get("PerformedProcedureStepStatus").asText())
                    .containsExactly("IN PROGRESS", "DISCONTINUED");
            assertThat(got.get(1).get("sopInstanceUid").asText()).isEqualTo(step);
        }
    }
}
