package io.imagegraph.core.kolla;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import com.hubspot.jinjava.lib.filter.FormatFilter;
import java.util.Collection;
import java.util.Map;

/**
 * Jinja2's {@code format} filter with Python's argument spreading: Kolla writes
 * {@code … | format(*plugins)}, which Jinjava's expressions cannot parse, so the renderer reads it
 * as {@code format(plugins)} and this filter spreads a single list argument into the arguments.
 */
final class SpreadFormatFilter implements AdvancedFilter {

    private final FormatFilter format = new FormatFilter();

    @Override
    public String getName() {
        return format.getName();
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        if (args.length == 1 && args[0] instanceof Collection<?> spread) {
            return format.filter(value, interpreter, spread.toArray(), kwargs);
        }
        return format.filter(value, interpreter, args, kwargs);
    }
}
