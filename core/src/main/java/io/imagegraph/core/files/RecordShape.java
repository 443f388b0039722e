package io.imagegraph.core.files;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A record type's components, in declaration order, and its canonical constructor, opened for
 * reflection once: what the journals' JSON codec and the graph file's binder read and make records
 * with.
 */
public final class RecordShape {

    private final Class<?> type;
    private final List<String> names = new ArrayList<>();
    private final List<Type> genericTypes = new ArrayList<>();
    private final List<Class<?>> rawTypes = new ArrayList<>();
    private final List<Method> accessors = new ArrayList<>();
    private final Constructor<?> constructor;

    private RecordShape(Class<?> type) {
        this.type = type;
        for (RecordComponent component : type.getRecordComponents()) {
            names.add(component.getName());
            genericTypes.add(component.getGenericType());
            rawTypes.add(component.getType());
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            accessors.add(accessor);
        }
        try {
            constructor = type.getDeclaredConstructor(rawTypes.toArray(new Class<?>[0]));
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
        }
    }

    /** The shape of a record type; {@link IllegalArgumentException} when it is no record. */
    public static RecordShape of(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is no record");
        }
        return new RecordShape(type);
    }

    public Class<?> type() {
        return type;
    }

    /** The components' names, in order. */
    public List<String> names() {
        return List.copyOf(names);
    }

    public int size() {
        return names.size();
    }

    /** The position of the component of that name, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    public String name(int component) {
        return names.get(component);
    }

    /** The component's declared type, with its type arguments ({@code List<String>}). */
    public Type genericType(int component) {
        return genericTypes.get(component);
    }

    public Class<?> rawType(int component) {
        return rawTypes.get(component);
    }

    /** The value of a component of {@code record}. */
    public Object component(Object record, int component) {
        try {
            return accessors.get(component).invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + names.get(component) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A record of these component values, in order.
     *
     * @throws InvocationTargetException when the constructor refuses them; its cause says why
     */
    public Object make(Object... values) throws InvocationTargetException {
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot make a " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
