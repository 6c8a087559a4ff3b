package org.lodestone.console.cli;

import org.lodestone.dicom.export.AuditSink;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.user.Actor;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;

/** What the DICOM commands share: our AE title, the network timeout, the audit trail. */
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

    /** Exports and sends go into the workflow's audit trail, under the user who logged in. */
    static AuditSink audit(Workflow w, Actor who) {
        return (action, study, detail) -> w.audit().append(who.name(), who.role().text(), action, "study " + study,
                Map.of("detail", detail));
    }
}
