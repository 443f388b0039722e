package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GitRepo;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The image-change trigger against a real upstream image in a loopback registry. */
@WithJenkins
class ImageChangeTriggerTest {

    @TempDir
    Path dir;

    /** Builds and pushes {@code <registry>/upstream/busybox:1} with a file that says {@code version}. */
    private void pushUpstream(String registry, String version) throws Exception {
        Path context = Files.createDirectories(dir.resolve("upstream-" + version));
        Busybox.copyInto(context.resolve("busybox"));
        Files.writeString(context.resolve("version"), version);
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCOPY version /version\n");
        String image = registry + "/upstream/busybox:1";
        for (List<String> args : List.of(List.of("build", "--network", "none", "-t", image, context.toString()),
                List.of("push", image))) {
            CapturedRun run = DockerDaemon.shared().docker(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
        }
    }

    @Test
    void upstreamMoved_startsTheJob_sayingWhichImage(JenkinsRule jenkins) throws Exception {
        try (LoopbackRegistry upstream = LoopbackRegistry.start()) {
            pushUpstream(upstream.host(), "1.0");
            Path root = dir.resolve("graph");
            new GitRepo(root).git("init", "-q", "-b", "main");
            new GitRepo(root).write("images/app/Dockerfile", "FROM " + upstream.host() + "/upstream/busybox:1\n"
                    + "COPY motd /etc/motd\n").write("images/app/motd", "hi\n").commitAll("app");
            WorkflowJob job = PipelineFixture.job(jenkins, "app", "buildImageGraph dir: '" + root + "'");
            ImageChangeTrigger trigger = new ImageChangeTrigger("@daily");
            job.addProperty(new PipelineTriggersJobProperty(List.of(trigger)));
            WorkflowRun first = jenkins.buildAndAssertSuccess(job);
            assertThat(first.getAction(ImageGraphAction.class).getWatches())
                    .containsExactly(upstream.host() + "/upstream/busybox:1");

            ImageChangeTrigger.poll(job);
            jenkins.waitUntilNoActivity();
            assertThat(job.getLastBuild().getNumber()).as("a digest seen for the first time starts nothing").isEqualTo(1);

            pushUpstream(upstream.host(), "1.1");
            ImageChangeTrigger.poll(job);
            jenkins.waitUntilNoActivity();

            WorkflowRun second = job.getBuildByNumber(2);
            assertThat(second).isNotNull();
            ImageChangeCause cause = second.getCause(ImageChangeCause.class);
            assertThat(cause.getShortDescription())
                    .startsWith("Upstream image moved: " + upstream.host() + "/upstream/busybox:1");
            jenkins.assertLogContains("imagegraph: 1 image: 1 built", second);
        }
    }
}
