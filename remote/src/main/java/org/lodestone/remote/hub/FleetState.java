package org.lodestone.remote.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the hub knows of each unit, from its telemetry: the last status and sensors, the last
 * events and the alerts among them. Fed by {@link FleetSubscriber}; read by the page and the API.
 */
public final class FleetState {
    static final int RECENT_EVENTS = 20;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Unit> units = new TreeMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final StudyLinks studyLinks;

    /** A fleet whose exams link to no PACS. */
    public FleetState() {
        this(StudyLinks.none());
    }

    /** A fleet whose {@code exam_sent} events become links to the studies on the central PACS. */
    public FleetState(StudyLinks studyLinks) {
        this.studyLinks = studyLinks;
    }

    private static final class Unit {
        JsonNode status;
        JsonNode sensors;
        JsonNode qa;
        final Deque<JsonNode> events = new ArrayDeque<>();
        final Deque<ObjectNode> exams = new ArrayDeque<>();
    }

    /** One telemetry message on {@code lodestone/<unit>/<kind>}; anything else is ignored. */
    public void accept(String topic, JsonNode message) {
        String[] parts = topic.split("/");
        if (parts.length != 3 || !parts[0].equals("lodestone")) return;
        ObjectNode exam = null;
        synchronized (this) {
            Unit u = units.computeIfAbsent(parts[1], k -> new Unit());
            switch (parts[2]) {
                case "status" -> u.status = message;
                case "sensors" -> u.sensors = message;
                case "qa" -> u.qa = message;
                case "events" -> {
                    u.events.addFirst(message);
                    while (u.events.size() > RECENT_EVENTS) u.events.removeLast();
                    if (message.path("kind").asText().equals(org.lodestone.remote.telemetry.UnitTelemetry.EXAM_SENT)) {
                        exam = studyLinks.entry(message);
                        u.exams.addFirst(exam);
                        while (u.exams.size() > RECENT_EVENTS) u.exams.removeLast();
                    }
                }
                default -> {
                    return;
                }
            }
        }
        changed();
        if (exam != null && exam.has("url")) {
            ObjectNode e = exam;
            studyLinks.check(e).thenAccept(answer -> {
                synchronized (this) {
                    e.put("on_pacs", answer);
                }
                changed();
            });
        }
    }

    private void changed() {
        String snapshot = unitsJson().toString();
        for (Consumer<String> l : listeners) l.accept(snapshot);
    }

    /** Hears the whole fleet as JSON after every change. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /** {@code /api/units}: one object per unit, by unit id. */
    public synchronized ArrayNode unitsJson() {
        ArrayNode all = json.createArrayNode();
        units.forEach((id, u) -> {
            ObjectNode n = all.addObject();
            n.put("unit", id);
            if (u.status != null) n.set("status", u.status);
            if (u.sensors != null) n.set("sensors", u.sensors);
            if (u.qa != null) n.set("qa", u.qa);
            ArrayNode exams = n.putArray("exams");
            u.exams.forEach(e -> exams.add(e.deepCopy()));
            ArrayNode events = n.putArray("events");
            ArrayNode alerts = n.putArray("alerts");
            for (JsonNode e : u.events) {
                events.add(e);
                String sev = e.path("severity").asText();
                if (sev.equals("alert") || sev.equals("alarm")) alerts.add(e);
            }
        });
        return all;
    }
}
