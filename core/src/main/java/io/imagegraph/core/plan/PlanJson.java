package io.imagegraph.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.GraphProblem;
import io.imagegraph.core.graph.ImageSpec;
import java.util.Collection;

/**
 * A plan as JSON for machines. Paths are relative to the graph root, so the same checkout gives
 * the same document on any machine. Field names are part of the CLI's contract (docs/cli.md).
 */
public final class PlanJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static ObjectNode toTree(Plan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("registry", plan.graph().registry().orElse(null));
        root.put("namespace", plan.graph().namespace().orElse(null));
        root.set("order", strings(plan.order()));
        root.set("toBuild", strings(plan.toBuild()));
        plan.changes().ifPresentOrElse(changes -> {
            ObjectNode node = root.putObject("changes");
            node.put("source", changes.source());
            node.set("paths", strings(changes.paths()));
        }, () -> root.putNull("changes"));
        ArrayNode images = root.putArray("images");
        for (PlannedImage image : plan.images()) {
            images.add(image(plan, image));
        }
        ArrayNode warnings = root.putArray("warnings");
        for (GraphProblem warning : plan.warnings()) {
            ObjectNode node = warnings.addObject();
            node.put("kind", warning.kind().name());
            node.put("image", warning.image().orElse(null));
            node.put("location", warning.location());
            node.put("message", warning.message());
        }
        return root;
    }

    public static String write(Plan plan) {
        try {
            return JSON.writeValueAsString(toTree(plan)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static ObjectNode image(Plan plan, PlannedImage image) {
        ImageSpec spec = image.node().spec();
        ObjectNode node = JSON.createObjectNode();
        node.put("name", image.name());
        node.put("folder", spec.folder().orElse(null));
        node.put("context", spec.context());
        node.put("dockerfile", spec.dockerfile().orElse(null));
        node.put("builder", spec.builder().id());
        node.put("target", spec.target().orElse(null));
        ObjectNode args = node.putObject("buildArgs");
        spec.buildArgs().forEach(args::put);
        node.set("tags", strings(spec.tags()));
        node.set("profiles", strings(spec.profiles()));
        node.set("parents", strings(image.node().parents()));
        node.set("children", strings(plan.graph().children(image.name())));
        ArrayNode bases = node.putArray("externalBases");
        for (ExternalBase base : image.node().externalBases()) {
            ObjectNode b = bases.addObject();
            b.put("ref", base.ref().toString());
            b.put("name", base.ref().name());
            b.put("tag", base.ref().tag().orElse(null));
            b.put("digest", base.ref().digest().map(Object::toString).orElse(null));
            b.put("pinned", base.ref().isPinned());
            b.put("via", base.via().toString());
            b.put("line", base.line());
        }
        node.put("depth", plan.graph().depth(image.name()));
        node.put("inputDigest", image.inputDigest().toString());
        node.put("selected", image.selection().selected());
        node.put("selectionReason", image.selection().reason());
        node.put("affected", image.affected());
        node.set("affectedReasons", strings(image.affectedReasons()));
        node.put("toBuild", image.toBuild());
        return node;
    }

    private static ArrayNode strings(Collection<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
