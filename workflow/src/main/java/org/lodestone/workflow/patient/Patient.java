package org.lodestone.workflow.patient;

import java.time.LocalDate;

/** A registered patient. Weight and height may be unknown (null). */
public record Patient(String id, String name, LocalDate birth, String sex, Double weightKg, Double heightCm, String notes) {
}
