package io.imagegraph.core.graph;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import io.imagegraph.core.files.RecordShape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds the graph file's node tree (every scalar kept as its text) into the graph file's records,
 * as Jackson's data binding did with unknown keys refused: a mapping into a record by its
 * components' names, into a {@code Map<String, …>} by key; a list into a {@code List<…>}; a
 * scalar into a string, an {@code Integer} (a whole number) or an enum through its
 * {@link JsonCreator} factory; a {@code null} into null; {@code Object} into strings, maps and
 * lists as they stand. A record is made with its canonical constructor, whose
 * {@link IllegalArgumentException} becomes a problem at that record. Data binding's start costs
 * about 0.2 s of CPU at every {@code imagegraph} command that reads a graph file; this costs a few
 * milliseconds.
 */
final class RecordTreeBinder {

    private static final Map<Class<?>, RecordShape> RECORDS = new ConcurrentHashMap<>();

    private RecordTreeBinder() {
    }

    /** What is wrong at one place of the tree; the first one found stops the binding. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        /** What kind of mistake. */
        enum Kind {
            /** A key the record does not have: {@link #key()} and {@link #known()}. */
            UNKNOWN_KEY,
            /** A value of another shape than {@link #target()} (a list where a string goes). */
            WRONG_TYPE,
            /** A value its type refuses, saying why in the message. */
            INVALID
        }

        private final transient List<Object> path;
        private final Kind kind;
        private final transient Class<?> target;
        private final transient List<String> known;

        Problem(List<Object> path, Kind kind, Class<?> target, List<String> known, String reason) {
            super(reason);
            this.path = List.copyOf(path);
            this.kind = kind;
            this.target = target;
            this.known = List.copyOf(known);
        }

        /** Keys (strings) and list indexes (integers) from the top of the file to the value. */
        List<Object> path() {
            return path;
        }

        Kind kind() {
            return kind;
        }

        /** The type the value had to bind into. */
        Class<?> target() {
            return target;
        }

        /** The unknown key (the path's last element), for {@link Kind#UNKNOWN_KEY}. */
        String key() {
            return String.valueOf(path.get(path.size() - 1));
        }

        /** The keys the record has, for {@link Kind#UNKNOWN_KEY}. */
        List<String> known() {
            return known;
        }
    }

    /** The tree bound into {@code type}, a record. */
    static <T> T bind(JsonNode tree, Class<T> type) throws Problem {
        return type.cast(value(tree, type, new ArrayList<>()));
    }

    private static Object value(JsonNode node, Type type, List<Object> path) throws Problem {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class) {
                return list(node, arguments[0], path);
            }
            if (raw == Map.class && arguments[0] == String.class) {
                return map(node, arguments[1], path);
            }
            throw new IllegalArgumentException("the graph file cannot bind " + type.getTypeName());
        }
        Class<?> target = (Class<?>) type;
        if (target == Object.class) {
            return plain(node);
        }
        if (target == String.class) {
            return scalar(node, target, path);
        }
        if (target == Integer.class) {
            String text = scalar(node, target, path);
            try {
                return Integer.valueOf(text.strip());
            } catch (NumberFormatException e) {
                throw new Problem(path, Problem.Kind.WRONG_TYPE, target, List.of(), "not a whole number: " + text);
            }
        }
        if (target.isEnum()) {
            return creator(target).make(scalar(node, target, path), path);
        }
        if (target.isRecord()) {
            return record(node, target, path);
        }
        throw new IllegalArgumentException("the graph file cannot bind " + target.getName());
    }

    private static String scalar(JsonNode node, Class<?> target, List<Object> path) throws Problem {
        if (!node.isValueNode()) {
            throw new Problem(path, Problem.Kind.WRONG_TYPE, target, List.of(), "not a single value");
        }
        return node.asText();
    }

    private static List<Object> list(JsonNode node, Type element, List<Object> path) throws Problem {
        if (!node.isArray()) {
            throw new Problem(path, Problem.Kind.WRONG_TYPE, List.class, List.of(), "not a list");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            path.add(i);
            values.add(value(node.get(i), element, path));
            path.remove(path.size() - 1);
        }
        return values;
    }

    private static Map<String, Object> map(JsonNode node, Type value, List<Object> path) throws Problem {
        if (!node.isObject()) {
            throw new Problem(path, Problem.Kind.WRONG_TYPE, Map.class, List.of(), "not a mapping");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            path.add(field.getKey());
            values.put(field.getKey(), value(field.getValue(), value, path));
            path.remove(path.size() - 1);
        }
        return values;
    }

    /** A value bound into {@code Object}: text, maps and lists as they are in the tree. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> values = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> values.put(field.getKey(), plain(field.getValue())));
            return values;
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(element -> values.add(plain(element)));
            return values;
        }
        return node.isNull() ? null : node.asText();
    }

    private static Object record(JsonNode node, Class<?> target, List<Object> path) throws Problem {
        if (!node.isObject()) {
            throw new Problem(path, Problem.Kind.WRONG_TYPE, target, List.of(), "not a mapping");
        }
        RecordShape record = RECORDS.computeIfAbsent(target, RecordShape::of);
        Object[] arguments = new Object[record.size()];
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            int at = record.indexOf(field.getKey());
            path.add(field.getKey());
            if (at < 0) {
                throw new Problem(path, Problem.Kind.UNKNOWN_KEY, target, record.names(), "unknown key " + field.getKey());
            }
            arguments[at] = value(field.getValue(), record.genericType(at), path);
            path.remove(path.size() - 1);
        }
        try {
            return record.make(arguments);
        } catch (InvocationTargetException e) {
            throw refused(e, target, path);
        }
    }

    /** A constructor's or factory's refusal as a problem at that value, its message the reason. */
    private static Problem refused(InvocationTargetException e, Class<?> target, List<Object> path) {
        Throwable cause = e.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        return new Problem(path, Problem.Kind.INVALID, target, List.of(),
                cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    /** An enum's {@link JsonCreator} factory of one string. */
    private record Creator(Class<?> type, Method factory) {
        Object make(String text, List<Object> path) throws Problem {
            try {
                return factory.invoke(null, text);
            } catch (InvocationTargetException e) {
                throw refused(e, type, path);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call " + factory + ": " + e.getMessage(), e);
            }
        }
    }

    private static Creator creator(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(JsonCreator.class) && Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 1 && method.getParameterTypes()[0] == String.class) {
                return new Creator(type, method);
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no @JsonCreator factory of a string");
    }
}
