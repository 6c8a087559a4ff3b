package org.lodestone.remote.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The topic names and delivery rules docs/telemetry-schema.json and the broker rely on. */
class TelemetryTopicTest {

    @Test
    void suffixesAndTopicNamesAreTheSchemasAndReadBack() {
        assertThat(TelemetryTopic.values()).extracting(TelemetryTopic::suffix)
                .containsExactly("status", "sensors", "events", "qa");
        assertThat(TelemetryTopic.QA.topicFor("unit-7")).isEqualTo("lodestone/unit-7/qa");
        for (TelemetryTopic t : TelemetryTopic.values()) assertThat(TelemetryTopic.fromSuffix(t.suffix())).isSameAs(t);
        assertThatThrownBy(() -> TelemetryTopic.fromSuffix("STATUS")).hasMessageContaining("no telemetry topic 'STATUS'");
    }

    @Test
    void onlyStatusIsRetainedAndOnlyEventsAndQaAreNeverDropped() {
        assertThat(TelemetryTopic.values()).extracting(TelemetryTopic::retained).containsExactly(true, false, false, false);
        assertThat(TelemetryTopic.values()).extracting(TelemetryTopic::droppable).containsExactly(true, true, false, false);
    }
}
