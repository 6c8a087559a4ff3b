package org.lodestone.console.cli;

import org.lodestone.console.unit.Units;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.hw.gpio.ArmRefused;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.gpio.Arming;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.calibration.suite.RoutineOutcome;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Service calibration: one routine, the after-drive requalification (--all), the store's history, or a restore. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Calibrate the unit (service role): a routine, or --all for the after-drive requalification "
                + "(tune → frequency → RF → shim → frequency → QA; QA needs the uniform phantom in the bore).")
public final class CalibrateCommand implements Callable<Integer> {
    private static final Logger audit = LoggerFactory.getLogger("audit");

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Parameters(paramLabel = "ROUTINE", description = "tune, frequency, rf, shim, gradients (geometry phantom in the bore), noise, drift or qa (uniform phantom).")
        String routine;

        @Option(names = "--all", required = true, description = "The after-drive requalification.")
        boolean all;

        @Option(names = "--history", required = true, description = "List the stored calibration versions.")
        boolean history;

        @Option(names = "--restore", required = true, paramLabel = "VERSION", description = "Make a stored version current again.")
        Integer restore;
    }

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder: calibration.json, report.txt, a PNG per routine.")
    Path out;

    @Option(names = "--operator", defaultValue = "${sys:user.name}", description = "Who calibrates (stored with each value).")
    String operator;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    WorkflowAccess access;

    @Override
    public Integer call() throws Exception {
        // plots are drawn off-screen: this command never opens a window
        System.setProperty("java.awt.headless", "true");
        CalibrationStore store = access.environment().calibrationStore();
        if (what.history) {
            for (CalibrationProfile p : store.history()) {
                System.out.printf(Locale.ROOT, "v%d  %s  %-12s %s%n", p.version(), p.time(), p.operator(), p.note());
                p.entries().forEach((k, e) -> System.out.printf(Locale.ROOT, "      %-32s %.6g ± %.2g %s (%s, %.3f °C)%n", k,
                        e.value(), e.uncertainty(), e.unit(), e.routine(), e.magnetTemperatureC()));
            }
            if (store.versions().isEmpty()) System.out.println("No calibration stored yet in " + store.directory());
            return 0;
        }
        if (what.restore != null) {
            CalibrationProfile p;
            try (WorkflowAccess.Session session = access.session(Role::mayService, "restore a calibration (service role)")) {
                p = store.restore(what.restore, operator);
                session.audit("calibration.restore", "calibration v" + p.version(),
                        Map.of("restored_version", String.valueOf(what.restore), "version", String.valueOf(p.version()), "operator", operator));
            }
            audit.info("operator={} action=calibration-restore version={} new={}", operator, what.restore, p.version());
            System.out.println("Version " + what.restore + " is current again (stored as version " + p.version() + ").");
            return 0;
        }
        if (out == null) throw new IllegalArgumentException("--out DIR is required to calibrate");
        List<String> routines = what.all ? CalibrationSuite.ALL : List.of(what.routine);
        if (!what.all && !CalibrationSuite.ROUTINES.contains(what.routine)) {
            throw new IllegalArgumentException("unknown routine '" + what.routine + "' (" + String.join(", ", CalibrationSuite.ROUTINES) + ")");
        }
        // the audit trail records who accepted a new calibration version; calibration itself knows nothing of it
        Actor actor;
        try (WorkflowAccess.Session session = access.session(Role::mayService, "calibrate (service role)")) {
            actor = session.actor();
        }
        TreeSet<Integer> before = new TreeSet<>(store.versions());
        try (UnitConnection unit = Units.open(connection.port, connection.virtualOptions(), connection.gpioSetup())) {
            long t0 = System.nanoTime();
            audit.info("operator={} action=calibrate routines={} unit={} port={}", operator, routines, unit.capabilities().model(), unit.port());
            // Calibration transmits like a scan: armed through the interlocks for the whole run, and each
            // program checks it still is (a trip mid-run stops every routine after it).
            Armed armed;
            try {
                armed = unit.arm();
            } catch (ArmRefused e) {
                audit.info("operator={} action=calibrate-refused reason={}", operator, e.getMessage());
                System.err.println("lodestone: calibration refused: " + e.getMessage());
                return Main.REFUSED; // as a refused scan: nothing played
            }
            ProgramRunner runner = new ProgramRunner(unit.session(), unit.profile(), Arming.within(armed));
            CalibrationSuite suite = new CalibrationSuite(runner, store, operator, out, unit.capabilities().nominalLarmorHz());
            boolean ok;
            try (armed) {
                ok = suite.run(routines);
            }
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("model", unit.capabilities().model());
            u.put("firmware", unit.capabilities().firmware());
            u.put("field_t", unit.capabilities().fieldTesla());
            u.put("port", unit.port());
            suite.writeReport(u);
            for (RoutineOutcome o : suite.outcomes()) {
                System.out.printf(Locale.ROOT, "%-15s %-13s %s%n", o.routine(), o.status(), o.reason());
            }
            List<String> missing = suite.outcomes().stream().filter(o -> o.status() == RoutineOutcome.Status.NOT_AVAILABLE)
                    .map(RoutineOutcome::routine).toList();
            if (!missing.isEmpty()) System.out.println("NOT COMPLETE: " + String.join(", ", missing) + " not available in this version, so not calibrated");
            System.out.printf(Locale.ROOT, "Unit scan time %.1f s, wall time %.1f s. Report: %s%n", runner.scanSeconds(),
                    (System.nanoTime() - t0) / 1e9, out.resolve("report.txt").toAbsolutePath());
            audit.info("operator={} action=calibrate-end ok={} out={}", operator, ok, out);
            TreeSet<Integer> added = new TreeSet<>(store.versions());
            added.removeAll(before);
            if (!added.isEmpty()) {
                String outcomes = String.join(", ", suite.outcomes().stream().map(o -> o.routine() + " " + o.status()).toList());
                try (Workflow w = access.open()) {
                    w.audit().append(actor.name(), actor.role().text(), "calibration.accept", "calibration v" + added.last(),
                            Map.of("version", String.valueOf(added.last()), "routines", outcomes, "operator", operator));
                }
            }
            return ok ? 0 : 1;
        }
    }
}
