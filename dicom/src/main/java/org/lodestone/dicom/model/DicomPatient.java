package org.lodestone.dicom.model;

import java.time.LocalDate;
import java.util.Objects;

/** The patient as DICOM needs it. {@code name} is in DICOM PN form ({@code Family^Given}); birth date may be null. */
public record DicomPatient(String id, String name, LocalDate birthDate, String sex) {
    public DicomPatient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        sex = sex == null ? "" : sex;
        if (!sex.isEmpty() && !sex.matches("[MFO]")) throw new IllegalArgumentException("patient sex must be M, F or O: " + sex);
    }
}
