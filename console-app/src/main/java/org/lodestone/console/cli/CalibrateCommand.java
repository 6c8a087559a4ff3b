package org.lodestone.console.cli;

import org.lodestone.calibration.run.ProgramRunner;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

        @Option(names = "--restore", required = true, paramLabel = "VERSION",
                description = "Make an accepted version current again, or accept a pending one.")
        Integer restore;

        @Option(names = "--show", required = true, description = "Print the current version (with --json as JSON).")
        boolean show;
    }

    @Option(names = "--no-accept", description = "Store a passing run as pending instead of making it current (--restore N accepts it).")
    boolean noAccept;

    @Option(names = "--json", description = "With --show: JSON {version, time, operator.name, status, note, values}.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder: calibration.json, report.txt, a PNG per routine.")
    Path out;

    @Mixin
    UnitServiceOptions service;

    @Override
    public Integer call() throws Exception {
        CalibrationStore store = service.access.environment().calibrationStore();
        if (what.show) {
            CalibrationProfile p = store.current();
            if (json) {
                System.out.println(org.lodestone.calibration.store.Json.summary(p));
            } else if (p.version() == 0) {
                System.out.println("No accepted calibration yet in " + store.directory());
            } else {
                System.out.printf(Locale.ROOT, "Current calibration: version %d, %s by %s (%s)%n", p.version(), p.time(), p.operator(), p.note());
                p.entries().forEach((k, e) -> System.out.printf(Locale.ROOT, "  %-32s %.6g %s%n", k, e.value(), e.unit()));
            }
            return 0;
        }
        if (what.history) {
            for (CalibrationProfile p : store.history()) {
                System.out.printf(Locale.ROOT, "v%d  %-8s %s  %-12s %s%n", p.version(), p.status(), p.time(), p.operator(), p.note());
                p.entries().forEach((k, e) -> System.out.printf(Locale.ROOT, "      %-32s %.6g ± %.2g %s (%s, %.3f °C)%n", k,
                        e.value(), e.uncertainty(), e.unit(), e.routine(), e.magnetTemperatureC()));
            }
            if (store.versions().isEmpty()) System.out.println("No calibration stored yet in " + store.directory());
            return 0;
        }
        if (what.restore != null) {
            CalibrationProfile p;
            try (WorkflowAccess.Session session = service.access.session(Role::mayService, "restore a calibration (service role)")) {
                p = store.restore(what.restore, service.operator.name);
                session.audit("calibration.restore", "calibration v" + p.version(),
                        Map.of("restored_version", String.valueOf(what.restore), "version", String.valueOf(p.version()), "operator", service.operator.name));
            }
            audit.info("operator={} action=calibration-restore version={} new={}", service.operator.name, what.restore, p.version());
            System.out.println("Version " + what.restore + " is current again (stored as version " + p.version() + ").");
            return 0;
        }
        if (out == null) throw new IllegalArgumentException("--out DIR is required to calibrate");
        List<String> routines = what.all ? CalibrationSuite.ALL : List.of(what.routine);
        if (!what.all && !CalibrationSuite.ROUTINES.contains(what.routine)) {
            throw new IllegalArgumentException("unknown routine '" + what.routine + "' (" + String.join(", ", CalibrationSuite.ROUTINES) + ")");
        }
        // transport mode locks the amplifiers off: nothing transmits on a unit about to be driven
        java.util.Optional<String> locked = new org.lodestone.console.service.mobile.TransportMode(store.directory().getParent()).refuseArming();
        if (locked.isPresent()) {
            System.err.println("lodestone: calibration refused: " + locked.get() + " ('mobile transport off').");
            return Main.REFUSED; // as every refusal: nothing played
        }
        // the audit trail records who accepted a new calibration version; calibration itself knows nothing of it
        Actor actor;
        try (WorkflowAccess.Session session = service.access.session(Role::mayService, "calibrate (service role)")) {
            actor = session.actor();
        }
        try (UnitConnection unit = service.connection.open()) {
            long t0 = System.nanoTime();
            audit.info("operator={} action=calibrate routines={} unit={} port={}", service.operator.name, routines, unit.capabilities().model(), unit.port());
            Optional<ArmedSuite> arming = ArmedSuite.arm(unit, store, service.operator.name, out, reason -> {
                audit.info("operator={} action=calibrate-refused reason={}", service.operator.name, reason);
                System.err.println("lodestone: calibration refused: " + reason);
            });
            if (arming.isEmpty()) return Main.REFUSED; // as a refused scan: nothing played
            ProgramRunner runner = arming.get().runner();
            CalibrationSuite suite = arming.get().suite();
            boolean ok;
            try (ArmedSuite armed = arming.get()) {
                ok = armed.suite().run(routines);
            }
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("model", unit.capabilities().model());
            u.put("firmware", unit.capabilities().firmware());
            u.put("field_t", unit.capabilities().fieldTesla());
            u.put("port", unit.port());
            for (RoutineOutcome o : suite.outcomes()) {
                System.out.printf(Locale.ROOT, "%-15s %-13s %s%n", o.routine(), o.status(), o.reason());
            }
            List<String> missing = suite.outcomes().stream().filter(o -> o.status() == RoutineOutcome.Status.NOT_AVAILABLE)
                    .map(RoutineOutcome::routine).toList();
            if (!missing.isEmpty()) System.out.println("NOT COMPLETE: " + String.join(", ", missing) + " not available in this version, so not calibrated");
            System.out.printf(Locale.ROOT, "Unit scan time %.1f s, wall time %.1f s. Report: %s%n", runner.scanSeconds(),
                    (System.nanoTime() - t0) / 1e9, out.resolve("report.txt").toAbsolutePath());
            audit.info("operator={} action=calibrate-end ok={} out={}", service.operator.name, ok, out);
            // one version per run: current only when it passed (and was not held back with --no-accept)
            CalibrationProfile stored = suite.concludeByCriteria(!noAccept);
            suite.writeReport(u);
            String outcomes = String.join(", ", suite.outcomes().stream().map(o -> o.routine() + " " + o.status()).toList());
            String action = switch (stored.status()) {
                case ACCEPTED -> "calibration.accept";
                case PENDING -> "calibration.pending";
                default -> "calibration.failed";
            };
            try (Workflow w = service.access.open()) {
                w.audit().append(actor.name(), actor.role().text(), action, "calibration v" + stored.version(),
                        Map.of("version", String.valueOf(stored.version()), "routines", outcomes, "operator", service.operator.name));
            }
            System.out.println(switch (stored.status()) {
                case ACCEPTED -> "Stored as version " + stored.version() + ", now current.";
                case PENDING -> "Stored as version " + stored.version() + ", pending: 'calibrate --restore " + stored.version() + "' makes it current.";
                default -> "Stored as failed version " + stored.version() + "; the current calibration is unchanged (version "
                        + store.current().version() + ").";
            });
            return ok ? 0 : 1;
        }
    }
}
