package io.imagegraph.core.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.GraphProblem;
import io.imagegraph.core.graph.ImageSpec;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;

/**
 * A plan as JSON for machines, written as a stream (a 10,000-image plan needs no tree in memory).
 * Paths are relative to the graph root, so the same checkout gives the same document on any
 * machine. Field names are part of the CLI's contract (docs/cli.md).
 */
public final class PlanJson {

    private PlanJson() {
    }

    public static String write(Plan plan) {
        return JsonDocuments.toString(json -> body(json, plan, Map.of()));
    }

    public static void write(Plan plan, Writer out) throws IOException {
        write(plan, Map.of(), out);
    }

    /**
     * The plan with, for each image a build would refresh although nothing changed, a
     * {@code refresh} field saying why ("last built 31 h ago, freshness 24 h").
     */
    public static void write(Plan plan, Map<String, String> refresh, Writer out) throws IOException {
        JsonDocuments.write(out, json -> body(json, plan, refresh));
    }

    private static void body(JsonGenerator json, Plan plan, Map<String, String> refresh) throws IOException {
        json.writeStringField("registry", plan.graph().registry().orElse(null));
        json.writeStringField("namespace", plan.graph().namespace().orElse(null));
        strings(json, "order", plan.order());
        strings(json, "toBuild", plan.toBuild());
        if (plan.changes().isPresent()) {
            json.writeObjectFieldStart("changes");
            json.writeStringField("source", plan.changes().get().source());
            strings(json, "paths", plan.changes().get().paths());
            json.writeEndObject();
        } else {
            json.writeNullField("changes");
        }
        json.writeArrayFieldStart("images");
        for (PlannedImage image : plan.images()) {
            image(json, plan, image, refresh);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("warnings");
        for (GraphProblem warning : plan.warnings()) {
            json.writeStartObject();
            json.writeStringField("kind", warning.kind().name());
            json.writeStringField("image", warning.image().orElse(null));
            json.writeStringField("location", warning.location());
            json.writeStringField("message", warning.message());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void image(JsonGenerator json, Plan plan, PlannedImage image, Map<String, String> refresh)
            throws IOException {
        ImageSpec spec = image.node().spec();
        json.writeStartObject();
        json.writeStringField("name", image.name());
        json.writeStringField("folder", spec.folder().orElse(null));
        json.writeStringField("context", spec.context());
        json.writeStringField("dockerfile", spec.dockerfile().orElse(null));
        json.writeStringField("builder", spec.builder().id());
        json.writeStringField("target", spec.target().orElse(null));
        json.writeObjectFieldStart("buildArgs");
        for (Map.Entry<String, String> arg : spec.buildArgs().entrySet()) {
            json.writeStringField(arg.getKey(), arg.getValue());
        }
        json.writeEndObject();
        strings(json, "tags", spec.tags());
        strings(json, "profiles", spec.profiles());
        strings(json, "parents", image.node().parents());
        strings(json, "children", plan.graph().children(image.name()));
        json.writeArrayFieldStart("externalBases");
        for (ExternalBase base : image.node().externalBases()) {
            json.writeStartObject();
            json.writeStringField("ref", base.ref().toString());
            json.writeStringField("name", base.ref().name());
            json.writeStringField("tag", base.ref().tag().orElse(null));
            json.writeStringField("digest", base.ref().digest().map(Object::toString).orElse(null));
            json.writeBooleanField("pinned", base.ref().isPinned());
            json.writeStringField("via", base.via().toString());
            json.writeNumberField("line", base.line());
            java.util.Optional<io.imagegraph.core.ref.ImageRef> pin = plan.pins().pin(base.ref());
            if (pin.isPresent()) {
                json.writeStringField("upstreamPin", pin.get().toString());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("depth", plan.graph().depth(image.name()));
        json.writeStringField("inputDigest", image.inputDigest().toString());
        json.writeBooleanField("selected", image.selection().selected());
        json.writeStringField("selectionReason", image.selection().reason());
        json.writeBooleanField("affected", image.affected());
        strings(json, "affectedReasons", image.affectedReasons());
        json.writeBooleanField("toBuild", image.toBuild());
        if (refresh.containsKey(image.name())) {
            json.writeStringField("refresh", refresh.get(image.name()));
        }
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, Collection<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
