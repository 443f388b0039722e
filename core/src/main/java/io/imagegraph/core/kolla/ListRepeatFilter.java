package io.imagegraph.core.kolla;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python's list repetition ({@code ['a'] * n}), which Jinjava's expressions do not have: the
 * renderer reads {@code ([…] * n)} in a template as {@code ([…] | imagegraph_repeat(n))}.
 */
final class ListRepeatFilter implements AdvancedFilter {

    static final String NAME = "imagegraph_repeat";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        List<Object> repeated = new ArrayList<>();
        long times = args.length == 0 ? 1 : Long.parseLong(String.valueOf(args[0]));
        for (long i = 0; i < times; i++) {
            repeated.addAll(value instanceof Collection<?> items ? items : List.of(value));
        }
        return repeated;
    }
}
