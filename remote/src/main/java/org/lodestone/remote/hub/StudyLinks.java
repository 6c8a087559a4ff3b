package org.lodestone.remote.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a unit's {@code exam_sent} event into a link to the study on the central PACS: the
 * study's DICOMweb URL, and whether the PACS answers a QIDO-RS search for it (it may not have
 * stored it yet, or the unit sent elsewhere). The hub only reads from the PACS.
 */
public final class StudyLinks {
    private static final Logger log = LoggerFactory.getLogger(StudyLinks.class);

    private final PacsDirectory pacs;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public StudyLinks(PacsDirectory pacs, HttpClient http) {
        this.pacs = pacs;
        this.http = http;
    }

    public static StudyLinks none() {
        return new StudyLinks(PacsDirectory.none(), null);
    }

    /** The exam entry as first shown: {@code pacs}, {@code study_uid}, {@code time}, and {@code url} when the PACS is known. */
    ObjectNode entry(JsonNode event) {
        JsonNode d = event.path("detail");
        ObjectNode e = json.createObjectNode();
        String name = d.path("pacs").asText();
        String uid = d.path("study_uid").asText();
        e.put("pacs", name);
        e.put("study_uid", uid);
        e.put("time", event.path("time").asText());
        Optional<URI> url = pacs.studyUrl(name, uid);
        if (url.isPresent()) {
            e.put("url", url.get().toString());
            e.put("on_pacs", "checking");
        } else {
            e.put("on_pacs", "unknown PACS");
        }
        return e;
    }

    /** Asks the PACS (QIDO-RS) whether it holds the study: "yes", "no", or why it could not tell. */
    CompletableFuture<String> check(JsonNode entry) {
        Optional<URI> search = pacs.studySearch(entry.path("pacs").asText(), entry.path("study_uid").asText());
        if (search.isEmpty() || http == null) return CompletableFuture.completedFuture("unknown PACS");
        HttpRequest req = HttpRequest.newBuilder(search.get()).header("Accept", "application/dicom+json")
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            if (e != null) {
                log.warn("PACS {} did not answer the search for study {}: {}", entry.path("pacs").asText(),
                        entry.path("study_uid").asText(), e.toString());
                return "PACS unreachable";
            }
            if (r.statusCode() == 204) return "no";
            if (r.statusCode() != 200) return "PACS answered HTTP " + r.statusCode();
            try {
                JsonNode found = json.readTree(r.body());
                return found.isArray() && !found.isEmpty() ? "yes" : "no";
            } catch (Exception x) {
                return "PACS answered no DICOM JSON";
            }
        });
    }
}
