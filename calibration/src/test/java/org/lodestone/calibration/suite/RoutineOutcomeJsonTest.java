package org.lodestone.calibration.suite;

import org.junit.jupiter.api.Test;
import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.store.Json;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed reason is for the window only: calibration.json keeps the fields it had, the English reason among them. */
class RoutineOutcomeJsonTest {
    @Test
    void calibrationJsonKeepsItsFields() throws Exception {
        var o = new RoutineOutcome("rf", RoutineOutcome.Status.FAILED, "not run: an earlier routine failed", Map.of(), 0, 0, null,
                Reason.of(Reason.Code.NOT_RUN));
        var json = Json.mapper().readTree(Json.mapper().writeValueAsString(o));
        assertThat(json.properties().stream().map(Map.Entry::getKey).toList())
                .containsExactlyInAnyOrder("routine", "status", "reason", "values", "scanSeconds", "wallSeconds", "plot");
        assertThat(json.get("reason").asText()).isEqualTo("not run: an earlier routine failed");
        assertThat(o.why().code()).isEqualTo(Reason.Code.NOT_RUN);
        assertThat(new RoutineOutcome("qa", RoutineOutcome.Status.PASSED, "", Map.of(), 0, 0, null).why()).isEqualTo(Reason.NONE);
    }
}
