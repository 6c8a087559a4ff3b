package org.lodestone.console.cli;

import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.net.NetworkFailure;
import org.lodestone.dicom.outbox.AutoSendRules;
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
        @Option(names = "--mpps", description = "It offers MPPS: report each exam's start and end to it.") boolean mpps;
        @Option(names = "--auto-send", description = "Queue every completed series for it, without 'send'.") boolean autoSend;
        @Option(names = "--auto-send-protocol", paramLabel = "PROTOCOL",
                description = "Queue every completed series of this protocol for it (repeatable).") java.util.List<String> autoSendProtocols;
        @Mixin WorkflowAccess access;

        @Override
        public Integer call() throws Exception {
            DicomNode node = DicomNode.parse(name, address, tls);
            try (WorkflowAccess.Session session = access.session(Role::mayService, "add destinations (service role)")) {
                DataSource db = session.workflow().database().dataSource();
                new Destinations(db).save(node);
                new Destinations(db).offerMpps(node.name(), mpps);
                java.util.List<String> rules = new java.util.ArrayList<>();
                if (autoSend) rules.add(AutoSendRules.ANY);
                if (autoSendProtocols != null) rules.addAll(autoSendProtocols);
                for (String protocol : rules) new AutoSendRules(db).add(protocol.strip(), node.name(), java.time.Instant.now());
                session.audit("pacs.add", "destination " + node.name(),
                        Map.of("address", node.address(), "tls", String.valueOf(tls), "mpps", String.valueOf(mpps),
                                "auto_send", String.join(",", rules)));
            }
            System.out.println("destination " + node.name() + ": " + node.address() + (mpps ? ", MPPS" : "")
                    + (autoSend || autoSendProtocols != null ? ", auto-send on" : ""));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the destinations.")
    static final class ListAll implements Callable<Integer> {
        @Mixin
        WorkflowWithoutLogin workflow;

        @Override
        public Integer call() throws Exception {
            try (Workflow w = workflow.open()) {
                DataSource db = w.database().dataSource();
                var all = new Destinations(db).list();
                if (all.isEmpty()) System.out.println("no destinations; add one with: lodestone pacs add NAME AET@HOST:PORT");
                var rules = new AutoSendRules(db).list();
                for (DicomNode n : all) {
                    String auto = String.join(", ", rules.stream().filter(r -> r.destination().equals(n.name()))
                            .map(r -> r.protocol().equals(AutoSendRules.ANY) ? "every series" : r.protocol()).toList());
                    System.out.printf("%-16s %s%s%s%n", n.name(), n.address(), new Destinations(db).offersMpps(n.name()) ? "  MPPS" : "",
                            auto.isEmpty() ? "" : "  auto-send: " + auto);
                }
            }
            return 0;
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true, description = "Check that a destination answers (C-ECHO).")
    static final class Echo implements Callable<Integer> {
        @Mixin
        WorkflowWithoutLogin workflow;

        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Mixin DicomOptions dicom;

        @Override
        public Integer call() throws Exception {
            DicomNode node;
            try (Workflow w = workflow.open()) {
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
