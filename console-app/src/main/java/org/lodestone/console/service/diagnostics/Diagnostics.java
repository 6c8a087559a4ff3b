package org.lodestone.console.service.diagnostics;

import org.lodestone.console.service.ServiceBench;
import org.lodestone.hw.gpio.InterlockGuard;
import org.lodestone.hw.session.ScannerSession;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the diagnostics screens read: the unit's session (link statistics, sensors) and interlock guard (GPIO,
 * loop test) while connected, the console's log, the audit trail (administrator) where exports go, and why the enables must stay off (transport mode). The
 * window builds one over its unit connection; tests build one on a twin.
 */
public record Diagnostics(Supplier<Optional<ScannerSession>> session, Supplier<Optional<InterlockGuard>> interlocks,
                          Optional<ConsoleLog> log, AuditView audit, ServiceBench.Audit recorder, Duration loopStepTimeout,
                          Path exportDir, Supplier<Optional<String>> armingLock) {
    public static final Duration DEFAULT_LOOP_STEP_TIMEOUT = Duration.ofSeconds(60);
}
