package org.lodestone.console.service.mobile;

import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.store.Entry;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.calibration.suite.RoutineOutcome;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The after-drive requalification as a checklist: tune → frequency → RF → shim → frequency → QA with
 * the uniform phantom. Each step shows its value against the last accepted one and the first one the
 * unit ever had, and the unit time it took. It ends "ready for patients" (the run becomes the current
 * calibration) or says what to do (the run is stored as failed and patient scans stay blocked).
 */
public final class Requalification {
    /** The value a step is judged by, its stored name and a short title. */
    private static final Map<String, String[]> KEY = Map.of(
            "tune", new String[] {CalibrationProfile.TUNE, "Coil tune and match"},
            "frequency", new String[] {CalibrationProfile.FREQUENCY, "Larmor frequency (wide search)"},
            "rf", new String[] {CalibrationProfile.TRANSMIT_SCALE, "RF transmit scale"},
            "shim", new String[] {CalibrationProfile.SHIM_X, "Linear shim"},
            "frequency-fine", new String[] {CalibrationProfile.FREQUENCY, "Larmor frequency (after shim)"},
            "qa", new String[] {CalibrationProfile.QA_SNR, "QA, uniform phantom"});
    private static final Map<String, String> TO_DO = Map.of(
            "tune", "check the coil's cable and connector, then requalify again",
            "frequency", "check the uniform phantom is in the bore and the door is closed, then requalify again",
            "rf", "check the phantom is centred, then requalify again; if it fails twice, call service",
            "shim", "let the phantom settle for a minute, centre it, then requalify again",
            "frequency-fine", "let the phantom settle, then requalify again",
            "qa", "QA limits not met: put the uniform phantom in, requalify again; if it fails twice, call service");

    /** Where a step stands. */
    public enum Check { WAITING, RUNNING, PASSED, FAILED, NOT_RUN }

    /**
     * One line of the checklist. {@code lastAccepted} and {@code first} are NaN when the unit has none; {@code why}
     * is the reason in a form a window words in its own language ({@code reason} is its English sentence).
     */
    public record Step(String routine, String title, Check check, String reason, String key, double value, String unit,
                       double lastAccepted, double first, double unitSeconds, Reason why) {
    }

    /** The end of the checklist: ready, or what to do; the version stored. */
    public record Verdict(boolean ready, String message, List<Step> steps, double unitSeconds, int storedVersion) {
        public Verdict {
            steps = List.copyOf(steps);
        }
    }

    private Requalification() {
    }

    /** The checklist before it runs, with the baselines filled in. */
    public static List<Step> plan(CalibrationStore store) throws IOException {
        List<Step> out = new ArrayList<>();
        for (String r : CalibrationSuite.ALL) out.add(step(r, Check.WAITING, "", Reason.NONE, Double.NaN, "", 0, store));
        return out;
    }

    /**
     * Runs the checklist on {@code suite} (connected and armed by the caller), telling {@code progress}
     * each step as it starts and ends; stores the run and the mobile state.
     */
    public static Verdict run(CalibrationSuite suite, CalibrationStore store, TransportMode mobile, String operator,
                              Consumer<Step> progress) throws IOException {
        List<Step> steps = new ArrayList<>();
        boolean ok = true;
        double total = 0;
        for (String r : CalibrationSuite.ALL) {
            if (!ok) {
                Step s = step(r, Check.NOT_RUN, "an earlier step failed", Reason.of(Reason.Code.NOT_RUN), Double.NaN, "", 0, store);
                steps.add(s);
                progress.accept(s);
                continue;
            }
            progress.accept(step(r, Check.RUNNING, "", Reason.NONE, Double.NaN, "", 0, store));
            suite.run(List.of(r));
            RoutineOutcome o = suite.outcomes().getLast();
            total += o.scanSeconds();
            Optional<Entry> e = Optional.ofNullable(suite.pending().get(KEY.get(r)[0]));
            boolean passed = o.status() == RoutineOutcome.Status.PASSED;
            Step s = step(r, passed ? Check.PASSED : Check.FAILED, o.reason(), o.why(), passed ? e.map(Entry::value).orElse(Double.NaN) : Double.NaN,
                    e.map(Entry::unit).orElse(""), o.scanSeconds(), store);
            steps.add(s);
            progress.accept(s);
            ok = passed;
        }
        CalibrationProfile stored;
        String message;
        if (ok) {
            stored = suite.conclude(CalibrationProfile.Status.ACCEPTED, "after-drive requalification");
            message = String.format(java.util.Locale.ROOT, "Ready for patients (requalified in %.0f s of unit time).", total);
        } else {
            Step failed = steps.stream().filter(s -> s.check() == Check.FAILED).findFirst().orElseThrow();
            stored = suite.conclude(CalibrationProfile.Status.FAILED, "after-drive requalification");
            message = "Not ready for patients: " + failed.title().toLowerCase(java.util.Locale.ROOT) + " failed (" + failed.reason() + "). "
                    + "What to do: " + TO_DO.get(failed.routine()) + ".";
        }
        mobile.requalified(operator, ok, message);
        return new Verdict(ok, message, steps, total, stored.version());
    }

    private static Step step(String routine, Check c, String reason, Reason why, double value, String unit, double seconds, CalibrationStore store)
            throws IOException {
        String key = KEY.get(routine)[0];
        double last = store.current().value(key, Double.NaN), first = Double.NaN;
        for (CalibrationProfile p : store.history()) {
            if (p.accepted() && p.get(key).isPresent()) {
                first = p.value(key, Double.NaN);
                break;
            }
        }
        return new Step(routine, KEY.get(routine)[1], c, reason, key, value, unit, last, first, seconds, why);
    }
}
