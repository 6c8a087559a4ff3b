package org.lodestone.console.ui.service;

import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.suite.RoutineOutcome;
import org.lodestone.console.service.mobile.MobileState;
import org.lodestone.console.service.mobile.Requalification;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A calibration run's results in the window's language: a routine's line (name, passed or not, why), the
 * requalification's verdict and why patient scans are held. The words come from {@code service.outcome.*},
 * {@code service.reason.*} and {@code service.requal.verdict.*}; where the bundle has none (English) the
 * library's own sentences are used, so the English window reads as the CLI and report.txt do.
 */
final class OutcomeText {
    private OutcomeText() {
    }

    /** "frequency: PASSED" or "频率：失败（…）". */
    static String line(ResourceBundle text, RoutineOutcome o) {
        String status = has(text, "service.outcome.status." + o.status()) ? t(text, "service.outcome.status." + o.status()) : o.status().toString();
        String reason = reason(text, o.why(), o.reason());
        if (!has(text, "service.outcome.line")) return o.routine() + ": " + status + (reason.isEmpty() ? "" : " (" + reason + ")");
        return t(text, "service.outcome.line", ValueNames.routine(text, o.routine()), status) + aside(text, reason);
    }

    /** One value under its routine's line, indented: "  frequency: 2000000.0 ± 0.5 Hz" or "  频率：…". */
    static String value(ResourceBundle text, String name, String value) {
        return has(text, "service.outcome.value") ? "  " + t(text, "service.outcome.value", name, value) : "  " + name + ": " + value;
    }

    /** Why, in the window's words ({@code english} where the bundle has none, or for a reason without its own words). */
    static String reason(ResourceBundle text, Reason why, String english) {
        if (why == null || why.code() == Reason.Code.NONE) return english == null ? "" : english;
        String key = "service.reason." + why.code().name().toLowerCase(Locale.ROOT).replace('_', '-');
        // a protocol's name (fid, freq-search) is shown by its title where the window has one
        Object[] args = why.args().stream().map(a -> has(text, "protocol." + a) ? t(text, "protocol." + a) : a).toArray();
        return has(text, key) ? t(text, key, args) : english;
    }

    /** " (why)" in the window's punctuation; "" when there is no reason. */
    static String aside(ResourceBundle text, String reason) {
        if (reason.isEmpty()) return "";
        return has(text, "service.outcome.aside") ? t(text, "service.outcome.aside", reason) : " (" + reason + ")";
    }

    /** The requalification's end: ready (with the unit time) or which step failed, why and what to do. */
    static String verdict(ResourceBundle text, Requalification.Verdict v) {
        if (!has(text, "service.requal.verdict.ready")) return v.message();
        if (v.ready()) return t(text, "service.requal.verdict.ready", Reason.number(v.unitSeconds(), 0));
        Requalification.Step failed = v.steps().stream().filter(s -> s.check() == Requalification.Check.FAILED).findFirst().orElse(null);
        if (failed == null) return v.message();
        return t(text, "service.requal.verdict.failed", title(text, failed), reason(text, failed.why(), failed.reason()),
                t(text, "service.requal.todo." + failed.routine()));
    }

    /** A checklist step's title in the window's language. */
    static String title(ResourceBundle text, Requalification.Step s) {
        return has(text, "service.requal.title." + s.routine()) ? t(text, "service.requal.title." + s.routine()) : s.title();
    }

    /** Why patient scans are held, or null when they are allowed. */
    static String scansHeld(ResourceBundle text, MobileState s) {
        String english = s.blockingReason();
        if (english == null || !has(text, "service.scans.held.transport")) return english;
        if (s.transport()) return t(text, "service.scans.held.transport");
        return t(text, "service.scans.held." + s.requalification());
    }

    private static boolean has(ResourceBundle text, String key) {
        return text.containsKey(key);
    }

    private static String t(ResourceBundle text, String key, Object... args) {
        String s = text.containsKey(key) ? text.getString(key) : key;
        return args.length == 0 ? s : MessageFormat.format(s, args);
    }
}
