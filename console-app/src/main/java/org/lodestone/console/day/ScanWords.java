package org.lodestone.console.day;

import org.lodestone.scan.ScanEvent;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanStatus;

import java.util.Optional;

/** Scan events and endings in plain words with what to do next, in the screen's language. */
public final class ScanWords {
    private ScanWords() {
    }

    /** The line for the event log, or empty for events shown otherwise (progress, images). */
    public static Optional<String> event(ScanEvent e, Texts t) {
        return switch (e) {
            case ScanEvent.Started s -> Optional.of(t.get("scan.event.started", s.expectedLines()));
            case ScanEvent.Stage s -> Optional.of(stage(s.what(), t));
            case ScanEvent.Interlock i -> Optional.of(t.get("scan.event.interlock",
                    t.get("interlock." + i.trip().input().name().toLowerCase(java.util.Locale.ROOT))));
            case ScanEvent.LinkPaused l -> Optional.of(t.get("scan.event.linkPaused"));
            case ScanEvent.LinkResumed l -> Optional.of(t.get("scan.event.linkResumed"));
            case ScanEvent.Finished f -> Optional.of(ending(f.result(), t));
            default -> Optional.empty();
        };
    }

    /** The scan service's steps in the screen's language; a step it does not know yet is shown as sent. */
    public static String stage(String what, Texts t) {
        String key = "scan.stage." + what.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        return t.has(key) ? t.get(key) : t.get("scan.event.stage", OperatorText.clean(what));
    }

    /** How the scan ended and what to do. */
    public static String ending(ScanResult r, Texts t) {
        return switch (r.status()) {
            case COMPLETE -> t.get("scan.end.complete", r.linesReceived(), r.linesExpected());
            case ABORTED -> t.get("scan.end.aborted", r.linesReceived(), r.linesExpected());
            case INTERRUPTED -> r.message() != null && r.message().contains("interlock")
                    ? t.get("scan.end.interlock", r.linesReceived(), r.linesExpected())
                    : t.get("scan.end.interrupted", r.linesReceived(), r.linesExpected());
            case FAILED -> t.get("scan.end.failed", OperatorText.clean(r.message() == null ? "" : r.message()));
        };
    }

    public static String status(ScanStatus s, Texts t) {
        return t.get("scan.status." + s.name().toLowerCase(java.util.Locale.ROOT));
    }
}
