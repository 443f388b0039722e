package io.imagegraph.cli;

import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.HeldImages;
import io.imagegraph.core.track.HoldEvent;
import io.imagegraph.core.track.Holds;
import io.imagegraph.core.track.Severity;
import io.imagegraph.core.track.TrackingJson;
import io.imagegraph.core.track.TrivyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "held", 
        header = "List, add and release vulnerability holds.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "List, add and release vulnerability holds. A held digest (often a base image's) may not be promoted,"
                    + " and neither may any image built on it, at any depth, as the lineage records tell;"
                    + " imagegraph promote and imagegraph rollback refuse them.",
            "",
            "Without options: the holds and every digest they block. --hold and --trivy add holds (a Trivy image"
                    + " scan holds the scanned image's digest when it has findings at or above --severity),"
                    + " --release lifts one; the list is printed afterwards.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph held",
            "  imagegraph held --hold sha256:3f3c1fe1… --reason 'CVE-2026-10001 in libssl3'",
            "  trivy image -f json -o scan.json quay.io/acme/base:pr-42 && imagegraph held --trivy scan.json",
            "  imagegraph held --release sha256:3f3c1fe1…",
            "",
            "Exit codes: 0 done; 1 the state folder cannot be read or written; 2 bad input."
        })
final class HeldCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--hold", paramLabel = "DIGEST", description = "Hold this manifest digest (repeatable); needs --reason.")
    List<String> hold = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the --hold digests are held.")
    String reason;

    @Option(names = "--release", paramLabel = "DIGEST", description = "Lift the hold on this digest (repeatable).")
    List<String> release = new ArrayList<>();

    @Option(names = "--trivy", paramLabel = "FILE",
            description = "A Trivy image scan (trivy image -f json): hold the scanned image's digest when it has"
                    + " findings at or above --severity (repeatable).")
    List<Path> trivy = new ArrayList<>();

    @Option(names = "--severity", paramLabel = "LEVEL", defaultValue = "HIGH",
            description = "The least severity that holds with --trivy: LOW, MEDIUM, HIGH or CRITICAL."
                    + " Default: ${DEFAULT-VALUE}.")
    String severity;

    @Mixin
    StateOption stateOption;

    @Mixin
    ReportFormatOption output;

    @Override
    public Integer call() throws BadInputException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json("held");
        if (!hold.isEmpty() && (reason == null || reason.isBlank())) {
            throw new BadInputException("--hold needs --reason: say why the digest may not be promoted");
        }
        Severity threshold;
        try {
            threshold = Severity.parse(severity);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--severity " + e.getMessage());
        }
        Map<Digest, String> manual = new LinkedHashMap<>();
        List<Digest> releases = new ArrayList<>();
        try {
            for (String digest : hold) {
                manual.put(Digest.of(digest), reason.strip());
            }
            for (String digest : release) {
                releases.add(Digest.of(digest));
            }
        } catch (InvalidReferenceException e) {
            throw new BadInputException(e.getMessage());
        }
        Map<TrivyReport, Map<Digest, String>> scanned = new LinkedHashMap<>();
        for (Path file : trivy) {
            TrivyReport report;
            try {
                report = TrivyReport.read(file);
            } catch (IOException e) {
                throw new BadInputException(e.getMessage());
            }
            if (report.digests().isEmpty()) {
                throw new BadInputException("the Trivy report " + file + " names no repository digest (Metadata"
                        + ".RepoDigests is empty: the image was scanned before it was pushed); scan the pushed image,"
                        + " or hold its digest with --hold");
            }
            scanned.put(report, report.holds(threshold));
        }
        StateDirectory state = stateOption.standalone();
        Holds holds = Holds.in(state);
        String by = System.getProperty("user.name", "unknown");
        Instant now = Instant.now();
        if (!manual.isEmpty()) {
            holds.hold(manual, by, "manual", now);
        }
        for (Map.Entry<TrivyReport, Map<Digest, String>> scan : scanned.entrySet()) {
            holds.hold(scan.getValue(), by, scan.getKey().file().toString(), now);
            if (!json) {
                out.println(scan.getValue().isEmpty()
                        ? scan.getKey().file() + ": nothing at " + threshold + " or worse; no hold"
                        : scan.getKey().file() + ": held " + String.join(", ", scan.getValue().keySet().stream()
                        .map(Digest::toString).toList()) + ": " + scan.getValue().values().iterator().next());
            }
        }
        for (Digest digest : releases) {
            if (!holds.release(digest, by, now) && !json) {
                out.println(digest + " was not held; nothing to release");
            }
        }
        Map<String, HoldEvent> active = holds.active();
        HeldImages held = HeldImages.of(active, JsonLinesLineageStore.in(state).records());
        if (json) {
            TrackingJson.held(active, held, out);
            return ExitCodes.OK;
        }
        if (active.isEmpty()) {
            out.println("No digest is held.");
        } else {
            TextTable table = new TextTable("DIGEST", "IMAGE", "BLOCKED BECAUSE");
            for (HeldImages.Blocked blocked : held.all()) {
                table.row(blocked.digest(), blocked.image() == null ? "-" : blocked.image(), blocked.reason());
            }
            out.print(table.render());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
