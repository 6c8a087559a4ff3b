package org.lodestone.console.cli;

import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.net.NetworkFailure;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.sql.DataSource;
import java.util.Map;
import java.util.concurrent.Callable;

/** DICOM destinations: add, list, echo. */
@Command(name = "pacs", mixinStandardHelpOptions = true, description = "DICOM destinations (PACS, viewers, RIS).",
        subcommands = {PacsCommand.Add.class, PacsCommand.ListAll.class, PacsCommand.Echo.class})
public final class PacsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add or change a destination.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "AET@HOST:PORT") String address;
        @Option(names = "--tls", description = "Use TLS (DICOM over TLS).") boolean tls;
        @Mixin WorkflowAccess access;

        @Override
        public Integer call() throws Exception {
            DicomNode node = DicomNode.parse(name, address, tls);
            try (WorkflowAccess.Session session = access.session(Role::mayService, "add destinations (service role)")) {
                new Destinations(session.workflow().database().dataSource()).save(node);
                session.audit("pacs.add", "destination " + node.name(),
                        Map.of("address", node.address(), "tls", String.valueOf(tls)));
            }
            System.out.println("destination " + node.name() + ": " + node.address());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the destinations.")
    static final class ListAll implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Workflow w = Main.environment(spec).openWorkflow()) {
                DataSource db = w.database().dataSource();
                var all = new Destinations(db).list();
                if (all.isEmpty()) System.out.println("no destinations; add one with: lodestone pacs add NAME AET@HOST:PORT");
                for (DicomNode n : all) System.out.printf("%-16s %s%n", n.name(), n.address());
            }
            return 0;
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true, description = "Check that a destination answers (C-ECHO).")
    static final class Echo implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Mixin DicomOptions dicom;

        @Override
        public Integer call() throws Exception {
            DicomNode node;
            try (Workflow w = Main.environment(spec).openWorkflow()) {
                DataSource db = w.database().dataSource();
                node = new Destinations(db).find(name).orElseThrow(() -> new IllegalArgumentException(
                        "no destination named '" + name + "'; see 'lodestone pacs list'"));
            }
            long t0 = System.nanoTime();
            try {
                dicom.client().echo(node);
            } catch (NetworkFailure f) {
                System.err.println("lodestone: " + f.getMessage());
                return 1;
            }
            System.out.printf("%s (%s) answered in %d ms%n", node.name(), node.address(), (System.nanoTime() - t0) / 1_000_000);
            return 0;
        }
    }
}
