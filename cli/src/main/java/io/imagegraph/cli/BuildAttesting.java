package io.imagegraph.cli;

import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.provenance.AttestationPublisher;
import io.imagegraph.core.provenance.BuildAttestations;
import io.imagegraph.core.provenance.BuildProvenance;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.BuildRun;
import io.imagegraph.core.state.StateDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What {@code imagegraph build --sign-key} does after the run: a signed provenance statement beside each pushed image. */
final class BuildAttesting {

    private BuildAttesting() {
    }

    /** True when every pushed image got its attestation (or none was asked for). */
    static boolean attest(Optional<AttestationPublisher> publisher, BuildRun.Outcome outcome, Plan plan,
                          List<String> selection, List<String> tags, Optional<Path> lineageFile, StateDirectory state,
                          RegistryOptions registryOptions, String registry, PrintWriter err)
            throws IOException, InterruptedException, RegistryException {
        if (publisher.isEmpty()) {
            return true;
        }
        LocalProcessRunner runner = new LocalProcessRunner();
        Path root = plan.graph().root();
        Optional<String> graphFile = Optional.of(plan.graph().graphFileName())
                .filter(name -> Files.exists(root.resolve(name)));
        BuildAttestations.Invocation invocation = new BuildAttestations.Invocation(BuildProvenance.CLI_BUILDER,
                SigningOptions.version(), graphFile, selection, tags,
                new io.imagegraph.core.build.GitSource(runner).url(root));
        JsonLinesLineageStore lineage = lineageFile.map(JsonLinesLineageStore::new)
                .orElseGet(() -> JsonLinesLineageStore.in(state));
        return SigningOptions.report(new BuildAttestations(registryOptions.registries(runner, registry), publisher.get())
                .attest(outcome.report(), lineage.records(), invocation), err);
    }
}
