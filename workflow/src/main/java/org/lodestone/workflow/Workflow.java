package org.lodestone.workflow;

import org.lodestone.workflow.audit.AuditTrail;
import org.lodestone.workflow.care.RetentionPolicy;
import org.lodestone.workflow.exam.ExamRecorder;
import org.lodestone.workflow.exam.Exams;
import org.lodestone.workflow.patient.Patients;
import org.lodestone.workflow.recovery.InterruptedSeriesRecovery;
import org.lodestone.workflow.store.Database;
import org.lodestone.workflow.user.Users;

import java.util.List;

/** The workflow services over one open database; the CLI and the window each open one per process. */
public final class Workflow implements AutoCloseable {
    private final WorkflowHome home;
    private final Database db;
    private final AuditTrail audit;

    private Workflow(WorkflowHome home, Database db) {
        this.home = home;
        this.db = db;
        this.audit = new AuditTrail(home.auditFile(), db);
    }

    /** Opens (and migrates) the database under {@code home}. */
    public static Workflow open(WorkflowHome home) {
        return new Workflow(home, Database.open(home));
    }

    /** Opens it and turns series left in progress by dead processes into interrupted ones: the start-up of every command. */
    public static Workflow openAndRecover(WorkflowHome home) {
        Workflow w = open(home);
        w.recoverInterruptedSeries();
        return w;
    }

    public List<InterruptedSeriesRecovery.Recovered> recoverInterruptedSeries() {
        return InterruptedSeriesRecovery.run(db, audit);
    }

    public WorkflowHome home() {
        return home;
    }

    public Database database() {
        return db;
    }

    public AuditTrail audit() {
        return audit;
    }

    public Patients patients() {
        return new Patients(db);
    }

    public Exams exams() {
        return new Exams(db);
    }

    public Users users() {
        return new Users(db);
    }

    public ExamRecorder recorder() {
        return new ExamRecorder(db, home, audit);
    }

    public RetentionPolicy retentionPolicy() {
        return RetentionPolicy.load(home.retentionSettings());
    }

    @Override
    public void close() {
        db.close();
    }
}
