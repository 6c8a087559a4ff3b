package org.lodestone.workflow;

import java.nio.file.Path;

/**
 * Where the workflow's data lie under the data directory ($LODESTONE_HOME, default ~/.lodestone), beside the
 * calibration store and the logs: the database in {@code db/}, the audit trail in {@code audit/}, series files
 * in {@code exams/}.
 */
public record WorkflowHome(Path root) {
    public WorkflowHome {
        root = root.toAbsolutePath().normalize();
    }

    /** The data directory the launcher chose: the {@code lodestone.data} property, then LODESTONE_HOME, then ~/.lodestone. */
    public static WorkflowHome fromEnvironment() {
        String prop = System.getProperty("lodestone.data");
        if (prop != null && !prop.isBlank()) return new WorkflowHome(Path.of(prop));
        String env = System.getenv("LODESTONE_HOME");
        if (env != null && !env.isBlank()) return new WorkflowHome(Path.of(env));
        return new WorkflowHome(Path.of(System.getProperty("user.home"), ".lodestone"));
    }

    public Path databaseDirectory() {
        return root.resolve("db");
    }

    /** H2 file base name (H2 adds .mv.db). */
    public Path databaseFile() {
        return databaseDirectory().resolve("lodestone");
    }

    public Path auditFile() {
        return root.resolve("audit").resolve("audit.jsonl");
    }

    public Path examsDirectory() {
        return root.resolve("exams");
    }

    public Path retentionSettings() {
        return root.resolve("retention.properties");
    }
}
