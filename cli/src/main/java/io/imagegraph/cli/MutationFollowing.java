package io.imagegraph.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.mutate.ImageMutator;
import io.imagegraph.core.mutate.MutationFollower;
import io.imagegraph.core.mutate.MutationResult;
import io.imagegraph.core.mutate.MutationRun;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.TagHistory;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/** What {@code mutate}, {@code watch} and {@code webhook} share to apply mutations and print them. */
final class MutationFollowing {

    private MutationFollowing() {
    }

    static MutationRun run(RegistryOptions registryOptions, StateDirectory state) throws RegistryException {
        return new MutationRun(new ImageMutator(registryOptions.registries(new LocalProcessRunner(), null)),
                JsonLinesLineageStore.in(state), TagHistory.in(state), Clock.systemUTC());
    }

    static MutationFollower follower(ImageGraph graph, RegistryOptions registryOptions, StateDirectory state)
            throws RegistryException {
        return new MutationFollower(graph.mutations().values(), run(registryOptions, state));
    }

    /** {@code mutate-} and a new run id ({@link io.imagegraph.core.run.RunIds}). */
    static String runId() {
        return "mutate-" + io.imagegraph.core.run.RunIds.next(Clock.systemUTC().instant());
    }

    /** The {@code mutations} array of a JSON document. */
    static void writeJson(JsonGenerator generator, List<MutationResult> results) throws IOException {
        generator.writeArrayFieldStart("mutations");
        for (MutationResult result : results) {
            generator.writeStartObject();
            generator.writeStringField("name", result.name());
            generator.writeStringField("status", result.status().id());
            generator.writeStringField("from", result.from());
            generator.writeStringField("sourceDigest", result.sourceDigest());
            generator.writeStringField("to", result.to());
            generator.writeStringField("digest", result.digest());
            generator.writeStringField("previous", result.previous());
            generator.writeNumberField("layersShared", result.layersShared());
            generator.writeNumberField("layersMounted", result.layersMounted());
            generator.writeNumberField("layersCopied", result.layersCopied());
            generator.writeStringField("reason", result.reason());
            generator.writeEndObject();
        }
        generator.writeEndArray();
    }
}
