package io.imagegraph.cli;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.TagEvent;
import io.imagegraph.core.track.TagHistory;
import io.imagegraph.core.track.TrackingJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "history", 
        header = "Show which digest each tag pointed at, when and why.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Show the tag history: which digest each tag pointed at, since when, and why (built, reused, promoted,"
                    + " rollback, imported), as builds, promotions and rollbacks recorded it in the state folder.",
            "",
            "Without a reference: every repository's tags and where they point now. With REGISTRY/REPOSITORY: that"
                    + " repository's tags. With REGISTRY/REPOSITORY:TAG: every move of that tag, newest first."
                    + " With --digest: every tag that pointed at that digest, and so the run that made it.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph history",
            "  imagegraph history quay.io/acme/keystone",
            "  imagegraph history quay.io/acme/keystone:latest -o json",
            "  imagegraph history --digest sha256:3f3c1fe1…",
            "",
            "Exit codes: 0 shown (an empty history too); 1 the state folder cannot be read; 2 bad input."
        })
final class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "REFERENCE",
            description = "REGISTRY/REPOSITORY or REGISTRY/REPOSITORY:TAG, as the history names them.")
    String reference;

    @Option(names = "--digest", paramLabel = "DIGEST",
            description = "Show every event that pointed a tag at this manifest digest.")
    String digest;

    @Option(names = "--report", paramLabel = "FILE",
            description = "A build-report.json whose recorded state folder holds the tag history (instead of --state).")
    Path report;

    @Mixin
    StateOption stateOption;

    @Mixin
    ReportFormatOption output;

    @Override
    public Integer call() throws BadInputException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json("history");
        if (reference != null && digest != null) {
            throw new BadInputException("give a reference or --digest, not both");
        }
        StateDirectory state = report != null ? stateOption.ofRun(report) : stateOption.standalone();
        TagHistory history = TagHistory.in(state);
        List<TagEvent> events;
        boolean newestFirst = false;
        if (digest != null) {
            try {
                events = history.withDigest(Digest.of(digest).toString());
            } catch (InvalidReferenceException e) {
                throw new BadInputException("--digest " + e.getMessage());
            }
        } else if (reference == null) {
            events = new ArrayList<>();
            for (Map<String, TagEvent> tags : history.repositories().values()) {
                events.addAll(tags.values());
            }
        } else {
            int colon = reference.lastIndexOf(':');
            boolean hasTag = colon > reference.lastIndexOf('/');
            if (hasTag) {
                events = new ArrayList<>(history.history(reference.substring(0, colon), reference.substring(colon + 1)));
                newestFirst = true;
            } else {
                events = List.copyOf(history.tags(reference).values());
            }
        }
        if (json) {
            TrackingJson.events(events, out);
            return ExitCodes.OK;
        }
        if (events.isEmpty()) {
            out.println("The tag history in " + state.folder() + " has no record"
                    + (reference != null ? " of " + reference : digest != null ? " of " + digest : "")
                    + ". Builds with --registry, promotions and rollbacks add to it.");
            out.flush();
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("TAG", "DIGEST", "PREVIOUS", "CAUSE", "TIME", "RUN", "IMAGE");
        for (int i = 0; i < events.size(); i++) {
            TagEvent event = events.get(newestFirst ? events.size() - 1 - i : i);
            table.row(event.reference(), Digest.of(event.digest()).shortForm(),
                    event.previousDigest().map(d -> Digest.of(d).shortForm()).orElse("-"), event.cause().id(),
                    event.time(), event.runId() == null ? "-" : event.runId(),
                    event.image() == null ? "-" : event.image());
        }
        out.print(table.render());
        out.flush();
        return ExitCodes.OK;
    }
}
