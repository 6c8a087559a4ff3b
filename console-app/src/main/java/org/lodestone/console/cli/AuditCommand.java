package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.audit.AuditEntry;
import org.lodestone.workflow.audit.AuditTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code audit verify} (exit 1 naming the first bad entry) and {@code audit show [--since T] [--json]}. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check or show the audit trail.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class})
public final class AuditCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check every entry's hash chain and the head kept in the database.")
    static final class Verify extends WorkflowCommand {
        Verify() {
            super(r -> true, "verify the audit trail");
        }

        @Override
        int run(WorkflowAccess.Session session) {
            AuditTrail.AuditVerification v = session.workflow().audit().verify();
            if (v.ok()) {
                System.out.println(v.describe());
                return 0;
            }
            System.err.println("lodestone: audit trail damaged: " + v.describe());
            return 1;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print audit entries.")
    static final class Show implements Callable<Integer> {
        @Option(names = "--since", paramLabel = "T", description = "Only entries from T on (YYYY-MM-DD or an ISO instant, UTC).")
        String since;
        @Option(names = "--json", description = "One JSON object a line, as stored.")
        boolean json;
        @picocli.CommandLine.Mixin
        WorkflowAccess access;

        @Override
        public Integer call() {
            Instant from = since == null ? Instant.MIN : parse(since);
            try (WorkflowAccess.Session session = access.session(r -> true, "read the audit trail")) {
                for (AuditEntry e : session.workflow().audit().entries()) {
                    if (Instant.parse(e.time()).isBefore(from)) continue;
                    if (json) System.out.println(e.toLine());
                    else System.out.printf("%5d %s %-10s %-16s %-18s %s %s%n", e.seq(), e.time(), e.user(), e.role(), e.action(), e.object(),
                            e.details().isEmpty() ? "" : new ObjectMapper().valueToTree(new java.util.TreeMap<>(e.details())));
                }
            }
            return 0;
        }

        private static Instant parse(String t) {
            try {
                return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("--since", "'" + t + "' is not YYYY-MM-DD or an ISO instant like 2026-01-31T08:00:00Z");
            }
        }
    }
}
