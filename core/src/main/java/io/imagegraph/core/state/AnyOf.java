package io.imagegraph.core.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The compaction that keeps a record when any of several {@link NewestByKey} compactions keeps it
 * (the newest record of each input digest and the last five of each image, say), in journal order.
 * Incremental because each of its parts is.
 *
 * @param <T> the record type
 */
public final class AnyOf<T> implements Compaction<T> {

    private final List<NewestByKey<T, ?>> parts;

    private AnyOf(List<NewestByKey<T, ?>> parts) {
        this.parts = List.copyOf(parts);
    }

    @SafeVarargs
    public static <T> AnyOf<T> of(NewestByKey<T, ?>... parts) {
        return new AnyOf<>(List.of(parts));
    }

    @Override
    public List<T> compact(List<T> kept, List<T> added) {
        List<T> records = NewestByKey.concat(kept, added);
        boolean[] keep = new boolean[records.size()];
        for (NewestByKey<T, ?> part : parts) {
            boolean[] partKeeps = part.keeps(records);
            for (int i = 0; i < keep.length; i++) {
                keep[i] |= partKeeps[i];
            }
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                result.add(records.get(i));
            }
        }
        return Collections.unmodifiableList(result);
    }
}
