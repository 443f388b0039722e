package io.imagegraph.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Copies what YAML gave into immutable collections. A key written with no value ({@code A:}) is an
 * empty string; an empty list entry ({@code [a, ~]}) is refused with the field's name, because no
 * meaning for it would be safe to guess.
 */
final class YamlValues {

    private YamlValues() {
    }

    /** An immutable sorted copy; null values become "". */
    static Map<String, String> strings(Map<String, String> map) {
        if (map == null) {
            return null;
        }
        Map<String, String> copy = new TreeMap<>();
        map.forEach((key, value) -> copy.put(key, value == null ? "" : value));
        return Collections.unmodifiableMap(copy);
    }

    /** An immutable copy; a null entry is refused, naming the field. */
    static <T> List<T> list(List<T> list, String field) {
        if (list == null) {
            return null;
        }
        List<T> copy = new ArrayList<>(list.size());
        for (T entry : list) {
            if (entry == null) {
                throw new IllegalArgumentException("'" + field + "' has an empty entry; remove it or give it a value");
            }
            copy.add(entry);
        }
        return Collections.unmodifiableList(copy);
    }
}
