package org.lodestone.console.cli;

import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.console.service.mobile.MobileState;
import org.lodestone.console.service.mobile.Requalification;
import org.lodestone.console.service.mobile.TransportMode;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** The mobile unit: transport mode before a drive, the requalification after it, a service override. */
@Command(name = "mobile", mixinStandardHelpOptions = true, description = "Mobile unit: transport mode, after-drive requalification.",
        subcommands = {MobileCommand.Status.class, MobileCommand.Transport.class, MobileCommand.Requalify.class, MobileCommand.Release.class})
public final class MobileCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The data directory of this run (where mobile/state.json and the calibration store live). */
    static Path data(picocli.CommandLine.Model.CommandSpec spec) {
        return Main.environment(spec).home();
    }

    static void print(MobileState s) {
        System.out.println("transport mode: " + (s.transport() ? "ON since " + s.transportSince() : "off"));
        System.out.println("requalification: " + s.requalification().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (s.note().isEmpty() ? "" : " (" + s.note() + ")"));
        System.out.println("patient scans: " + (s.patientScansAllowed() ? "allowed" : "blocked. " + s.blockingReason()));
    }

    /** One change of the mobile state (its file may fail to write). */
    interface StateChange {
        MobileState apply(TransportMode mode) throws IOException;
    }

    /** What a state-changing subcommand does: who may, the change, and its audit entry. */
    record Change(Predicate<Role> allowed, String what, StateChange change, String action, Map<String, String> details) {
    }

    /** Transport on/off and override: a change of the mobile state by the logged-in user (role checked), audited, the new state printed. */
    abstract static class StateChangeCommand implements Callable<Integer> {
        @Mixin
        OperatorOption operator;

        @Mixin
        WorkflowAccess access;

        abstract Change change();

        @Override
        public Integer call() throws Exception {
            Change c = change();
            TransportMode t = new TransportMode(access.home().root());
            try (WorkflowAccess.Session session = access.session(c.allowed(), c.what())) {
                MobileState s = c.change().apply(t);
                session.audit(c.action(), "unit", c.details());
                print(s);
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Transport mode, requalification and whether patients may be scanned.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            print(new TransportMode(data(spec)).state());
            return 0;
        }
    }

    @Command(name = "transport", mixinStandardHelpOptions = true, description = "on: before a drive (amplifiers locked off, queue held, "
            + "sensors logged); off: after it (the requalification is then required).")
    static final class Transport extends StateChangeCommand {
        @Parameters(paramLabel = "on|off")
        String onOff;

        @Override
        Change change() {
            if (!onOff.equals("on") && !onOff.equals("off")) throw new IllegalArgumentException("transport takes on or off, not '" + onOff + "'");
            return new Change(r -> true, "switch transport mode",
                    t -> onOff.equals("on") ? t.enter(operator.name, Optional.empty()) : t.leave(operator.name),
                    "mobile.transport-" + onOff, Map.of("operator", operator.name));
        }
    }

    @Command(name = "requalify", mixinStandardHelpOptions = true, description = "The after-drive checklist (uniform phantom in the bore): "
            + "tune → frequency → RF → shim → frequency → QA; ends 'ready for patients' or says what to do.")
    static final class Requalify implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR")
        Path out;

        @Mixin
        UnitServiceOptions service;

        @Override
        public Integer call() throws Exception {
            TransportMode mobile = new TransportMode(service.access.home().root());
            if (mobile.state().transport()) {
                System.err.println("lodestone: the unit is in transport mode: 'mobile transport off' first, then requalify.");
                return Main.REFUSED;
            }
            CalibrationStore store = service.access.environment().calibrationStore();
            try (WorkflowAccess.Session session = service.access.session(Role::mayService, "requalify the unit (service role)");
                 UnitConnection unit = service.connection.open()) {
                Optional<ArmedSuite> arming = ArmedSuite.arm(unit, store, service.operator.name, out,
                        reason -> System.err.println("lodestone: requalification refused: " + reason));
                if (arming.isEmpty()) return Main.REFUSED;
                CalibrationSuite suite = arming.get().suite();
                Requalification.Verdict v;
                try (ArmedSuite armed = arming.get()) {
                    v = Requalification.run(suite, store, mobile, service.operator.name, s -> {
                        if (s.check() != Requalification.Check.RUNNING) {
                            System.out.printf(Locale.ROOT, "%-32s %-8s %6.1f s  %s%n", s.title(), s.check(), s.unitSeconds(), s.reason());
                        }
                    });
                }
                suite.writeReport(Map.of("model", unit.capabilities().model(), "port", unit.port()));
                session.audit(v.ready() ? "mobile.requalified" : "mobile.requalification-failed",
                        "calibration v" + v.storedVersion(), Map.of("operator", service.operator.name, "verdict", v.message()));
                System.out.println(v.message());
                return v.ready() ? 0 : 1;
            }
        }
    }

    @Command(name = "override", mixinStandardHelpOptions = true, description = "Release a unit whose requalification failed (service role, audited).")
    static final class Release extends StateChangeCommand {
        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why the unit may scan patients anyway.")
        String note;

        @Override
        Change change() {
            return new Change(Role::mayService, "override a failed requalification (service role)",
                    t -> t.override(operator.name, note), "mobile.override", Map.of("operator", operator.name, "note", note));
        }
    }
}
