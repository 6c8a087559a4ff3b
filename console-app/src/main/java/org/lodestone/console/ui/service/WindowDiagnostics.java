package org.lodestone.console.ui.service;

import org.lodestone.console.service.diagnostics.AuditView;
import org.lodestone.console.service.diagnostics.ConsoleLog;
import org.lodestone.console.service.diagnostics.Diagnostics;
import org.lodestone.console.service.mobile.TransportMode;
import org.lodestone.console.ui.day.DayContext;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.workflow.user.Role;

import java.util.Optional;

/** The diagnostics of the technician window: its unit connection, this process's log, its audit trail and user. */
public final class WindowDiagnostics {
    private WindowDiagnostics() {
    }

    public static Diagnostics of(DayContext day) {
        return new Diagnostics(() -> day.unit().map(UnitConnection::session), () -> day.guard(), ConsoleLog.ofThisProcess(),
                new AuditView(() -> day.workflow.audit().entries(),
                        () -> day.session.user().map(a -> a.role() == Role.ADMINISTRATOR).orElse(false)),
                (action, object, details) -> day.session.user().ifPresent(a ->
                        day.workflow.audit().append(a.name(), a.role().text(), action, object, details)),
                Diagnostics.DEFAULT_LOOP_STEP_TIMEOUT, day.config.home().root().resolve("service"), () -> transportLock(day));
    }

    /** Transport mode locks the amplifiers off; an unreadable state counts as locked. */
    private static Optional<String> transportLock(DayContext day) {
        try {
            return new TransportMode(day.config.home().root()).refuseArming();
        } catch (java.io.IOException e) {
            return Optional.of("the mobile unit's state is unreadable");
        }
    }
}
