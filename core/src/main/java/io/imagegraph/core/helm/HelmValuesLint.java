package io.imagegraph.core.helm;

import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the image references in a chart's values that a deployment cannot rely on: every value
 * under {@code images.tags} that is not pinned by digest, that says {@code :latest} (or no tag at
 * all, which means latest), or that names no registry (OpenStack-Helm's images convention asks for
 * fully qualified references), with its file, line and key. The values are read as YAML is meant —
 * an alias ({@code b: *img}) is its anchor's value, a merge key ({@code <<: *defaults}) adds the
 * merged mapping's keys — with SnakeYAML, the YAML library Jackson's YAML support is built on.
 */
public final class HelmValuesLint {

    /** A deployment script's placeholder, such as {@code %%%REPLACE_API_ADDR%%%}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("%%%[A-Za-z0-9_]+%%%");

    /**
     * One reference a deployment cannot rely on.
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

    /**
     * The findings of every file that could be read, and a sentence (with file and line) for each
     * file that could not.
     */
    public record Report(List<Finding> findings, List<String> unreadable) {

        public Report {
            findings = List.copyOf(findings);
            unreadable = List.copyOf(unreadable);
        }
    }

    private HelmValuesLint() {
    }

    /** Lints every file; one that cannot be read does not stop the others. */
    public static Report lint(List<Path> files) {
        List<Finding> findings = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path file : files) {
            try {
                findings.addAll(lint(file));
            } catch (IOException e) {
                unreadable.add(e.getMessage());
            }
        }
        return new Report(findings, unreadable);
    }

    /** @throws IOException with a sentence naming the file (and line), when it cannot be read as YAML */
    public static List<Finding> lint(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IOException("the values file " + file + " does not exist");
        } catch (MalformedInputException e) {
            throw new IOException(file + " is not UTF-8 text");
        }
        List<Finding> findings = new ArrayList<>();
        try {
            for (Node document : new Yaml(new LoaderOptions()).composeAll(new StringReader(text))) {
                lintDocument(file, document, findings);
            }
        } catch (MarkedYAMLException e) {
            Optional<String> placeholder = placeholder(text);
            if (placeholder.isPresent()) {
                throw new IOException(file + " " + placeholder.get() + ", which a deployment script replaces before"
                        + " the values are used, so this file is a template and not YAML yet; lint the values the"
                        + " script writes, or put the placeholder in quotes");
            }
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new IOException(file + " line " + line + " is not YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new IOException(file + " is not YAML: " + e.getMessage());
        }
        return findings;
    }

    private static void lintDocument(Path file, Node document, List<Finding> findings) {
        Node images = entries(document).get("images");
        Node tags = images == null ? null : entries(images).get("tags");
        if (tags == null) {
            return;
        }
        Map<String, NodeTuple> components = tuples(tags);
        components.forEach((component, tuple) -> {
            if (tuple.getValueNode() instanceof ScalarNode value) {
                check(file, tuple.getKeyNode().getStartMark().getLine() + 1, "images.tags." + component,
                        value.getValue(), findings);
            }
        });
    }

    private static Map<String, Node> entries(Node node) {
        Map<String, Node> values = new LinkedHashMap<>();
        tuples(node).forEach((key, tuple) -> values.put(key, tuple.getValueNode()));
        return values;
    }

    /** A mapping's entries by key, the keys a merge key brings in after the mapping's own. */
    private static Map<String, NodeTuple> tuples(Node node) {
        Map<String, NodeTuple> tuples = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            return tuples;
        }
        List<Node> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                continue;
            }
            if (key.getValue().equals("<<") && key.getTag().getValue().endsWith(":merge")) {
                if (tuple.getValueNode() instanceof SequenceNode sequence) {
                    merged.addAll(sequence.getValue());
                } else {
                    merged.add(tuple.getValueNode());
                }
            } else {
                tuples.put(key.getValue(), tuple);
            }
        }
        for (Node source : merged) {
            tuples(source).forEach(tuples::putIfAbsent);
        }
        return tuples;
    }

    private static Optional<String> placeholder(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = PLACEHOLDER.matcher(lines[i]);
            if (matcher.find()) {
                return Optional.of("line " + (i + 1) + " holds the placeholder " + matcher.group());
            }
        }
        return Optional.empty();
    }

    private static void check(Path file, int line, String key, String value, List<Finding> findings) {
        Matcher placeholder = PLACEHOLDER.matcher(value);
        if (placeholder.find()) {
            findings.add(new Finding(file, line, key, value, "holds the placeholder " + placeholder.group()
                    + ", which a deployment script replaces; lint the values it writes"));
            return;
        }
        ImageRef ref;
        try {
            ref = ImageRef.parse(value.strip());
        } catch (InvalidReferenceException e) {
            findings.add(new Finding(file, line, key, value, "is not an image reference (" + e.getMessage() + ")"));
            return;
        }
        if (ref.registry().isEmpty()) {
            String name = ref.repository().value();
            findings.add(new Finding(file, line, key, value, "is not fully qualified: name its registry, as the"
                    + " OpenStack-Helm images convention asks (docker.io/" + (name.contains("/") ? "" : "library/")
                    + value.strip() + " if it is Docker Hub's), so that what is pulled does not depend on the node's"
                    + " registry settings"));
        }
        if (ref.isPinned()) {
            return;
        }
        findings.add(new Finding(file, line, key, value, ref.isLatest()
                ? "uses latest: it runs whatever was pushed last; pin it by digest (imagegraph helm-values)"
                : "is not pinned by digest: the tag can move under the deployment; pin it (imagegraph helm-values)"));
    }
}
