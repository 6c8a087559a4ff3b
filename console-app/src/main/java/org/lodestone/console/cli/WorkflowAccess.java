package org.lodestone.console.cli;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import org.lodestone.workflow.user.Users;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code --user} option of the workflow commands and the login behind it: the password comes from
 * LODESTONE_PASSWORD (scripts) or is asked on the terminal. A fresh install with no users runs as
 * {@code operator} with a warning.
 */
public final class WorkflowAccess {
    @Option(names = "--user", paramLabel = "NAME", description = "Who you are (default: LODESTONE_USER); the password is asked, or LODESTONE_PASSWORD.")
    String user;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The data directory and environment of this run. */
    CliEnvironment environment() {
        return Main.environment(command);
    }

    WorkflowHome home() {
        return environment().workflowHome();
    }

    Workflow open() {
        return environment().openWorkflow();
    }

    /** Opens the workflow home as the user of this run: logged in, the role checked (see {@link #login}). */
    Session session(Predicate<Role> allowed, String what) {
        Workflow w = open();
        try {
            return new Session(w, login(w, allowed, what));
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** The workflow home opened by a logged-in user; what it audits is in that user's name. */
    record Session(Workflow workflow, Actor actor) implements AutoCloseable {
        void audit(String action, String object, Map<String, String> details) {
            workflow.audit().append(actor.name(), actor.role().text(), action, object, details);
        }

        @Override
        public void close() {
            workflow.close();
        }
    }

    /** Logs in and checks the role; {@code what} names the action for the refusal. Audits the login. */
    Actor login(Workflow w, Predicate<Role> allowed, String what) {
        Users users = w.users();
        if (users.none()) {
            System.err.println("lodestone: warning: no users are set up, running as 'operator' (set up an administrator:"
                    + " lodestone user add NAME --role administrator)");
            return Actor.OPERATOR;
        }
        String name = user != null ? user : environment().variable("LODESTONE_USER");
        if (name == null || name.isBlank()) throw new InvalidInputException("--user", "needed: give --user NAME or set LODESTONE_USER");
        char[] password = password(name);
        Users.Login login = users.authenticate(name, password);
        if (login.actor().isEmpty()) {
            w.audit().append(name, "unknown", "login.failed", "user " + name, Map.of("reason", login.refusal()));
            throw new InvalidInputException("--user", login.refusal());
        }
        Actor a = login.actor().get();
        w.audit().append(a.name(), a.role().text(), "login", "user " + a.name(), Map.of("command", what));
        if (!allowed.test(a.role())) {
            throw new InvalidInputException("--user", "user " + a.name() + " (" + a.role().text() + ") may not " + what);
        }
        return a;
    }

    private char[] password(String name) {
        String env = environment().variable("LODESTONE_PASSWORD");
        if (env != null) return env.toCharArray();
        Console c = System.console();
        if (c == null) throw new InvalidInputException("password", "needed for " + name + ": run on a terminal or set LODESTONE_PASSWORD");
        char[] p = c.readPassword("Password for %s: ", name);
        if (p == null) throw new InvalidInputException("password", "none given");
        return p;
    }
}
