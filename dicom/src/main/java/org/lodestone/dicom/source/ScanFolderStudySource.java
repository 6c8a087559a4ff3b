package org.lodestone.dicom.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lodestone.dicom.model.DicomPatient;
import org.lodestone.dicom.model.DicomSeries;
import org.lodestone.dicom.model.DicomStudy;
import org.lodestone.dicom.model.Equipment;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.model.ImageKind;
import org.lodestone.dicom.model.MrAcquisition;
import org.lodestone.dicom.model.SeriesImages;
import org.lodestone.dicom.model.Uids;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Exams from scan output folders ({@code bin/lodestone scan --out DIR}: images.nii + scan.json), until the workflow
 * database holds them. Each folder gets a {@code study.json} with the patient and the UIDs the first time it is
 * registered, so every later export or send of it uses the same UIDs. A folder is one study with one series.
 */
public final class ScanFolderStudySource implements StudySource {
    public static final String STUDY_FILE = "study.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Path> roots;
    private final String softwareVersion;

    /** Looks in each root and in its direct subfolders. */
    public ScanFolderStudySource(List<Path> roots, String softwareVersion) {
        this.roots = List.copyOf(roots);
        this.softwareVersion = softwareVersion;
    }

    /**
     * Writes {@code study.json} into a scan folder (new Study, Series and Frame of Reference UIDs) unless it has one;
     * returns the folder's Study Instance UID.
     */
    public static String register(Path scanDir, DicomPatient patient, String accessionNumber) throws IOException {
        if (!Files.isRegularFile(scanDir.resolve("scan.json")) || !Files.isRegularFile(scanDir.resolve("images.nii"))) {
            throw new IOException(scanDir + " is not a scan folder (it needs scan.json and images.nii from 'lodestone scan')");
        }
        Path file = scanDir.resolve(STUDY_FILE);
        if (Files.exists(file)) return JSON.readTree(file.toFile()).path("study_uid").asText();
        ObjectNode n = JSON.createObjectNode();
        n.put("study_uid", Uids.create());
        n.put("series_uid", Uids.create());
        n.put("frame_of_reference_uid", Uids.create());
        n.put("patient_id", patient.id());
        n.put("patient_name", patient.name());
        n.put("patient_birth_date", patient.birthDate() == null ? null : patient.birthDate().toString());
        n.put("patient_sex", patient.sex());
        n.put("accession_number", accessionNumber == null ? "" : accessionNumber);
        JSON.writeValue(file.toFile(), n);
        return n.get("study_uid").asText();
    }

    @Override
    public Optional<ExamRecords> find(String studyUid) throws IOException {
        for (Path root : roots) {
            List<Path> candidates = new ArrayList<>(List.of(root));
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.list(root)) {
                    s.filter(Files::isDirectory).sorted().forEach(candidates::add);
                }
            }
            for (Path dir : candidates) {
                Path file = dir.resolve(STUDY_FILE);
                if (Files.isRegularFile(file) && studyUid.equals(JSON.readTree(file.toFile()).path("study_uid").asText())) {
                    return Optional.of(read(dir));
                }
            }
        }
        return Optional.empty();
    }

    /** The exam of one registered scan folder. */
    public ExamRecords read(Path dir) throws IOException {
        JsonNode st = JSON.readTree(dir.resolve(STUDY_FILE).toFile());
        JsonNode scan = JSON.readTree(dir.resolve("scan.json").toFile());
        JsonNode p = scan.path("parameters");
        String protocol = scan.path("protocol").asText("scan");
        LocalDateTime start = LocalDateTime.ofInstant(Instant.parse(scan.path("start").asText(Instant.EPOCH.toString())),
                ZoneId.systemDefault());
        String birth = st.path("patient_birth_date").asText("");
        DicomPatient patient = new DicomPatient(st.path("patient_id").asText(), st.path("patient_name").asText(),
                birth.isEmpty() || "null".equals(birth) ? null : LocalDate.parse(birth), st.path("patient_sex").asText(""));
        DicomStudy study = new DicomStudy(st.path("study_uid").asText(), "1", st.path("accession_number").asText(""),
                "MR " + protocol, start.withNano(0), "");
        JsonNode unit = scan.path("unit");
        double field = unit.path("field_t").asDouble(0);
        double freqMHz = scan.path("frequency_hz").asDouble(0) / 1e6;
        Equipment eq = new Equipment("Lodestone", unit.path("model").asText("Lodestone unit"),
                "", "LODESTONE", "", softwareVersion);
        MrAcquisition mr = acquisition(protocol, p, scan.path("derived"), field, freqMHz);
        DicomSeries series = new DicomSeries(st.path("series_uid").asText(), st.path("frame_of_reference_uid").asText(), 1,
                protocol, ImageKind.ORIGINAL, mr);
        return new ExamRecords(patient, study, eq, List.of(new SeriesImages(series, dir.resolve("images.nii"))));
    }

    /** DICOM's names for what our protocols do (PS3.3 C.8.3.1: scanning sequence and variant). */
    static MrAcquisition acquisition(String protocol, JsonNode p, JsonNode derived, double fieldT, double freqMHz) {
        String proto = protocol.toLowerCase(Locale.ROOT);
        boolean ir = proto.startsWith("ir-");
        boolean gre = proto.startsWith("gre") || proto.equals("bssfp");
        String scanning = ir ? "IR\\SE" : gre ? "GR" : "SE";
        String variant = proto.startsWith("gre") ? "SP\\SS" : proto.equals("bssfp") ? "SS" : "SK";
        boolean threeD = proto.endsWith("3d");
        double tr = p.path("tr").asDouble(0);
        double te = derived.path("te_actual_ms").asDouble(p.path("te").asDouble(0));
        double ti = ir && p.has("ti") ? p.path("ti").asDouble() : Double.NaN;
        double flip = p.path("flip").asDouble(p.path("flip_angle").asDouble(gre ? 30 : 90));
        int etl = proto.contains("tse") ? p.path("etl").asInt(1) : 1;
        double bw = derived.path("bandwidth_actual_hz_px").asDouble(p.path("bandwidth").asDouble(0));
        double thickness = p.path("slice_thickness").asDouble(p.path("partition_thickness").asDouble(1));
        String seqName = (ir ? "ir" : "") + (proto.contains("tse") ? "tse" : gre ? "fl" : "se") + (threeD ? "3d" : "2d")
                + (etl > 1 ? "_" + etl : "");
        return new MrAcquisition(protocol, seqName, scanning, variant, threeD ? "3D" : "2D", tr, te, ti, flip, etl, bw, fieldT,
                freqMHz, thickness > 0 ? thickness : 1, p.path("averages").asInt(1));
    }
}
