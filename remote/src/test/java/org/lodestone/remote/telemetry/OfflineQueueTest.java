package org.lodestone.remote.telemetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineQueueTest {
    @TempDir
    Path dir;

    @Test
    void aFullQueueDropsTheOldestStatusButNeverAnEventAndKeepsTheOrder() throws Exception {
        OfflineQueue q = new OfflineQueue(dir, 3);
        q.append(TelemetryTopic.STATUS, "{\"n\":0}");
        q.append(TelemetryTopic.EVENTS, "{\"n\":1}");
        for (int i = 2; i < 8; i++) q.append(TelemetryTopic.STATUS, "{\"n\":" + i + "}");
        q.append(TelemetryTopic.QA, "{\"n\":8}");

        assertThat(q.snapshot()).extracting(QueuedMessage::json)
                .containsExactly("{\"n\":1}", "{\"n\":5}", "{\"n\":6}", "{\"n\":7}", "{\"n\":8}");
        assertThat(q.dropped()).isEqualTo(4);
    }

    @Test
    void whatWasNotSentIsThereAfterARestartInTheSameOrderAndNewMessagesComeAfterIt() throws Exception {
        OfflineQueue first = new OfflineQueue(dir, 100);
        for (int i = 0; i < 12; i++) first.append(i % 3 == 0 ? TelemetryTopic.EVENTS : TelemetryTopic.STATUS, "{\"n\":" + i + "}");
        first.remove(first.oldest(0).orElseThrow());

        OfflineQueue again = new OfflineQueue(dir, 100);
        QueuedMessage added = again.append(TelemetryTopic.QA, "{\"n\":12}");
        assertThat(again.snapshot()).extracting(QueuedMessage::json).hasSize(12).startsWith("{\"n\":1}").endsWith("{\"n\":12}");
        assertThat(again.snapshot()).extracting(QueuedMessage::sequence).isSorted();
        assertThat(added.sequence()).isEqualTo(12);
        assertThat(again.snapshot().get(2).topic()).isEqualTo(TelemetryTopic.EVENTS);
    }
}
