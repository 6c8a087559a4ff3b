package org.lodestone.dicom;

import org.lodestone.dicom.model.DicomPatient;
import org.lodestone.dicom.model.DicomSeries;
import org.lodestone.dicom.model.DicomStudy;
import org.lodestone.dicom.model.Equipment;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.model.ImageKind;
import org.lodestone.dicom.model.MrAcquisition;
import org.lodestone.dicom.model.SeriesImages;
import org.lodestone.dicom.model.Uids;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Small exams for the tests: a double-oblique volume with a disc phantom, written as NIfTI like reconstruction does. */
public final class TestExams {
    private TestExams() {
    }

    /** An nx×ny×nz double-oblique volume, voxel 1.5×2×5 mm, off-centre. */
    public static ImageVolume obliqueVolume(int nx, int ny, int nz) {
        float[] data = new float[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double r = Math.hypot(x - nx / 2.0, y - ny / 2.0);
                    data[(z * ny + y) * nx + x] = (float) (r < nx / 3.0 ? 100 + 10 * z + x * 0.5 : 3 + (x + y) % 5);
                }
            }
        }
        double a = Math.toRadians(12), b = Math.toRadians(-7);
        double[] read = {Math.cos(a), Math.sin(a), 0};
        double[] phase = {-Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), Math.sin(b)};
        double[] slice = {read[1] * phase[2] - read[2] * phase[1], read[2] * phase[0] - read[0] * phase[2],
                read[0] * phase[1] - read[1] * phase[0]};
        return new ImageVolume(nx, ny, nz, data, 1.5, 2.0, 5.0, new double[] {10.5, -20.25, 33}, read, phase, slice);
    }

    public static MrAcquisition se2d(double sliceThickness) {
        return new MrAcquisition("se2d", "se2d", "SE", "SK", "2D", 500, 20, Double.NaN, 90, 1, 150, 0.35,
                14.912347, sliceThickness, 1);
    }

    /** An exam named Müller^Jürgen with one series whose images are written to {@code dir/images.nii}. */
    public static ExamRecords exam(Path dir, ImageVolume volume, ImageKind kind) throws IOException {
        Path nii = dir.resolve("images-" + kind.name().toLowerCase() + ".nii");
        NiftiWriter.write(nii, volume);
        DicomPatient patient = new DicomPatient("P-0042", "Müller^Jürgen", LocalDate.of(1961, 3, 14), "M");
        DicomStudy study = new DicomStudy(Uids.create(), "7", "ACC-9001", "Knee", LocalDateTime.of(2026, 12, 5, 9, 30, 15),
                "Weiß^Anna");
        DicomSeries series = new DicomSeries(Uids.create(), Uids.create(), kind == ImageKind.ORIGINAL ? 1 : 101,
                "se2d axial", kind, se2d(4));
        Equipment eq = new Equipment("Lodestone", "Virtual 0.35T", "SN-1", "LODESTONE1", "Klinik Süd", "0.1.0");
        return new ExamRecords(patient, study, eq, java.util.List.of(new SeriesImages(series, nii)));
    }
}
