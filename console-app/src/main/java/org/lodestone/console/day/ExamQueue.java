package org.lodestone.console.day;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.workflow.audit.AuditTrail;
import org.lodestone.workflow.exam.Exams;
import org.lodestone.workflow.exam.Series;
import org.lodestone.workflow.user.Actor;

import java.util.List;
import java.util.Map;

/**
 * The scans queued for one exam, over the workflow's stored queue (so it survives a restart): each with its
 * scan time, and the total; add, duplicate, remove and move, each audited like the CLI's {@code exam queue}.
 */
public record ExamQueue(Exams exams, DayAudit audit, String studyUid) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One queued scan: position (1 = next), unit protocol, its parameters and its scan time in seconds. */
    public record Item(int position, String protocol, String title, Map<String, Double> parameters, double seconds) {
        public Item {
            parameters = Map.copyOf(parameters);
        }
    }

    public ExamQueue(Exams exams, AuditTrail trail, String studyUid) {
        this(exams, new DayAudit(trail), studyUid);
    }

    public List<Item> items() {
        List<Series> q = exams.queue(studyUid);
        return java.util.stream.IntStream.range(0, q.size()).mapToObj(i -> item(i + 1, q.get(i))).toList();
    }

    /** The total scan time of the queue, seconds. */
    public double totalSeconds() {
        return items().stream().mapToDouble(Item::seconds).sum();
    }

    public void add(Actor by, String protocol, Map<String, Double> parameters) {
        String json = JSON.valueToTree(new java.util.TreeMap<>(parameters)).toString();
        Series s = exams.schedule(studyUid, protocol, json);
        audit.study(by, "queue.add", studyUid, Map.of("protocol", protocol, "series", s.seriesUid()));
    }

    /** A copy right after the original. */
    public void duplicate(Actor by, int position) {
        Item it = items().get(position - 1);
        add(by, it.protocol(), it.parameters());
        int last = items().size();
        if (last != position + 1) exams.reschedule(studyUid, last, position + 1);
    }

    public void remove(Actor by, int position) {
        Series s = exams.unschedule(studyUid, position);
        audit.study(by, "queue.remove", studyUid, Map.of("protocol", s.protocol(), "position", String.valueOf(position)));
    }

    public void move(Actor by, int from, int to) {
        Series s = exams.reschedule(studyUid, from, to);
        audit.study(by, "queue.move", studyUid,
                Map.of("protocol", s.protocol(), "from", String.valueOf(from), "to", String.valueOf(to)));
    }

    /**
     * Writes a slice plan into a queued scan: the protocol's geometry parameters it has (position, orientation,
     * tilts, FOV, slices) take the plan's values, the rest stay. The scan keeps its place in the queue.
     */
    public Item replan(Actor by, int position, org.lodestone.console.planning.SlicePlan plan) {
        Item it = items().get(position - 1);
        var names = ProtocolLibrary.find(it.protocol()).map(p -> p.parameters().stream().map(org.lodestone.seq.protocol.ParameterSpec::name).toList())
                .orElse(java.util.List.of());
        Map<String, Double> geometry = plan.toParameters(names);
        if (geometry.isEmpty()) throw new IllegalArgumentException(it.title() + " has no slice geometry to plan");
        Map<String, Double> merged = new java.util.TreeMap<>(it.parameters());
        merged.putAll(geometry);
        exams.unschedule(studyUid, position);
        exams.schedule(studyUid, it.protocol(), JSON.valueToTree(merged).toString());
        int last = items().size();
        if (last != position) exams.reschedule(studyUid, last, position);
        java.util.Map<String, String> details = new java.util.TreeMap<>();
        geometry.forEach((k, v) -> details.put(k, String.format(java.util.Locale.ROOT, "%.3f", v)));
        details.put("protocol", it.protocol());
        details.put("position", String.valueOf(position));
        audit.study(by, "queue.plan", studyUid, details);
        return items().get(position - 1);
    }

    /** Takes the next scan off the queue once it is being acquired (its series is recorded by the scan). */
    public Item takeNext() {
        Item next = items().getFirst();
        exams.unschedule(studyUid, 1);
        return next;
    }

    private static Item item(int position, Series s) {
        Map<String, Double> params = parameters(s.parameters());
        var proto = ProtocolLibrary.find(s.protocol());
        double seconds = Double.NaN;
        String title = s.protocol();
        if (proto.isPresent()) {
            title = proto.get().title();
            try {
                seconds = proto.get().build(params, UnitProfile.PLANNING).scanTimeSeconds();
            } catch (Exception e) {
                seconds = Double.NaN; // shown as --:--; the scan itself refuses with the reason
            }
        }
        return new Item(position, s.protocol(), title, params, seconds);
    }

    static Map<String, Double> parameters(String json) {
        if (json == null || json.isBlank()) return Map.of();
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Double>>() { });
        } catch (Exception e) {
            return Map.of();
        }
    }
}
