package io.imagegraph.core.graph;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads {@code imagegraph.yaml}. Every mistake becomes a {@link GraphFileException} that says which
 * line, which key and what was expected there; an unknown key lists the keys that are allowed.
 */
public final class GraphFileReader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private GraphFileReader() {
    }

    /** The graph file at this path, with where each key stands in it. */
    public static LocatedGraphFile read(Path file, String displayName) throws GraphFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new GraphFileException(displayName, 0, "the file does not exist");
        } catch (MalformedInputException e) {
            throw new GraphFileException(displayName, 0, "the file is not UTF-8 text");
        } catch (IOException e) {
            throw new GraphFileException(displayName, 0, "the file cannot be read: " + e.getMessage());
        }
        return parse(text, displayName);
    }

    public static LocatedGraphFile parse(String yaml, String displayName) throws GraphFileException {
        if (yaml.isBlank()) {
            return new LocatedGraphFile(displayName, GraphFile.empty(), Map.of());
        }
        Map<String, Integer> lines;
        try {
            lines = locate(yaml, displayName);
        } catch (JsonProcessingException e) {
            throw new GraphFileException(displayName, lineOf(e.getLocation()), describe(e));
        }
        try {
            GraphFile graphFile = MAPPER.readValue(yaml, GraphFile.class);
            return new LocatedGraphFile(displayName, graphFile == null ? GraphFile.empty() : graphFile, lines);
        } catch (JsonProcessingException e) {
            throw new GraphFileException(displayName, lineOf(e, lines), describe(e));
        }
    }

    private static int lineOf(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    /** The line of the key the error is about, when its path has no list index; else where the parser stopped. */
    private static int lineOf(JsonProcessingException e, Map<String, Integer> lines) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && mapping.getPath().stream().allMatch(ref -> ref.getFieldName() != null)) {
            Integer line = lines.get(path(mapping.getPath()));
            if (line != null) {
                return line;
            }
        }
        return lineOf(e.getLocation());
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown key '" + unknown.getPropertyName() + "' " + where(unknown.getPath())
                    + "; expected one of: " + String.join(", ", sorted(unknown.getKnownPropertyIds()));
        }
        if (e instanceof ValueInstantiationException || e instanceof InvalidFormatException) {
            Throwable cause = e.getCause();
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            return "'" + path(((JsonMappingException) e).getPath()) + "': " + reason;
        }
        if (e instanceof MismatchedInputException mismatch) {
            String path = path(mismatch.getPath());
            return (path.isEmpty() ? "the file" : "'" + path + "'") + " must be " + expected(mismatch.getTargetType());
        }
        return "not valid YAML: " + firstLine(e.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type == GraphFile.class || type == ImageEntry.class
                || type == SmokeTest.class || type == UpstreamSection.class || type == UpstreamSection.Watch.class
                || type == RetentionSection.class || type == ImageMetadata.class || type == StarlingxSection.class || type == LociSection.class
                || type == io.imagegraph.core.kolla.KollaSettings.class
                || type == io.imagegraph.core.kolla.KollaSettings.KollaUser.class) {
            return "a mapping of keys to values";
        }
        if (type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == BuilderKind.class) {
            return "one of " + BuilderKind.ids();
        }
        return "a single value (a string)";
    }

    private static String where(List<JsonMappingException.Reference> path) {
        List<JsonMappingException.Reference> parents = path.subList(0, Math.max(0, path.size() - 1));
        if (parents.isEmpty()) {
            return "at the top level";
        }
        return "in '" + path(parents) + "'";
    }

    private static String path(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                text.append('[').append(ref.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static List<String> sorted(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(String.valueOf(id)));
        return List.copyOf(names);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the parser gave no reason";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** The line of every mapping key, by dotted path ({@code images.keystone.tags}). */
    private static Map<String, Integer> locate(String yaml, String displayName)
            throws JsonProcessingException, GraphFileException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<Boolean> isObject = new ArrayDeque<>();
            Deque<java.util.Set<String>> keys = new ArrayDeque<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        isObject.push(token == JsonToken.START_OBJECT);
                        keys.push(new java.util.HashSet<>());
                    }
                    case END_OBJECT, END_ARRAY -> {
                        isObject.pop();
                        keys.pop();
                        popFieldIfValueEnded(path, isObject);
                    }
                    case FIELD_NAME -> {
                        if (!keys.peek().add(parser.currentName())) {
                            throw new GraphFileException(displayName, parser.currentLocation().getLineNr(),
                                    "the key '" + parser.currentName() + "' is given twice in the same mapping");
                        }
                        path.addLast(parser.currentName());
                        lines.put(String.join(".", path), parser.currentLocation().getLineNr());
                        continue;
                    }
                    default -> popFieldIfValueEnded(path, isObject);
                }
            }
        } catch (IOException e) {
            if (e instanceof JsonProcessingException processing) {
                throw processing;
            }
            throw new IllegalStateException("reading from a string failed", e);
        }
        return lines;
    }

    private static void popFieldIfValueEnded(Deque<String> path, Deque<Boolean> isObject) {
        if (!isObject.isEmpty() && isObject.peek() && !path.isEmpty() && path.size() >= depthOfObjects(isObject)) {
            path.removeLast();
        }
    }

    private static int depthOfObjects(Deque<Boolean> isObject) {
        int objects = 0;
        for (Boolean object : isObject) {
            if (object) {
                objects++;
            }
        }
        return objects;
    }

    /**
     * A graph file with the line each key stands on, so later checks can point at it.
     *
     * @param name  how messages call the file
     * @param file  what it says
     * @param lines key path to 1-based line
     */
    public record LocatedGraphFile(String name, GraphFile file, Map<String, Integer> lines) {

        public LocatedGraphFile {
            lines = Map.copyOf(lines);
        }

        /** "imagegraph.yaml line 12" for the key at this dotted path, or just the file name. */
        public String at(String keyPath) {
            return Optional.ofNullable(lines.get(keyPath)).map(line -> name + " line " + line).orElse(name);
        }

        public int lineOf(String keyPath) {
            return lines.getOrDefault(keyPath, 0);
        }
    }
}
