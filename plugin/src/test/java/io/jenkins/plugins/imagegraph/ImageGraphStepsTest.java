package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.RegistryCredentials;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.testing.GitRepo;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Jenkinsfiles running the steps for real: the Docker Engine, a loopback registry that wants a
 * robot's password, the credentials from Jenkins.
 */
@WithJenkins
class ImageGraphStepsTest {

    private static LoopbackRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LoopbackRegistry.withHtpasswd(PipelineFixture.ROBOT, PipelineFixture.PASSWORD);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        registry.close();
    }

    @BeforeEach
    void credentials(JenkinsRule jenkins) throws Exception {
        PipelineFixture.robotCredentials();
    }

    private static DistributionRegistry client() {
        RegistryHost host = RegistryHost.parse(registry.host());
        return DistributionRegistry.of(RegistryEndpoint.of(host), CredentialResolver.of(host,
                RegistryCredentials.of(PipelineFixture.ROBOT, PipelineFixture.PASSWORD)), RegistryExtension.QUICK);
    }

    @Test
    void buildTestPromote_movesLatestToTheTestedDigest_andTheBuildPageDrawsTheLineage(JenkinsRule jenkins)
            throws Exception {
        Path root = dir.resolve("graph");
        PipelineFixture.graph(root, registry.host());
        WorkflowJob job = PipelineFixture.job(jenkins, "images", """
                    def images = buildImageGraph dir: '%s', registry: '%s', credentialsId: 'robot', tags: 'test'
                    echo "app is ${images.app.status} at ${images.app.digest}"
                    smokeTestImages()
                    def promotion = promoteImages to: 'latest'
                    echo "promoted: ${promotion.succeeded}"
                """.formatted(root, registry.host()));

        WorkflowRun run = jenkins.buildAndAssertSuccess(job);

        jenkins.assertLogContains("imagegraph: 2 images: 2 built", run);
        jenkins.assertLogContains("app is built at sha256:", run);
        jenkins.assertLogContains("promoted: true", run);
        jenkins.assertLogNotContains(PipelineFixture.PASSWORD, run);
        assertThat(Files.readString(run.getRootDir().toPath().resolve("build.xml"))).doesNotContain(PipelineFixture.PASSWORD);
        ImageGraphAction action = run.getAction(ImageGraphAction.class);
        assertThat(action.getSummary()).contains("promoted: 2 tags moved");
        String app = (String) ((java.util.Map<?, ?>) action.getImages().get("app")).get("digest");
        String tag = ((java.util.List<?>) ((java.util.Map<?, ?>) action.getImages().get("app")).get("tags")).stream()
                .map(Object::toString).filter(t -> t.endsWith(":test")).findFirst().orElseThrow();
        RepositoryName repository = RepositoryName.of(tag.substring(registry.host().length() + 1, tag.lastIndexOf(':')));
        assertThat(client().head(repository, "latest").orElseThrow().digest()).hasToString(app);

        JenkinsRule.WebClient web = jenkins.createWebClient();
        HtmlPage page = web.getPage(run, action.getUrlName() + "/");
        assertThat(page.asNormalizedText()).contains("promoted: 2 tags moved").contains(app);
        Page svg = web.goTo(run.getUrl() + action.getUrlName() + "/lineageSvg", "image/svg+xml");
        assertThat(svg.getWebResponse().getContentAsString()).startsWith("<svg").contains("data-node=\"app\"");
        HtmlPage summary = web.getPage(run);
        assertThat(summary.asNormalizedText()).contains("Image lineage").contains("smoke tests passed");
        HtmlPage jobPage = web.getPage(job, "image-graph/");
        assertThat(jobPage.asNormalizedText()).contains(action.getRunId());
    }

    @Test
    void pullRequestBuild_buildsWhatItChanges_taggedWithItsId(JenkinsRule jenkins) throws Exception {
        Path origin = dir.resolve("origin");
        PipelineFixture.graph(origin, registry.host());
        Path checkout = dir.resolve("checkout");
        new GitRepo(dir).git("clone", "-q", origin.toString(), checkout.toString());
        GitRepo pr = new GitRepo(checkout);
        pr.git("checkout", "-q", "-b", "PR-7");
        pr.write("images/app/motd", "changed\n").commitAll("app changes");
        io.imagegraph.core.testing.Busybox.copyInto(checkout.resolve("images/base/busybox"));
        WorkflowJob main = PipelineFixture.job(jenkins, "main", """
                    buildImageGraph dir: '%s', registry: '%s', credentialsId: 'robot'
                """.formatted(origin, registry.host()));
        jenkins.buildAndAssertSuccess(main);
        WorkflowJob job = PipelineFixture.job(jenkins, "pr", """
                    withEnv(['CHANGE_ID=7', 'CHANGE_TARGET=main']) {
                      def images = buildImageGraph dir: '%s', registry: '%s', credentialsId: 'robot'
                      echo "app: ${images.app.status} ${images.app.tags}"
                      echo "base: ${images.base.status}"
                    }
                """.formatted(checkout, registry.host()));

        WorkflowRun run = jenkins.buildAndAssertSuccess(job);

        jenkins.assertLogContains("imagegraph: building pull request 7 into main", run);
        jenkins.assertLogContains("app: built", run);
        jenkins.assertLogContains("/app:pr-7", run);
        jenkins.assertLogNotContains("base: built", run);
    }

    @Test
    void unknownCredentials_failTheStepSayingWhichAndWhereToAddThem(JenkinsRule jenkins) throws Exception {
        Path root = dir.resolve("graph");
        PipelineFixture.graph(root, registry.host());
        WorkflowJob job = PipelineFixture.job(jenkins, "images", """
                    buildImageGraph dir: '%s', registry: '%s', credentialsId: 'nope'
                """.formatted(root, registry.host()));
        WorkflowRun run = jenkins.buildAndAssertStatus(Result.FAILURE, job);
        jenkins.assertLogContains("no username and password credentials with ID 'nope' are visible to images", run);
    }

    @Test
    void failedSmokeTest_failsTheBuild_andPromotionRefusesIt(JenkinsRule jenkins) throws Exception {
        Path root = dir.resolve("graph");
        PipelineFixture.graph(root, registry.host());
        Files.writeString(root.resolve("fail.sh"), "#!/bin/sh\nexit 3\n");
        root.resolve("fail.sh").toFile().setExecutable(true);
        WorkflowJob job = PipelineFixture.job(jenkins, "images", """
                    buildImageGraph dir: '%s', registry: '%s', credentialsId: 'robot'
                    catchError(buildResult: 'FAILURE') { smokeTestImages scripts: 'fail.sh' }
                    promoteImages to: 'latest'
                """.formatted(root, registry.host()));
        WorkflowRun run = jenkins.buildAndAssertStatus(Result.FAILURE, job);
        jenkins.assertLogContains("imagegraph: smoke tests failed: 2 of 2 images failed", run);
        jenkins.assertLogContains("promotion refused", run);
    }
}
