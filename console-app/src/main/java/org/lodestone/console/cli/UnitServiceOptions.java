package org.lodestone.console.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a service command that plays programs on the unit (calibrate, mobile requalify) is given: who does it
 * (--operator), where the unit is (--port, --gpio, --sim-*) and who logs in (--user).
 */
final class UnitServiceOptions {
    @Mixin
    OperatorOption operator;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    WorkflowAccess access;

    /**
     * A mixin inside a mixin is handed this mixin's spec, which has no parent, so {@link Main#environment} would miss
     * the run's root: give the nested ones the command this mixin belongs to.
     */
    @Spec(Spec.Target.MIXEE)
    void command(CommandSpec command) {
        connection.command = command;
        access.command = command;
    }
}
