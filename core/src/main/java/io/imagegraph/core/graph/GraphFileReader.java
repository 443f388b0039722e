package io.imagegraph.core.graph;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imagegraph.core.files.InputFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads {@code imagegraph.yaml}. Every mistake becomes a problem of a {@link GraphFileException}
 * that says which line, which key and what was expected there; an unknown key lists the keys that
 * are allowed. All mistakes are found in one pass: after each one the offending key is set aside
 * and the rest is read again. The file is read only when it is a regular file of at most
 * {@link #SIZE_LIMIT} bytes.
 */
public final class GraphFileReader {

    /** The largest graph file read: 5 MiB. */
    public static final long SIZE_LIMIT = 5L << 20;
    /** After this many mistakes the rest of the file is not looked at. */
    private static final int MAX_PROBLEMS = 50;

    /** A YAML reader that takes a file up to the size limit (SnakeYAML's own default stops at 3 MiB). */
    private static final YAMLFactory FACTORY = factory();

    private GraphFileReader() {
    }

    private static YAMLFactory factory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) SIZE_LIMIT);
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    /** The graph file at this path, with where each key stands in it. */
    public static LocatedGraphFile read(Path file, String displayName) throws GraphFileException {
        String text;
        try {
            byte[] bytes = InputFile.read(null, file, SIZE_LIMIT, "the graph file");
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new GraphFileException(displayName, 0, "the file does not exist");
        } catch (CharacterCodingException e) {
            throw new GraphFileException(displayName, 0, "the file is not UTF-8 text");
        } catch (InputFile.RefusedException e) {
            throw new GraphFileException(displayName, 0, e.getMessage());
        } catch (IOException e) {
            throw new GraphFileException(displayName, 0, "the file cannot be read: " + e.getMessage());
        }
        return parse(text, displayName);
    }

    public static LocatedGraphFile parse(String yaml, String displayName) throws GraphFileException {
        if (yaml.isBlank()) {
            return new LocatedGraphFile(displayName, GraphFile.empty(), Map.of());
        }
        Map<String, Integer> lines = new HashMap<>();
        List<GraphFileException.Problem> problems = new ArrayList<>();
        JsonNode tree;
        try {
            locate(yaml, lines, problems);
            tree = tree(yaml);
        } catch (JsonProcessingException e) {
            problems.add(new GraphFileException.Problem(lineOf(e.getLocation()), describe(e)));
            throw new GraphFileException(displayName, problems);
        }
        GraphFile graphFile = null;
        while (problems.size() < MAX_PROBLEMS) {
            try {
                graphFile = tree == null || tree.isMissingNode() || tree.isNull() ? null : RecordTreeBinder.bind(tree, GraphFile.class);
                break;
            } catch (RecordTreeBinder.Problem e) {
                problems.add(new GraphFileException.Problem(lineOf(e.path(), lines), describe(e)));
                if (!setAside(tree, e.path())) {
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new GraphFileException(displayName, problems);
        }
        return new LocatedGraphFile(displayName, graphFile == null ? GraphFile.empty() : graphFile, lines);
    }

    /**
     * The document as a tree whose scalars keep their text as written ({@code 1.10} stays
     * {@code "1.10"}, forty zeros stay forty zeros), as binding straight from YAML would see them;
     * a key given twice keeps its last value ({@link #locate} reports it).
     */
    private static JsonNode tree(String yaml) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken token = parser.nextToken();
            return token == null ? null : node(parser, token);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string failed", e);
        }
    }

    private static JsonNode node(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, node(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(node(parser, next));
                }
                return array;
            }
            case VALUE_NULL -> {
                return NullNode.getInstance();
            }
            default -> {
                return TextNode.valueOf(parser.getText());
            }
        }
    }

    /** Removes the node a mistake is about, so the rest can be read; false when there is nothing to remove. */
    private static boolean setAside(JsonNode tree, List<Object> path) {
        if (path.isEmpty()) {
            return false;
        }
        JsonNode parent = tree;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof String key ? parent.get(key) : parent.get((Integer) step);
            if (parent == null) {
                return false;
            }
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String key && object.has(key)) {
            object.remove(key);
            return true;
        }
        if (parent instanceof ArrayNode array && last instanceof Integer index && index >= 0 && index < array.size()) {
            array.remove(index.intValue());
            return true;
        }
        return false;
    }

    private static int lineOf(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    /** The line of the key the error is about, or of the nearest key above it (the list a list entry is in). */
    private static int lineOf(List<Object> path, Map<String, Integer> lines) {
        List<String> keys = new ArrayList<>();
        for (Object step : path) {
            if (!(step instanceof String key)) {
                break;
            }
            keys.add(key);
        }
        for (int n = keys.size(); n > 0; n--) {
            Integer line = lines.get(String.join(".", keys.subList(0, n)));
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    private static String describe(RecordTreeBinder.Problem problem) {
        String path = path(problem.path());
        return switch (problem.kind()) {
            case UNKNOWN_KEY -> "unknown key '" + problem.key() + "' " + where(problem.path())
                    + "; expected one of: " + String.join(", ", new TreeSet<>(problem.known()));
            case INVALID -> "'" + path + "': " + problem.getMessage();
            case WRONG_TYPE -> (path.isEmpty() ? "the file" : "'" + path + "'") + " must be " + expected(problem.target());
        };
    }

    private static String describe(JsonProcessingException e) {
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
                || type == MirrorsSection.class || type == BuildSecret.class
                || type == io.imagegraph.core.mutate.MutationEntry.class
                || type == io.imagegraph.core.quota.QuotaEntry.class
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
        if (type == NetworkMode.class) {
            return "one of " + NetworkMode.ids();
        }
        return "a single value (a string)";
    }

    private static String where(List<Object> path) {
        List<Object> parents = path.subList(0, Math.max(0, path.size() - 1));
        if (parents.isEmpty()) {
            return "at the top level";
        }
        return "in '" + path(parents) + "'";
    }

    private static String path(List<Object> path) {
        StringBuilder text = new StringBuilder();
        for (Object step : path) {
            if (step instanceof String key) {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(key);
            } else {
                text.append('[').append(step).append(']');
            }
        }
        return text.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the parser gave no reason";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** The line of every mapping key, by dotted path ({@code images.keystone.tags}); every key given twice is a problem. */
    private static void locate(String yaml, Map<String, Integer> lines, List<GraphFileException.Problem> problems)
            throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
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
                            problems.add(new GraphFileException.Problem(parser.currentLocation().getLineNr(),
                                    "the key '" + parser.currentName() + "' is given twice in the same mapping"));
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
