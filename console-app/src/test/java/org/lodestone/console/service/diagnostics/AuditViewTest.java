package org.lodestone.console.service.diagnostics;

import org.junit.jupiter.api.Test;
import org.lodestone.workflow.audit.AuditEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit trail view: the administrator reads it newest first and filtered by action; nobody else reads it. */
class AuditViewTest {
    private static List<AuditEntry> trail() {
        List<AuditEntry> out = new ArrayList<>();
        String prev = AuditEntry.GENESIS;
        String[][] rows = {{"tech", "scan.start", "exam 1"}, {"eng", "calibration.accept", "calibration v1"}, {"tech", "scan.abort", "exam 1"}};
        for (int i = 0; i < rows.length; i++) {
            AuditEntry e = AuditEntry.create(i + 1, "2026-12-06T03:0" + i + ":00Z", rows[i][0], "technician", rows[i][1], rows[i][2],
                    Map.of("b", "2", "a", "1"), prev);
            out.add(e);
            prev = e.hash();
        }
        return out;
    }

    @Test
    void theAdministratorReadsItNewestFirstAndFiltered() throws Exception {
        AuditView view = new AuditView(AuditViewTest::trail, () -> true);
        assertThat(view.entries("")).extracting(AuditEntry::action).containsExactly("scan.abort", "calibration.accept", "scan.start");
        assertThat(view.entries(" SCAN.")).extracting(AuditEntry::action).containsExactly("scan.abort", "scan.start");
        assertThat(AuditView.shown(view.entries("accept").getFirst()))
                .isEqualTo("2026-12-06T03:01:00Z  eng (technician)  calibration.accept  calibration v1  a=1  b=2");
    }

    @Test
    void anyoneElseIsRefusedAndFollowsWhoIsLoggedIn() throws Exception {
        AtomicBoolean admin = new AtomicBoolean(false);
        AuditView view = new AuditView(AuditViewTest::trail, admin::get);
        assertThatThrownBy(() -> view.entries("")).isInstanceOf(AuditView.NotAdministrator.class)
                .hasMessage("the audit trail is shown to the administrator only");
        admin.set(true);
        assertThat(view.entries("")).hasSize(3);
    }
}
