package io.imagegraph.cli;

import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.promote.PromotionJournal;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.HeldImages;
import io.imagegraph.core.track.Holds;
import io.imagegraph.core.track.RollbackRefusedException;
import io.imagegraph.core.track.TagHistory;
import io.imagegraph.core.track.TagRollback;
import io.imagegraph.core.track.TrackingJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rollback", 
        header = "Point a tag back at a digest it had before.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Point a tag back at a digest it pointed at before, registry side (the earlier manifest's exact bytes"
                    + " put under the tag again; nothing pulled or pushed through a daemon), and add that to the tag"
                    + " history. Only digests the history saw under that tag qualify; a held digest, or one built on"
                    + " a held digest, is refused, and so is one the registry no longer has. A promotion of the"
                    + " repository that the journal still holds (imagegraph promote --recover) is settled first.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph rollback quay.io/acme/keystone:latest             # one move back",
            "  imagegraph rollback quay.io/acme/keystone:latest --steps 2 --dry-run",
            "  imagegraph rollback quay.io/acme/keystone:latest --to sha256:3f3c1fe1…",
            "",
            "Exit codes: 0 rolled back (or already there, or a dry run); 1 refused or the registry failed;"
                    + " 2 bad input."
        })
final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REGISTRY/REPOSITORY:TAG", description = "The tag to move back.")
    String reference;

    @Option(names = "--to", paramLabel = "DIGEST", description = "The earlier digest to point the tag at.")
    String to;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1",
            description = "Without --to: go back this many moves in the tag's history. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--dry-run", description = "Say where the tag would go; move nothing.")
    boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE",
            description = "A build-report.json whose recorded state folder holds the tag history (instead of --state).")
    Path report;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    StateOption stateOption;

    @Mixin
    ReportFormatOption output;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException, RegistryException,
            RollbackRefusedException {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json("rollback");
        ImageRef ref;
        Optional<Digest> target;
        try {
            ref = ImageRef.parse(reference);
            target = Optional.ofNullable(to).map(Digest::of);
        } catch (InvalidReferenceException e) {
            throw new BadInputException(e.getMessage());
        }
        if (ref.registry().isEmpty() || ref.tag().isEmpty() || ref.digest().isPresent()) {
            throw new BadInputException("name the tag as REGISTRY/REPOSITORY:TAG (such as quay.io/acme/keystone:latest),"
                    + " not " + reference);
        }
        if (steps < 1) {
            throw new BadInputException("--steps must be at least 1");
        }
        StateDirectory state = this.report != null ? stateOption.ofRun(this.report) : stateOption.existing();
        HeldImages held = HeldImages.of(Holds.in(state).active(), JsonLinesLineageStore.in(state).records());
        TagRollback rollback = new TagRollback(registryOptions.registries(new LocalProcessRunner(),
                ref.registry().get()), TagHistory.in(state), held, PromotionJournal.in(state, state.folder().toString()),
                Clock.systemUTC());
        TagRollback.Result result = rollback.rollBack(new ImageLocation(ref.registry().get(), ref.repository()),
                ref.tag().get(), target, steps, dryRun, System.getProperty("user.name", "unknown"));
        if (json) {
            TrackingJson.rollback(result, out);
        } else {
            String before = result.before().map(Digest::toString).orElse("nothing");
            out.println(result.moved() ? result.reference() + " now points at " + result.after() + " (was " + before + ")"
                    : result.dryRun() ? "Dry run: " + result.reference() + " would point at " + result.after()
                    + " (now " + before + ")"
                    : result.reference() + " already points at " + result.after());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
