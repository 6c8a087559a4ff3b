package org.lodestone.console.day;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.audit.AuditEntry;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Login, idle lock, switch user and hand registration over a real H2 file and audit trail. */
class SessionAndPatientsTest {
    @TempDir
    Path home;
    Workflow workflow;

    @BeforeEach
    void open() {
        workflow = Workflow.open(new WorkflowHome(home));
    }

    @AfterEach
    void close() {
        workflow.close();
    }

    /** A clock the test moves by hand: the idle lock without waiting. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-05T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void loginLocksAfterIdleUnlocksOnlyWithThePasswordAndSwitchUserLogsOut() {
        workflow.users().add("admin", Role.ADMINISTRATOR, "admin-pass".toCharArray());
        workflow.users().add("tina", Role.TECHNICIAN, "tina-pass".toCharArray());
        workflow.users().add("vic", Role.VIEWER, "vic-pass".toCharArray());
        HandClock clock = new HandClock();
        Session s = new Session(workflow.users(), workflow.audit(), clock, Duration.ofMinutes(5));
        assertThat(s.locked()).isTrue();

        Session.Attempt bad = s.login("tina", "wrong".toCharArray());
        assertThat(bad.ok()).isFalse();
        assertThat(bad.refusal()).contains("wrong password");
        assertThat(s.user()).isEmpty();

        assertThat(s.login("tina", "tina-pass".toCharArray()).ok()).isTrue();
        assertThat(s.mayScan()).isTrue();
        clock.now = clock.now.plusSeconds(299);
        assertThat(s.checkIdle()).isFalse();
        s.touch();
        clock.now = clock.now.plusSeconds(299);
        assertThat(s.checkIdle()).as("a touch restarts the idle time").isFalse();
        clock.now = clock.now.plusSeconds(1);
        assertThat(s.checkIdle()).isTrue();
        assertThat(s.unlock("nope".toCharArray()).ok()).isFalse();
        assertThat(s.locked()).isTrue();
        assertThat(s.unlock("tina-pass".toCharArray()).ok()).isTrue();
        assertThat(s.locked()).isFalse();

        s.switchUser();
        assertThat(s.user()).isEmpty();
        assertThat(s.locked()).isTrue();
        assertThat(s.login("vic", "vic-pass".toCharArray()).ok()).isTrue();
        assertThat(s.mayScan()).as("the viewer role reads, never scans").isFalse();
        assertThat(s.mayEditProtocols()).isFalse();

        assertThat(workflow.audit().entries()).extracting(AuditEntry::action)
                .containsSubsequence("login.failed", "login", "login.failed", "login", "logout", "login");
    }

    @Test
    void withoutUsersTheConsoleRunsAsOperator() {
        Session s = new Session(workflow.users(), workflow.audit(), Clock.systemUTC(), Duration.ofMinutes(5));
        assertThat(s.open()).isTrue();
        assertThat(s.login(null, null).actor()).contains(Actor.OPERATOR);
    }

    @Test
    void everyBadFieldIsMarkedWithItsOwnReasonAtOnce() {
        PatientDraft d = new PatientDraft("bad id!", "", "2999-01-01", "X", "9000", "abc");
        PatientRegistration.Check c = PatientRegistration.check(d);
        assertThat(c.reasons().keySet()).containsExactly("id", "name", "birth", "sex", "weight", "height");
        Texts en = Texts.english();
        assertThat(c.reasons().get("id").text(en)).contains("'bad id!' is not a patient ID");
        assertThat(c.reasons().get("name").text(en)).isEqualTo("Required.");
        assertThat(c.reasons().get("weight").text(en)).contains("'9000'").contains("0.5 and 350 kg");
        assertThat(c.reasons().get("sex").text(Texts.of(Texts.CHINESE))).isEqualTo("“X”不是 F、M 或 O。");

        PatientDraft noWeight = new PatientDraft("P-2", "Wang^Fang", "", "", "", "");
        assertThat(PatientRegistration.check(noWeight).reasons()).containsOnlyKeys("weight");
    }

    @Test
    void registrationStoresThePatientAsEnteredAndRefusesATakenId() {
        Actor tina = new Actor("tina", Role.TECHNICIAN);
        PatientRegistration reg = new PatientRegistration(workflow.patients(), workflow.audit());
        PatientDraft d = new PatientDraft("P-2", "王^芳", "1980-02-03", "f", "61.5", "");
        assertThat(reg.register(d, tina).valid()).isTrue();
        var p = workflow.patients().get("P-2").orElseThrow();
        assertThat(p.name()).isEqualTo("王^芳");
        assertThat(p.weightKg()).isEqualTo(61.5);
        assertThat(p.sex()).isEqualTo("F");
        assertThat(reg.search("王")).extracting(x -> x.id()).containsExactly("P-2");
        assertThat(reg.register(d, tina).reasons().get("id").key()).isEqualTo("patients.invalid.taken");
        assertThat(workflow.audit().entries()).extracting(AuditEntry::action).containsOnlyOnce("patient.create");
    }
}
