package io.tradingengine.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The next daily reset of every assessment, in the {@link StoreNames#DAILY_RESETS} store, ordered by time so a
 * punctuation reads only the resets that are due: its cost grows with the number of due resets, not with the
 * number of assessments.
 *
 * <p>Two entries per assessment: {@code due/<19-digit epoch millis>/<id>} (value the id), in time order for the
 * range scan, and {@code next/<id>} (value the millis), to find and replace the entry when the rules change.
 */
final class DailyResetSchedule {

    /** A reset that is due. */
    record Due(String assessmentId, Instant at) {
    }

    private static final String DUE = "due/";
    private static final String NEXT = "next/";

    private final KeyValueStore<String, String> store;

    DailyResetSchedule(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** Schedules the next reset of an assessment, replacing the one scheduled before. */
    void schedule(String assessmentId, Instant at) {
        remove(assessmentId);
        String millis = pad(at.toEpochMilli());
        store.put(DUE + millis + "/" + assessmentId, assessmentId);
        store.put(NEXT + assessmentId, millis);
    }

    /** Removes the scheduled reset of an assessment, if any. */
    void remove(String assessmentId) {
        String millis = store.get(NEXT + assessmentId);
        if (millis != null) {
            store.delete(DUE + millis + "/" + assessmentId);
            store.delete(NEXT + assessmentId);
        }
    }

    /** At most {@code limit} resets due at or before {@code now}, earliest first. */
    List<Due> due(Instant now, int limit) {
        List<Due> due = new ArrayList<>();
        // The upper bound is the prefix of the next millisecond: no key equals it (ids are not blank).
        String to = DUE + pad(now.toEpochMilli() + 1) + "/";
        try (KeyValueIterator<String, String> it = store.range(DUE, to)) {
            while (it.hasNext() && due.size() < limit) {
                KeyValue<String, String> entry = it.next();
                long millis = Long.parseLong(entry.key.substring(DUE.length(), DUE.length() + 19));
                due.add(new Due(entry.value, Instant.ofEpochMilli(millis)));
            }
        }
        return due;
    }

    private static String pad(long millis) {
        return String.format(Locale.ROOT, "%019d", millis);
    }
}
