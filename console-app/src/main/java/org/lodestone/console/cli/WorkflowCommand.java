package org.lodestone.console.cli;

import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * A command that does all its work as one logged-in user: the login, the role check and closing the workflow
 * home are said here once; the command only says who may run it, what it does (for the refusal) and the work.
 */
abstract class WorkflowCommand implements Callable<Integer> {
    @Mixin
    WorkflowAccess access;

    private final Predicate<Role> allowed;
    private final String what;

    WorkflowCommand(Predicate<Role> allowed, String what) {
        this.allowed = allowed;
        this.what = what;
    }

    /** The work, with the workflow home open as the logged-in user; returns the exit status. */
    abstract int run(WorkflowAccess.Session session) throws Exception;

    @Override
    public final Integer call() throws Exception {
        try (WorkflowAccess.Session session = access.session(allowed, what)) {
            return run(session);
        }
    }
}
