package io.imagegraph.core.pipeline;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.gate.GateReport;
import io.imagegraph.core.gate.GateReportJson;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.promote.PromotionReport;
import io.imagegraph.core.promote.PromotionReportJson;
import io.imagegraph.core.run.LineageRun;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.run.RunSummary;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a step's work on the agent hands back to Jenkins: the step's value, whether it succeeded
 * (and why not), the run's summary lines, and the run's files to keep with the Jenkins build (its
 * reports and lineage drawing). It crosses from the agent to the controller as a map of plain
 * Java types ({@link #toMap()}, {@link #fromMap(Map)}), which Jenkins' remoting class filter lets
 * through, unlike classes of a library jar.
 *
 * @param succeeded   whether the step did all it was asked
 * @param failure     why not, in a sentence, when it did not
 * @param summary     one line each for the run's build, tests and promotion so far
 * @param value       the step's return value in the Jenkinsfile
 * @param runId       the build run the step worked on; empty for a plan
 * @param buildReport where that run's build-report.json is, on the agent; empty for a plan
 * @param files       the run's files by name ({@code build-report.json}, {@code lineage.svg}, ...)
 * @param watches     the upstream watches of the graph (keys), for the image-change trigger
 * @param stopped     whether the step was stopped before it finished: what it did is recorded,
 *                    and Jenkins shows the build as aborted rather than failed
 */
public record StepRecord(boolean succeeded, Optional<String> failure, List<String> summary,
                         LinkedHashMap<String, Object> value, String runId, String buildReport, Map<String, String> files,
                         List<String> watches, boolean stopped) {

    /** The files a run keeps: its reports, then its drawing. */
    public static final List<String> FILE_NAMES = List.of(BuildReportJson.FILE_NAME, GateReportJson.FILE_NAME,
            PromotionReportJson.FILE_NAME, LineageRun.SVG_FILE, LineageRun.HTML_FILE);

    public StepRecord {
        summary = List.copyOf(summary);
        value = new LinkedHashMap<>(value);
        files = Map.copyOf(files);
        watches = List.copyOf(watches);
    }

    /** A record of a step that ran to its end. */
    public StepRecord(boolean succeeded, Optional<String> failure, List<String> summary,
                      LinkedHashMap<String, Object> value, String runId, String buildReport, Map<String, String> files,
                      List<String> watches) {
        this(succeeded, failure, summary, value, runId, buildReport, files, watches, false);
    }

    /** A step that worked on no run (a plan). */
    public static StepRecord ofValue(LinkedHashMap<String, Object> value, List<String> summary) {
        return new StepRecord(true, Optional.empty(), summary, value, "", "", Map.of(), List.of());
    }

    /**
     * A step that worked on the run whose build report is {@code buildReport}: its lineage is
     * drawn again beside the report (with the state's and the configuration's holds) and the run's
     * files are read.
     */
    public static StepRecord ofRun(boolean succeeded, Optional<String> failure, LinkedHashMap<String, Object> value,
                                   ImageGraph graph, Path buildReport, StateDirectory state, ConfiguredHolds holds,
                                   List<String> watches) throws RunRequestException, IOException {
        LineageRun.run(graph, LineageRun.Request.beside(buildReport), state, holds);
        BuildReport build = BuildReportReader.read(buildReport);
        Path tests = buildReport.resolveSibling(GateReportJson.FILE_NAME);
        Path promotion = buildReport.resolveSibling(PromotionReportJson.FILE_NAME);
        Optional<GateReport> gate = Files.exists(tests) ? Optional.of(GateReportJson.read(tests)) : Optional.empty();
        Optional<PromotionReport> promoted = Files.exists(promotion)
                ? Optional.of(PromotionReportJson.read(promotion)) : Optional.empty();
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : FILE_NAMES) {
            Path file = buildReport.resolveSibling(name);
            if (Files.exists(file)) {
                files.put(name, Files.readString(file));
            }
        }
        return new StepRecord(succeeded, failure, RunSummary.lines(build, gate, promoted), value, build.runId(),
                buildReport.toAbsolutePath().toString(), files, watches);
    }

    /** The same record with one more summary line (a dry run's, which leaves no file behind). */
    public StepRecord withSummaryLine(String line) {
        List<String> lines = new ArrayList<>(summary);
        lines.add(line);
        return new StepRecord(succeeded, failure, lines, value, runId, buildReport, files, watches, stopped);
    }

    /**
     * The same record failed for {@code reason} although its run succeeded (an attestation that was
     * not pushed); the run's files stay, so the build page shows the run.
     */
    public StepRecord failed(String reason) {
        return new StepRecord(false, Optional.of(reason), summary, value, runId, buildReport, files, watches, stopped);
    }

    /**
     * What was done up to a stop: not a success, whatever the finished part did, with the reason
     * as the failure and as the last summary line; the run's files stay, so the build page shows
     * the partial run.
     */
    public StepRecord stopped(String reason) {
        List<String> lines = new ArrayList<>(summary);
        lines.add("stopped: " + reason);
        return new StepRecord(false, Optional.of("stopped: " + reason), lines, value, runId, buildReport, files,
                watches, true);
    }

    /** As plain Java types: strings, booleans, lists and maps of them. */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("succeeded", succeeded);
        map.put("failure", failure.orElse(null));
        map.put("summary", new ArrayList<>(summary));
        map.put("value", value);
        map.put("runId", runId);
        map.put("buildReport", buildReport);
        map.put("files", new LinkedHashMap<>(files));
        map.put("watches", new ArrayList<>(watches));
        map.put("stopped", stopped);
        return map;
    }

    /** What {@link #toMap()} wrote. */
    @SuppressWarnings("unchecked")
    public static StepRecord fromMap(Map<String, Object> map) {
        return new StepRecord((Boolean) map.get("succeeded"), Optional.ofNullable((String) map.get("failure")),
                (List<String>) map.get("summary"), (LinkedHashMap<String, Object>) map.get("value"),
                (String) map.get("runId"), (String) map.get("buildReport"), (Map<String, String>) map.get("files"),
                (List<String>) map.get("watches"), Boolean.TRUE.equals(map.get("stopped")));
    }
}
