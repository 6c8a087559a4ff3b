package org.lodestone.workflow.user;

/** Who does something, as recorded in the audit trail. */
public record Actor(String name, Role role) {
    /** A fresh install with no users runs as this (with a warning). */
    public static final Actor OPERATOR = new Actor("operator", Role.TECHNICIAN);
}
