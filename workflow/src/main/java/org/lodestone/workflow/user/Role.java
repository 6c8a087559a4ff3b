package org.lodestone.workflow.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user may do. Service commands need SERVICE_ENGINEER or ADMINISTRATOR. */
public enum Role {
    TECHNICIAN, SERVICE_ENGINEER, ADMINISTRATOR, VIEWER;

    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Role> ofText(String t) {
        if (t == null) return Optional.empty();
        String n = t.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (n.equals("SERVICE")) n = "SERVICE_ENGINEER";
        if (n.equals("ADMIN")) n = "ADMINISTRATOR";
        if (n.equals("READ_ONLY") || n.equals("READ_ONLY_VIEWER")) n = "VIEWER";
        String f = n;
        return Arrays.stream(values()).filter(r -> r.name().equals(f)).findFirst();
    }

    public boolean mayScan() {
        return this == TECHNICIAN || this == SERVICE_ENGINEER || this == ADMINISTRATOR;
    }

    public boolean mayService() {
        return this == SERVICE_ENGINEER || this == ADMINISTRATOR;
    }
}
