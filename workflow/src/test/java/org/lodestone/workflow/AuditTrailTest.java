package org.lodestone.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.workflow.audit.AuditTrail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hash chain and the head in the database catch an edited entry, a removed entry and a cut-off tail. */
class AuditTrailTest {
    @TempDir
    Path tmp;

    private Workflow withEntries(int n) {
        Workflow w = Workflow.open(new WorkflowHome(tmp));
        for (int i = 1; i <= n; i++) w.audit().append("anna", "technician", "patient.create", "patient P00" + i, Map.of("name", "王^小明 " + i));
        return w;
    }

    @Test
    void anIntactTrailVerifies() {
        try (Workflow w = withEntries(4)) {
            AuditTrail.AuditVerification v = w.audit().verify();
            assertThat(v.ok()).as(v.describe()).isTrue();
            assertThat(v.entries()).isEqualTo(4);
            assertThat(w.audit().entries().get(1).prev()).isEqualTo(w.audit().entries().get(0).hash());
        }
    }

    @Test
    void anEditedEntryIsNamed() throws Exception {
        try (Workflow w = withEntries(4)) {
            List<String> lines = new ArrayList<>(Files.readAllLines(w.audit().file()));
            lines.set(1, lines.get(1).replace("\"user\":\"anna\"", "\"user\":\"mallory\""));
            Files.write(w.audit().file(), lines, StandardCharsets.UTF_8);
            assertThat(w.audit().verify().describe()).isEqualTo("entry 2: hash mismatch");
        }
    }

    @Test
    void aRemovedEntryIsNamed() throws Exception {
        try (Workflow w = withEntries(4)) {
            List<String> lines = new ArrayList<>(Files.readAllLines(w.audit().file()));
            lines.remove(2);
            Files.write(w.audit().file(), lines, StandardCharsets.UTF_8);
            assertThat(w.audit().verify().describe()).startsWith("entry 3: sequence number is 4");
        }
    }

    @Test
    void aCutOffTailIsCaughtByTheHeadInTheDatabase() throws Exception {
        try (Workflow w = withEntries(4)) {
            List<String> lines = new ArrayList<>(Files.readAllLines(w.audit().file()));
            Files.write(w.audit().file(), lines.subList(0, 2), StandardCharsets.UTF_8);
            AuditTrail.AuditVerification v = w.audit().verify();
            assertThat(v.ok()).isFalse();
            assertThat(v.describe()).startsWith("entry 3: missing");
        }
    }

    @Test
    void aTornLastLineFromAKillIsDroppedBeforeTheNextAppend() throws Exception {
        try (Workflow w = withEntries(2)) {
            Files.writeString(w.audit().file(), "{\"seq\":3,\"time\":\"20", java.nio.file.StandardOpenOption.APPEND);
            w.audit().append("anna", "technician", "login", "user anna", Map.of());
            AuditTrail.AuditVerification v = w.audit().verify();
            assertThat(v.ok()).as(v.describe()).isTrue();
            assertThat(v.entries()).isEqualTo(3);
        }
    }
}
