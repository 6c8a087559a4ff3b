package org.lodestone.dicom.export;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.lodestone.dicom.Dciodvfy;
import org.lodestone.dicom.TestExams;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.model.ImageKind;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MrImageExportTest {
    @TempDir
    Path dir;

    private final List<String> audit = new ArrayList<>();
    private final ExamExporter exporter = new ExamExporter("LODESTONE", (a, s, d) -> audit.add(a + " " + s));

    @Test
    void everySliceIsAValidMrObjectWithTheNiftiGeometryAndTheNameInUtf8() throws Exception {
        ExamRecords exam = TestExams.exam(dir, TestExams.obliqueVolume(24, 20, 3), ImageKind.ORIGINAL);
        List<ExportedInstance> out = exporter.exportDicom(exam, dir.resolve("dcm"), false);
        assertThat(out).hasSize(3);
        ImageVolume nifti = NiftiReader.read(exam.series().getFirst().nifti());
        for (ExportedInstance inst : out) {
            List<String> lines = Dciodvfy.check(inst.file());
            assertThat(lines).as("dciodvfy on %s", inst.file()).noneMatch(l -> l.startsWith("Error"));
            byte[] raw = Files.readAllBytes(inst.file());
            assertThat(new String(raw, StandardCharsets.ISO_8859_1))
                    .contains(new String("Müller^Jürgen".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));

            AttributeList l = new AttributeList();
            l.read(inst.file().toFile());
            assertThat(Attributes.get(l, TagFromName.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
            assertThat(Attributes.get(l, TagFromName.PatientName)).isEqualTo("Müller^Jürgen");
            assertThat(Attributes.get(l, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.4");
            assertThat(Attributes.get(l, TagFromName.ImageType)).startsWith("ORIGINAL\\PRIMARY");
            assertThat(Attributes.get(l, MrTags.MagneticFieldStrength)).isEqualTo("0.35");
            assertThat(Attributes.get(l, MrTags.ImagingFrequency)).isEqualTo("14.912347");
            assertThat(Attributes.get(l, TagFromName.RepetitionTime)).isEqualTo("500");
            assertThat(Attributes.get(l, TagFromName.SliceThickness)).isEqualTo("4");
            assertGeometryMatches(l, nifti, inst.instanceNumber() - 1);
        }
        assertThat(audit).containsExactly("export-dicom " + exam.study().studyUid());
    }

    /** Voxel (i, j) of slice z has the same patient position in the NIfTI and the DICOM object. */
    private static void assertGeometryMatches(AttributeList l, ImageVolume v, int z) {
        double[] ipp = com.pixelmed.dicom.Attribute.getDoubleValues(l, TagFromName.ImagePositionPatient);
        double[] iop = com.pixelmed.dicom.Attribute.getDoubleValues(l, TagFromName.ImageOrientationPatient);
        double[] ps = com.pixelmed.dicom.Attribute.getDoubleValues(l, TagFromName.PixelSpacing);
        int rows = Integer.parseInt(Attributes.get(l, TagFromName.Rows));
        int cols = Integer.parseInt(Attributes.get(l, TagFromName.Columns));
        assertThat(rows).isEqualTo(v.ny());
        assertThat(cols).isEqualTo(v.nx());
        double[] c = v.positionLps(), r = v.readDir(), p = v.phaseDir(), s = v.sliceDir();
        for (int[] ij : new int[][] {{0, 0}, {cols - 1, 0}, {0, rows - 1}, {7, 11}}) {
            int i = ij[0], j = ij[1];
            for (int k = 0; k < 3; k++) {
                double fromNifti = c[k] + (i - v.nx() / 2) * v.dxMm() * r[k] + (j - v.ny() / 2) * v.dyMm() * p[k]
                        + z * v.dzMm() * s[k];
                double fromDicom = ipp[k] + i * ps[1] * iop[k] + j * ps[0] * iop[3 + k];
                assertThat(fromDicom).as("voxel (%d,%d,%d) axis %d", i, j, z, k).isCloseTo(fromNifti, within(1e-3));
            }
        }
    }

    @Test
    void niftiExportKeepsImagesAndGeometry() throws Exception {
        ExamRecords exam = TestExams.exam(dir, TestExams.obliqueVolume(16, 12, 2), ImageKind.ORIGINAL);
        List<Path> out = exporter.exportNifti(exam, dir.resolve("nii"));
        assertThat(out).singleElement();
        assertThat(NiftiReader.read(out.getFirst())).isEqualTo(NiftiReader.read(exam.series().getFirst().nifti()));
        assertThat(audit).containsExactly("export-nifti " + exam.study().studyUid());
    }

    @Test
    void aMipIsMarkedDerivedAndStillValid() throws Exception {
        ExamRecords exam = TestExams.exam(dir, TestExams.obliqueVolume(16, 16, 1), ImageKind.MIP);
        List<ExportedInstance> out = exporter.exportDicom(exam, dir.resolve("mip"), false);
        AttributeList l = new AttributeList();
        l.read(out.getFirst().file().toFile());
        assertThat(Attributes.get(l, TagFromName.ImageType)).isEqualTo("DERIVED\\SECONDARY\\PROJECTION IMAGE");
        assertThat(Dciodvfy.check(out.getFirst().file())).noneMatch(x -> x.startsWith("Error"));
    }

    @Test
    void anonymizedExportCarriesNoIdentityAndNewUids() throws Exception {
        ExamRecords exam = TestExams.exam(dir, TestExams.obliqueVolume(16, 16, 2), ImageKind.ORIGINAL);
        List<ExportedInstance> out = exporter.exportDicom(exam, dir.resolve("anon"), true);
        Set<String> studies = new HashSet<>();
        for (ExportedInstance inst : out) {
            String text = new String(Files.readAllBytes(inst.file()), StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("Müller").doesNotContain("P-0042").doesNotContain("ACC-9001")
                    .doesNotContain("19610314").doesNotContain("Weiß").doesNotContain("Klinik")
                    .doesNotContain(exam.study().studyUid()).doesNotContain(exam.series().getFirst().series().seriesUid());
            AttributeList l = new AttributeList();
            l.read(inst.file().toFile());
            assertThat(Attributes.get(l, TagFromName.PatientIdentityRemoved)).isEqualTo("YES");
            studies.add(Attributes.get(l, TagFromName.StudyInstanceUID));
            assertThat(Dciodvfy.check(inst.file())).noneMatch(x -> x.startsWith("Error"));
        }
        assertThat(studies).hasSize(1);
        assertThat(audit).singleElement().asString().startsWith("export-dicom-anonymized");
    }
}
