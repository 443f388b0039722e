package io.imagegraph.core.helm;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Finds the image references in a chart's values that can change under a deployment: every value
 * under {@code images.tags} that is not pinned by digest, and every one that says {@code :latest}
 * (or no tag at all, which means latest), with its file, line and key.
 */
public final class HelmValuesLint {

    /**
     * One reference that is not pinned.
     *
     * @param file      the values file
     * @param line      its line
     * @param key       {@code images.tags.<component>}
     * @param reference the value
     * @param problem   what is wrong, in words
     */
    public record Finding(Path file, int line, String key, String reference, String problem) {

        @Override
        public String toString() {
            return file + " line " + line + ": " + key + ": " + reference + " " + problem;
        }
    }

    private HelmValuesLint() {
    }

    /** @throws IOException with a sentence naming the file, when it cannot be read as YAML */
    public static List<Finding> lint(Path file) throws IOException {
        List<Finding> findings = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser parser = new YAMLFactory().createParser(Files.readAllBytes(file))) {
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case FIELD_NAME -> field = parser.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        path.addLast(field == null ? "" : field);
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> path.pollLast();
                    default -> {
                        if (inImageTags(path) && field != null && token == JsonToken.VALUE_STRING) {
                            check(file, parser.currentTokenLocation(), "images.tags." + field, parser.getText(),
                                    findings);
                        }
                        field = null;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException("the values file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new IOException(file + " line " + e.getLocation().getLineNr() + " is not YAML: " + e.getOriginalMessage());
        }
        return findings;
    }

    /** The path is {@code <root>, images, tags}: the parser is inside the top-level images.tags mapping. */
    private static boolean inImageTags(Deque<String> path) {
        List<String> parts = new ArrayList<>(path);
        return parts.size() == 3 && parts.get(1).equals("images") && parts.get(2).equals("tags");
    }

    private static void check(Path file, JsonLocation location, String key, String value, List<Finding> findings) {
        int line = location.getLineNr();
        ImageRef ref;
        try {
            ref = ImageRef.parse(value.strip());
        } catch (InvalidReferenceException e) {
            findings.add(new Finding(file, line, key, value, "is not an image reference (" + e.getMessage() + ")"));
            return;
        }
        if (ref.isPinned()) {
            return;
        }
        findings.add(new Finding(file, line, key, value, ref.isLatest()
                ? "uses latest: it runs whatever was pushed last; pin it by digest (imagegraph helm-values)"
                : "is not pinned by digest: the tag can move under the deployment; pin it (imagegraph helm-values)"));
    }
}
