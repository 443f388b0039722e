package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.pipeline.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The build action's pages, from a recorded run (no engine needed). */
@WithJenkins
class ImageGraphActionTest {

    private static final String DIGEST = "sha256:" + "2".repeat(64);
    private static final String REPORT = BuildReportJson.write(new BuildReport("run-9",
            Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:01:00Z"), List.of(new ImageResult(
            "base", ImageStatus.BUILT, Optional.of("sha256:" + "1".repeat(64)), Optional.of(DIGEST),
            List.of("127.0.0.1:5000/acme/base:test"), "sha256:" + "1".repeat(64), Duration.ofSeconds(1),
            Optional.empty(), "built", 1))));

    private static WorkflowRun recorded(JenkinsRule jenkins) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "images");
        job.setDefinition(new CpsFlowDefinition("echo 'built'", true));
        WorkflowRun run = jenkins.buildAndAssertSuccess(job);
        ImageGraphAction.record(run, new StepRecord(true, Optional.empty(), List.of("1 image: 1 built"),
                new LinkedHashMap<>(), "run-9", "/ws/.imagegraph/runs/run-9/build-report.json",
                Map.of(BuildReportJson.FILE_NAME, REPORT, "lineage.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                        "lineage.html", "<!doctype html><title>run-9</title>"), List.of()), "graph");
        return run;
    }

    @Test
    void pages_showTheSummaryTheImagesAndThePicture(JenkinsRule jenkins) throws Exception {
        WorkflowRun run = recorded(jenkins);
        ImageGraphAction action = run.getAction(ImageGraphAction.class);
        assertThat(action.getDir()).isEqualTo("graph");
        JenkinsRule.WebClient web = jenkins.createWebClient();

        assertThat(web.getPage(run).asNormalizedText()).contains("1 image: 1 built");
        HtmlPage page = web.getPage(run, action.getUrlName() + "/");
        assertThat(page.asNormalizedText()).contains("base").contains(DIGEST)
                .contains("127.0.0.1:5000/acme/base:test");
        Page svg = web.goTo(run.getUrl() + action.getUrlName() + "/lineageSvg", "image/svg+xml");
        assertThat(svg.getWebResponse().getContentAsString()).startsWith("<svg");
        Page report = web.goTo(run.getUrl() + action.getUrlName() + "/report", null);
        assertThat(report.getWebResponse().getResponseHeaderValue("Content-Security-Policy")).startsWith("sandbox");
        Page json = web.goTo(run.getUrl() + action.getUrlName() + "/build-report.json", "application/json");
        assertThat(json.getWebResponse().getContentAsString()).contains("\"runId\" : \"run-9\"");
    }

    @Test
    void aFileThatIsNotAReport_isNotFound(JenkinsRule jenkins) throws Exception {
        WorkflowRun run = recorded(jenkins);
        ImageGraphAction action = run.getAction(ImageGraphAction.class);
        JenkinsRule.WebClient web = jenkins.createWebClient();
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
        assertThat(web.goTo(run.getUrl() + action.getUrlName() + "/build.xml", null).getWebResponse().getStatusCode())
                .isEqualTo(404);
        assertThat(web.goTo(run.getUrl() + action.getUrlName() + "/test-report.json", null).getWebResponse()
                .getStatusCode()).isEqualTo(404);
    }

    @Test
    void recordingTheSameRunAgain_updatesOneAction(JenkinsRule jenkins) throws Exception {
        WorkflowRun run = recorded(jenkins);
        ImageGraphAction.record(run, new StepRecord(true, Optional.empty(), List.of("1 image: 1 built",
                "smoke tests passed: 1 image"), new LinkedHashMap<>(), "run-9", "/ws/x/build-report.json", Map.of(),
                List.of()), "graph");
        assertThat(run.getActions(ImageGraphAction.class)).singleElement()
                .satisfies(action -> assertThat(action.getSummary()).contains("smoke tests passed: 1 image"));
    }
}
