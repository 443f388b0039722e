package io.jenkins.plugins.imagegraph;

import hudson.model.Job;
import hudson.model.Run;
import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.build.BuildReportReader;
import io.imagegraph.core.pipeline.StepRecord;
import io.imagegraph.core.run.LineageRun;
import io.imagegraph.core.run.PipelineValues;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletException;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest;
import org.kohsuke.stapler.StaplerResponse;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * A build's image-graph run: its summary on the build page, and a page of its own with the lineage
 * drawn by the engine, the images with their statuses and digests, and the run's reports. The
 * fields are plain strings and lists (what build.xml can hold); the reports and the drawing are
 * files in the build's folder, written again by each step that works on the run.
 *
 * <p>{@code /job/<job>/<n>/api/json} exports the run's id, summary, watches and images (status,
 * digest, tags, reason) under {@code actions}.
 */
@ExportedBean(defaultVisibility = 2)
public final class ImageGraphAction implements RunAction2 {

    private static final String FOLDER = "image-graph";
    /** How far back the job-level page and the trigger look for a build that ran buildImageGraph. */
    private static final int BUILDS_BACK = 20;

    private final String runId;
    private String dir;
    private String buildReport;
    private List<String> summary = new ArrayList<>();
    private List<String> watches = new ArrayList<>();
    private transient Run<?, ?> run;

    ImageGraphAction(String runId) {
        this.runId = runId;
    }

    /** Records what a step did to the run {@code record} names, on the build. */
    static void record(Run<?, ?> run, StepRecord record, String dir) throws IOException {
        ImageGraphAction action = run.getActions(ImageGraphAction.class).stream()
                .filter(existing -> existing.runId.equals(record.runId())).findFirst().orElse(null);
        if (action == null) {
            action = new ImageGraphAction(record.runId());
            run.addAction(action);
        }
        action.update(record, dir);
        run.save();
    }

    private synchronized void update(StepRecord record, String stepDir) throws IOException {
        this.dir = stepDir;
        this.buildReport = record.buildReport();
        this.summary = new ArrayList<>(record.summary());
        if (!record.watches().isEmpty()) {
            this.watches = new ArrayList<>(record.watches());
        }
        Path folder = folder().toPath();
        Files.createDirectories(folder);
        for (Map.Entry<String, String> file : record.files().entrySet()) {
            if (StepRecord.FILE_NAMES.contains(file.getKey())) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        }
    }

    /** The last image-graph run of a build, or null. */
    static ImageGraphAction last(Run<?, ?> run) {
        List<ImageGraphAction> actions = run == null ? List.of() : run.getActions(ImageGraphAction.class);
        return actions.isEmpty() ? null : actions.get(actions.size() - 1);
    }

    /** The last image-graph run among a job's recent builds, or null. */
    static ImageGraphAction lastOf(Job<?, ?> job) {
        int seen = 0;
        for (Run<?, ?> build = job.getLastBuild(); build != null && seen < BUILDS_BACK;
             build = build.getPreviousBuild(), seen++) {
            ImageGraphAction action = last(build);
            if (action != null) {
                return action;
            }
        }
        return null;
    }

    @Override
    public void onAttached(Run<?, ?> attachedTo) {
        this.run = attachedTo;
    }

    @Override
    public void onLoad(Run<?, ?> loadedFrom) {
        this.run = loadedFrom;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Exported
    public String getRunId() {
        return runId;
    }

    @Exported
    public String getDir() {
        return dir;
    }

    /** Where the run's build-report.json is on the agent, for the steps after buildImageGraph. */
    public String getBuildReport() {
        return buildReport;
    }

    @Exported
    public List<String> getSummary() {
        return summary == null ? List.of() : summary;
    }

    /** The graph's upstream watches, which the image-change trigger polls. */
    @Exported
    public List<String> getWatches() {
        return watches == null ? List.of() : watches;
    }

    @Override
    public String getIconFileName() {
        return "/plugin/image-graph/images/lineage.svg";
    }

    @Override
    public String getDisplayName() {
        return "Image lineage (" + runId + ")";
    }

    @Override
    public String getUrlName() {
        return "image-graph-" + runId.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** The run's images by name, each with status, digest, tags and reason; empty when the report is gone. */
    public Map<String, Object> getImages() {
        File report = new File(folder(), BuildReportJson.FILE_NAME);
        try {
            return PipelineValues.ofBuild(BuildReportReader.read(report.toPath()));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** The run's images for the remote API, in the report's order. */
    @Exported(name = "images")
    public List<ExportedImage> getExportedImages() {
        return ExportedImage.of(getImages());
    }

    /** The run's JSON reports kept with the build, by name. */
    public List<String> getReportFiles() {
        return StepRecord.FILE_NAMES.stream().filter(name -> name.endsWith(".json") && has(name)).toList();
    }

    /** Whether the files of a step are kept, by name. */
    public boolean has(String file) {
        return new File(folder(), file).isFile();
    }

    /** The lineage picture, for an {@code img} element (an image cannot run scripts). */
    public void doLineageSvg(StaplerRequest request, StaplerResponse response) throws IOException, ServletException {
        serve(LineageRun.SVG_FILE, "image/svg+xml", response);
    }

    /**
     * The self-contained HTML report, sandboxed: it runs its own inline scripts (sorting, details)
     * in an origin of its own, without access to Jenkins.
     */
    public void doReport(StaplerRequest request, StaplerResponse response) throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", "sandbox allow-scripts; default-src 'none'; "
                + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:");
        serve(LineageRun.HTML_FILE, "text/html;charset=UTF-8", response);
    }

    /** The run's reports as JSON: {@code build-report.json}, {@code test-report.json}, {@code promotion-report.json}. */
    public void doDynamic(StaplerRequest request, StaplerResponse response) throws IOException, ServletException {
        String name = request.getRestOfPath().replaceFirst("^/", "");
        if (!name.endsWith(".json") || !StepRecord.FILE_NAMES.contains(name)) {
            throw HttpResponses.notFound();
        }
        serve(name, "application/json;charset=UTF-8", response);
    }

    private void serve(String name, String contentType, StaplerResponse response) throws IOException {
        File file = new File(folder(), name);
        if (!file.isFile()) {
            throw HttpResponses.notFound();
        }
        response.setContentType(contentType);
        response.setHeader("X-Content-Type-Options", "nosniff");
        Files.copy(file.toPath(), response.getOutputStream());
    }

    private File folder() {
        return new File(new File(run.getRootDir(), FOLDER), runId.replaceAll("[^A-Za-z0-9_.-]", "_"));
    }
}
