package org.lodestone.console.cli;

import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.console.service.mobile.MobileState;
import org.lodestone.console.service.mobile.Requalification;
import org.lodestone.console.service.mobile.TransportMode;
import org.lodestone.console.unit.Units;
import org.lodestone.hw.gpio.ArmRefused;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.gpio.Arming;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

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
    static final class Transport implements Callable<Integer> {
        @Parameters(paramLabel = "on|off")
        String onOff;

        @Option(names = "--operator", defaultValue = "${sys:user.name}")
        String operator;

        @Mixin
        WorkflowAccess access;

        @Override
        public Integer call() throws Exception {
            if (!onOff.equals("on") && !onOff.equals("off")) throw new IllegalArgumentException("transport takes on or off, not '" + onOff + "'");
            TransportMode t = new TransportMode(access.home().root());
            try (WorkflowAccess.Session session = access.session(r -> true, "switch transport mode")) {
                MobileState s = onOff.equals("on") ? t.enter(operator, Optional.empty()) : t.leave(operator);
                session.audit("mobile.transport-" + onOff, "unit", Map.of("operator", operator));
                print(s);
            }
            return 0;
        }
    }

    @Command(name = "requalify", mixinStandardHelpOptions = true, description = "The after-drive checklist (uniform phantom in the bore): "
            + "tune → frequency → RF → shim → frequency → QA; ends 'ready for patients' or says what to do.")
    static final class Requalify implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR")
        Path out;

        @Option(names = "--operator", defaultValue = "${sys:user.name}")
        String operator;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        WorkflowAccess access;

        @Override
        public Integer call() throws Exception {
            System.setProperty("java.awt.headless", "true");
            TransportMode mobile = new TransportMode(access.home().root());
            if (mobile.state().transport()) {
                System.err.println("lodestone: the unit is in transport mode: 'mobile transport off' first, then requalify.");
                return Main.REFUSED;
            }
            CalibrationStore store = access.environment().calibrationStore();
            try (WorkflowAccess.Session session = access.session(Role::mayService, "requalify the unit (service role)");
                 UnitConnection unit = Units.open(connection.port, connection.virtualOptions(), connection.gpioSetup())) {
                Armed armed;
                try {
                    armed = unit.arm();
                } catch (ArmRefused e) {
                    System.err.println("lodestone: requalification refused: " + e.getMessage());
                    return Main.REFUSED;
                }
                ProgramRunner runner = new ProgramRunner(unit.session(), unit.profile(), Arming.within(armed),
                        org.lodestone.calibration.gradient.GradientScaleCorrection.from(store));
                CalibrationSuite suite = new CalibrationSuite(runner, store, operator, out, unit.capabilities().nominalLarmorHz());
                Requalification.Verdict v;
                try (armed) {
                    v = Requalification.run(suite, store, mobile, operator, s -> {
                        if (s.check() != Requalification.Check.RUNNING) {
                            System.out.printf(Locale.ROOT, "%-32s %-8s %6.1f s  %s%n", s.title(), s.check(), s.unitSeconds(), s.reason());
                        }
                    });
                }
                suite.writeReport(Map.of("model", unit.capabilities().model(), "port", unit.port()));
                session.audit(v.ready() ? "mobile.requalified" : "mobile.requalification-failed",
                        "calibration v" + v.storedVersion(), Map.of("operator", operator, "verdict", v.message()));
                System.out.println(v.message());
                return v.ready() ? 0 : 1;
            }
        }
    }

    @Command(name = "override", mixinStandardHelpOptions = true, description = "Release a unit whose requalification failed (service role, audited).")
    static final class Release implements Callable<Integer> {
        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why the unit may scan patients anyway.")
        String note;

        @Option(names = "--operator", defaultValue = "${sys:user.name}")
        String operator;

        @Mixin
        WorkflowAccess access;

        @Override
        public Integer call() throws Exception {
            TransportMode t = new TransportMode(access.home().root());
            try (WorkflowAccess.Session session = access.session(Role::mayService, "override a failed requalification (service role)")) {
                MobileState s = t.override(operator, note);
                session.audit("mobile.override", "unit", Map.of("operator", operator, "note", note));
                print(s);
            }
            return 0;
        }
    }
}
