package org.lodestone.console.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.lodestone.dicom.export.AuditSink;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.outbox.DicomDatabase;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.time.Duration;

/** What the DICOM commands share: our AE title, the network timeout, the database, the audit log. */
final class DicomOptions {
    @Option(names = "--ae-title", paramLabel = "AET", defaultValue = "${env:LODESTONE_AE_TITLE:-LODESTONE}",
            description = "Our DICOM AE title (default ${DEFAULT-VALUE}; or set LODESTONE_AE_TITLE).")
    String aeTitle;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for a DICOM peer to answer (default ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    DicomClient client() {
        if (timeoutSeconds < 1) throw new IllegalArgumentException("--timeout must be at least 1 second");
        return new DicomClient(aeTitle, Duration.ofSeconds(timeoutSeconds));
    }

    /** The database of destinations and the outbox (the workflow database once the modules are joined). */
    static HikariDataSource database() {
        return DicomDatabase.open(Main.DataDirectory.get().resolve("dicom"));
    }

    static AuditSink audit(String operator) {
        return (action, study, detail) -> LoggerFactory.getLogger("audit")
                .info("{} {} study={} {}", operator, action, study, detail);
    }
}
