package org.lodestone.twin.device;

import org.lodestone.hw.wire.Message;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Replies to recent commands by sequence number: a retransmitted command is answered again, not run again. */
final class ReplyCache {
    private static final int KEPT = 256;

    private record Recorded(int type, byte[] payload, List<Message> replies) {
    }

    private final Map<Long, Recorded> recent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Recorded> e) {
            return size() > KEPT;
        }
    };

    synchronized void clear() {
        recent.clear();
    }

    /** The replies already sent to this very command (same number, type and payload), or null. */
    synchronized List<Message> earlierReplies(long seq, Message m, byte[] payload) {
        Recorded before = recent.get(seq);
        return before != null && before.type() == m.type() && Arrays.equals(before.payload(), payload) ? before.replies() : null;
    }

    synchronized void put(long seq, Message m, byte[] payload, List<Message> replies) {
        recent.put(seq, new Recorded(m.type(), payload, replies));
    }
}
