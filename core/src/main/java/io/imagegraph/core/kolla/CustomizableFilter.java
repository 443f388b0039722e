package io.imagegraph.core.kolla;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Kolla's {@code customizable} filter ({@code kolla/template/filters.py}): for
 * {@code list | customizable("packages")} in image {@code keystone-base}, the variable
 * {@code keystone_base_packages_override} replaces the list, {@code …_append} adds to it and
 * {@code …_remove} takes items out — variables a template-override file sets.
 */
final class CustomizableFilter implements Filter {

    @Override
    public String getName() {
        return "customizable";
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        if (value == null || args.length == 0) {
            return value;
        }
        String name = String.valueOf(interpreter.getContext().get("image_name")).replace("-", "_") + "_" + args[0] + "_";
        Object override = interpreter.getContext().get(name + "override");
        if (override != null) {
            return override;
        }
        List<Object> list = value instanceof Collection<?> items ? new ArrayList<>(items) : new ArrayList<>(List.of(value));
        if (interpreter.getContext().get(name + "append") instanceof Collection<?> more) {
            list.addAll(more);
        }
        if (interpreter.getContext().get(name + "remove") instanceof Collection<?> less) {
            less.forEach(list::remove);
        }
        return list;
    }
}
