package org.lodestone.console.cli;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code user add NAME --role R}. The first user of a fresh install must be an administrator (first-run set-up);
 * afterwards only an administrator adds users. The new user's password: NEW_LODESTONE_PASSWORD or asked twice.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users.", subcommands = UserCommand.Add.class)
public final class UserCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user (technician, service-engineer, administrator, viewer).")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--role", required = true, paramLabel = "R")
        String role;
        @Mixin
        WorkflowAccess access;

        @Override
        public Integer call() {
            Role r = Role.ofText(role).orElseThrow(() -> new InvalidInputException("--role",
                    "'" + role + "' is not technician, service-engineer, administrator or viewer"));
            try (Workflow w = access.open()) {
                Actor by;
                if (w.users().none()) {
                    if (r != Role.ADMINISTRATOR) throw new InvalidInputException("--role", "the first user must be an administrator");
                    by = new Actor(name, Role.ADMINISTRATOR);
                } else {
                    by = access.login(w, x -> x == Role.ADMINISTRATOR, "add users (administrators only)");
                }
                w.users().add(name, r, newPassword());
                w.audit().append(by.name(), by.role().text(), "user.create", "user " + name, Map.of("role", r.text()));
                System.out.println("User " + name + " added as " + r.text());
            }
            return 0;
        }

        private char[] newPassword() {
            String env = access.environment().variable("NEW_LODESTONE_PASSWORD");
            if (env != null) return env.toCharArray();
            Console c = System.console();
            if (c == null) throw new InvalidInputException("password", "run on a terminal or set NEW_LODESTONE_PASSWORD");
            char[] a = c.readPassword("New password: "), b = c.readPassword("Again: ");
            if (a == null || !Arrays.equals(a, b)) throw new InvalidInputException("password", "the two entries differ");
            return a;
        }
    }
}
