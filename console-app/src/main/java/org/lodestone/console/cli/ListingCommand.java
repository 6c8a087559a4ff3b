package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.lodestone.workflow.Workflow;
import picocli.CommandLine.Option;

import java.util.List;

/** A listing any logged-in user may see: a table row per item, or with {@code --json} one pretty-printed JSON array. */
abstract class ListingCommand<T> extends WorkflowCommand {
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "JSON instead of a table.")
    boolean json;

    ListingCommand(String what) {
        super(r -> true, what);
    }

    /** The items, in the order they are printed. */
    abstract List<T> items(Workflow w);

    abstract JsonNode toJson(T item);

    abstract void printRow(T item);

    @Override
    final int run(WorkflowAccess.Session session) throws Exception {
        List<T> items = items(session.workflow());
        if (!json) {
            items.forEach(this::printRow);
            return 0;
        }
        ArrayNode a = JSON.createArrayNode();
        items.forEach(i -> a.add(toJson(i)));
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(a));
        return 0;
    }
}
