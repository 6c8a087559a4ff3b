package org.lodestone.console.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The {@code --json} option of the listing commands: one pretty-printed JSON array instead of the table. */
final class JsonListing {
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "JSON instead of a table.")
    boolean json;

    /** Prints the items: with --json as one JSON array, without it a table row each. */
    <T> void print(List<T> items, Function<T, JsonNode> toJson, Consumer<T> row) throws JsonProcessingException {
        if (!json) {
            items.forEach(row);
            return;
        }
        ArrayNode a = JSON.createArrayNode();
        items.forEach(i -> a.add(toJson.apply(i)));
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(a));
    }
}
