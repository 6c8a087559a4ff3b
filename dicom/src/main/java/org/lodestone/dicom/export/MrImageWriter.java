package org.lodestone.dicom.export;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import org.lodestone.dicom.model.DicomPatient;
import org.lodestone.dicom.model.DicomSeries;
import org.lodestone.dicom.model.DicomStudy;
import org.lodestone.dicom.model.Equipment;
import org.lodestone.dicom.model.MrAcquisition;
import org.lodestone.dicom.model.Uids;
import org.lodestone.recon.image.ImageVolume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.lodestone.dicom.export.Attributes.ds;
import static org.lodestone.dicom.export.Attributes.put;

/** Writes each slice of a volume as one MR Image Storage object (explicit VR little endian, UTF-8 text). */
public final class MrImageWriter {
    /** Stored pixel values run 0..4095 (12 bits stored in 16). */
    static final int MAX_STORED = 4095;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private final String sourceAe;

    public MrImageWriter(String sourceAe) {
        this.sourceAe = sourceAe;
    }

    /**
     * Writes {@code volume} as one file per slice, named {@code IM<series>_<slice>.dcm}, into {@code dir}.
     * {@code deidentified} marks the objects as de-identified (the records must already be).
     */
    public List<ExportedInstance> write(ImageVolume volume, DicomPatient patient, DicomStudy study, DicomSeries series,
                                        Equipment equipment, boolean deidentified, Path dir) throws IOException {
        Files.createDirectories(dir);
        float[] data = volume.data();
        float max = 0;
        for (float f : data) if (f > max) max = f;
        double scale = max > 0 ? MAX_STORED / (double) max : 1;
        LocalDateTime now = LocalDateTime.now();
        List<ExportedInstance> out = new ArrayList<>();
        for (int z = 0; z < volume.nz(); z++) {
            short[] pixels = new short[volume.nx() * volume.ny()];
            float[] slice = volume.slice(z);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (short) Math.clamp(Math.round(slice[i] * scale), 0, MAX_STORED);
            }
            int instance = z + 1;
            String sopUid = Uids.derived(series.seriesUid(), instance);
            try {
                AttributeList list = slice(volume, z, pixels, patient, study, series, equipment, deidentified, sopUid, instance, now);
                FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, sourceAe);
                Path file = dir.resolve(String.format("IM%d_%04d.dcm", series.number(), instance));
                list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
                out.add(new ExportedInstance(sopUid, series.seriesUid(), instance, file));
            } catch (DicomException e) {
                throw new IOException("slice " + instance + " could not be encoded as DICOM: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private AttributeList slice(ImageVolume v, int z, short[] pixels, DicomPatient patient, DicomStudy study,
                                DicomSeries series, Equipment eq, boolean deidentified, String sopUid, int instance,
                                LocalDateTime now) throws DicomException {
        AttributeList l = new AttributeList();
        MrAcquisition mr = series.acquisition();
        put(l, TagFromName.SpecificCharacterSet, "ISO_IR 192");
        put(l, TagFromName.SOPClassUID, SOPClass.MRImageStorage);
        put(l, TagFromName.SOPInstanceUID, sopUid);
        put(l, TagFromName.InstanceCreationDate, DATE.format(now));
        put(l, TagFromName.InstanceCreationTime, TIME.format(now));
        // Patient
        put(l, TagFromName.PatientName, patient.name());
        put(l, TagFromName.PatientID, patient.id());
        put(l, TagFromName.PatientBirthDate, patient.birthDate() == null ? "" : DATE.format(patient.birthDate()));
        put(l, TagFromName.PatientSex, patient.sex());
        if (deidentified) {
            put(l, TagFromName.PatientIdentityRemoved, "YES");
            put(l, TagFromName.DeidentificationMethod, "DICOM PS3.15 E.1 Basic Application Level Confidentiality Profile");
        }
        // General Study
        put(l, TagFromName.StudyInstanceUID, study.studyUid());
        put(l, TagFromName.StudyDate, DATE.format(study.dateTime()));
        put(l, TagFromName.StudyTime, TIME.format(study.dateTime()));
        put(l, TagFromName.ReferringPhysicianName, study.referringPhysician());
        put(l, TagFromName.StudyID, study.studyId());
        put(l, TagFromName.AccessionNumber, study.accessionNumber());
        put(l, TagFromName.StudyDescription, study.description());
        // General Series
        put(l, TagFromName.Modality, "MR");
        put(l, TagFromName.SeriesInstanceUID, series.seriesUid());
        put(l, TagFromName.SeriesNumber, Integer.toString(series.number()));
        put(l, TagFromName.SeriesDescription, series.description());
        put(l, TagFromName.ProtocolName, mr.protocolName());
        put(l, TagFromName.SeriesDate, DATE.format(study.dateTime()));
        put(l, TagFromName.SeriesTime, TIME.format(study.dateTime()));
        put(l, TagFromName.PatientPosition, "HFS");
        // Type 2C; dciodvfy cannot tell paired body parts, so empty (a warning) rather than absent (an error).
        put(l, TagFromName.Laterality, "");
        // Frame of Reference
        put(l, TagFromName.FrameOfReferenceUID, series.frameOfReferenceUid());
        put(l, TagFromName.PositionReferenceIndicator, "");
        // Equipment
        put(l, TagFromName.Manufacturer, eq.manufacturer());
        put(l, TagFromName.ManufacturerModelName, eq.model());
        if (!deidentified) {
            put(l, TagFromName.InstitutionName, eq.institution());
            put(l, TagFromName.StationName, eq.stationName());
            put(l, TagFromName.DeviceSerialNumber, eq.deviceSerial());
        }
        put(l, TagFromName.SoftwareVersions, eq.softwareVersion());
        // General Image
        put(l, TagFromName.InstanceNumber, Integer.toString(instance));
        put(l, TagFromName.ImageType, series.kind().imageType());
        put(l, TagFromName.ContentDate, DATE.format(study.dateTime()));
        put(l, TagFromName.ContentTime, TIME.format(study.dateTime()));
        put(l, TagFromName.AcquisitionNumber, "1");
        if (series.kind().derived()) {
            put(l, TagFromName.DerivationDescription, series.kind() == org.lodestone.dicom.model.ImageKind.MIP
                    ? "maximum intensity projection" : "multiplanar reformat");
        }
        // Image Plane
        SliceGeometry g = SliceGeometry.of(v, z);
        put(l, TagFromName.PixelSpacing, ds(g.rowSpacingMm(), g.columnSpacingMm()));
        put(l, TagFromName.ImageOrientationPatient, ds(g.imageOrientation()));
        put(l, TagFromName.ImagePositionPatient, ds(g.imagePosition()));
        put(l, TagFromName.SliceThickness, ds(mr.sliceThicknessMm()));
        put(l, TagFromName.SpacingBetweenSlices, ds(v.dzMm()));
        put(l, TagFromName.SliceLocation, ds(g.sliceLocationMm()));
        // Image Pixel
        put(l, TagFromName.SamplesPerPixel, "1");
        put(l, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        put(l, TagFromName.Rows, Integer.toString(v.ny()));
        put(l, TagFromName.Columns, Integer.toString(v.nx()));
        put(l, TagFromName.BitsAllocated, "16");
        put(l, TagFromName.BitsStored, "12");
        put(l, TagFromName.HighBit, "11");
        put(l, TagFromName.PixelRepresentation, "0");
        OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
        px.setValues(pixels);
        l.put(px);
        // MR Image
        put(l, MrTags.ScanningSequence, mr.scanningSequence());
        put(l, MrTags.SequenceVariant, mr.sequenceVariant());
        put(l, MrTags.ScanOptions, "");
        put(l, TagFromName.MRAcquisitionType, mr.acquisitionType());
        put(l, MrTags.SequenceName, mr.sequenceName());
        put(l, TagFromName.RepetitionTime, ds(mr.trMs()));
        put(l, TagFromName.EchoTime, ds(mr.teMs()));
        // Type 2C: only with an inversion pulse (IR in Scanning Sequence); dciodvfy counts it an error otherwise.
        if (!Double.isNaN(mr.tiMs())) put(l, MrTags.InversionTime, ds(mr.tiMs()));
        put(l, TagFromName.EchoTrainLength, Integer.toString(mr.echoTrainLength()));
        put(l, MrTags.FlipAngle, ds(mr.flipAngleDeg()));
        put(l, MrTags.PixelBandwidth, ds(mr.pixelBandwidthHz()));
        put(l, MrTags.MagneticFieldStrength, ds(mr.fieldTesla()));
        put(l, MrTags.ImagingFrequency, ds(mr.imagingFrequencyMHz()));
        put(l, TagFromName.ImagedNucleus, "1H");
        put(l, MrTags.NumberOfAverages, Integer.toString(Math.max(1, mr.averages())));
        put(l, TagFromName.EchoNumbers, "1");
        put(l, MrTags.AcquisitionMatrix, "0\\" + v.nx() + "\\" + v.ny() + "\\0");
        put(l, MrTags.InPlanePhaseEncodingDirection, "COL");
        put(l, MrTags.AngioFlag, "N");
        // VOI LUT: the 1st..99th percentile of this slice
        int[] window = window(pixels);
        put(l, TagFromName.WindowCenter, Integer.toString(window[0]));
        put(l, TagFromName.WindowWidth, Integer.toString(window[1]));
        return l;
    }

    /** Centre and width spanning the 1st to 99th percentile of the stored values. */
    static int[] window(short[] pixels) {
        int[] sorted = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) sorted[i] = pixels[i] & 0xffff;
        Arrays.sort(sorted);
        int lo = sorted[(int) (0.01 * (sorted.length - 1))];
        int hi = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))];
        return new int[] {(lo + hi) / 2, Math.max(1, hi - lo)};
    }
}
