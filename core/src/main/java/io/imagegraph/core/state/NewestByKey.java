package io.imagegraph.core.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The compaction that keeps the last {@code count} records of each key (the newest one, when the
 * count is 1), in journal order. Records whose key is null are dropped.
 *
 * @param <T> the record type
 * @param <K> the key
 */
public final class NewestByKey<T, K> implements Compaction<T> {

    private final Function<T, K> key;
    private final int count;

    private NewestByKey(Function<T, K> key, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a compaction keeps at least one record a key, not " + count);
        }
        this.key = key;
        this.count = count;
    }

    /** Keeps the newest record of each key. */
    public static <T, K> NewestByKey<T, K> newest(Function<T, K> key) {
        return new NewestByKey<>(key, 1);
    }

    /** Keeps the last {@code count} records of each key. */
    public static <T, K> NewestByKey<T, K> last(int count, Function<T, K> key) {
        return new NewestByKey<>(key, count);
    }

    @Override
    public List<T> compact(List<T> kept, List<T> added) {
        return select(concat(kept, added));
    }

    /** Which positions of {@code records} this compaction keeps, as a mask. */
    boolean[] keeps(List<T> records) {
        boolean[] keep = new boolean[records.size()];
        Map<K, Integer> seen = new HashMap<>();
        for (int i = records.size() - 1; i >= 0; i--) {
            K k = key.apply(records.get(i));
            if (k != null && seen.merge(k, 1, Integer::sum) <= count) {
                keep[i] = true;
            }
        }
        return keep;
    }

    private List<T> select(List<T> records) {
        boolean[] keep = keeps(records);
        List<T> kept = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                kept.add(records.get(i));
            }
        }
        return Collections.unmodifiableList(kept);
    }

    static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }
}
