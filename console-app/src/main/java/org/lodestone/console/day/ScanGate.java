package org.lodestone.console.day;

import org.lodestone.hw.gpio.GpioInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether Start may be pressed now, and if not, why (shown next to the disabled button). The interlocks come
 * first: an open door or any unsafe input names itself and what to do about it.
 */
public final class ScanGate {
    /**
     * What the gate looks at, as the screen knows it. {@code interlockBlocking} is the guard's reason, or null;
     * {@code mobile} the mobile unit's state (transport mode, requalification), or null when unknown.
     */
    public record State(boolean mayScan, boolean examOpen, boolean unitConnected, String interlockBlocking, boolean planValid,
                        boolean scanning, org.lodestone.console.service.mobile.MobileState mobile) {
        public State(boolean mayScan, boolean examOpen, boolean unitConnected, String interlockBlocking, boolean planValid,
                     boolean scanning) {
            this(mayScan, examOpen, unitConnected, interlockBlocking, planValid, scanning, null);
        }
    }

    private ScanGate() {
    }

    /** Empty when Start may be pressed; otherwise the reason as text. */
    public static Optional<String> blocked(State s, Texts t) {
        if (!s.mayScan()) return Optional.of(t.get("scan.blocked.role"));
        if (s.scanning()) return Optional.of(t.get("scan.blocked.running"));
        // a mobile unit in transport mode, or driven and not requalified, scans no patients
        if (s.mobile() != null && !s.mobile().patientScansAllowed())
            return Optional.of(t.get(s.mobile().transport() ? "scan.blocked.transport" : "scan.blocked.requalify"));
        if (s.interlockBlocking() != null) return Optional.of(interlocks(s.interlockBlocking(), t));
        if (!s.unitConnected()) return Optional.of(t.get("scan.blocked.unit"));
        if (!s.examOpen()) return Optional.of(t.get("scan.blocked.exam"));
        if (!s.planValid()) return Optional.of(t.get("scan.blocked.plan"));
        return Optional.empty();
    }

    /** "Door open: close the scanner room door." for each unsafe input the guard named. */
    public static String interlocks(String blocking, Texts t) {
        List<String> parts = new ArrayList<>();
        for (GpioInput in : GpioInput.values()) {
            if (blocking.contains(in.unsafeText())) parts.add(t.get("interlock." + in.name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (parts.isEmpty()) parts.add(t.get("interlock.other", OperatorText.clean(blocking)));
        return String.join(" ", parts);
    }
}
