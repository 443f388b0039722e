package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.model.Label;
import hudson.model.Queue;
import hudson.slaves.DumbSlave;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code buildImageGraph agents:} in a Jenkins with a real agent whose DOCKER_HOST is the tests'
 * Docker Engine: its executor is taken through the queue for the build and given back after it.
 * (Verified beyond this by hand in Jenkins 2.448 with three inbound agents: docs/scale-out.md.)
 */
@WithJenkins
class AgentLeasesTest {

    @TempDir
    Path dir;

    @Test
    void aGraphBuiltOnTheLabelledAgent_takesItsExecutor_andGivesItBack(JenkinsRule jenkins) throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.withHtpasswd(PipelineFixture.ROBOT, PipelineFixture.PASSWORD)) {
            PipelineFixture.robotCredentials();
            Path root = dir.resolve("graph");
            PipelineFixture.graph(root, registry.host());
            EnvVars docker = new EnvVars("DOCKER_HOST", DockerDaemon.shared().host());
            DumbSlave builder = jenkins.createOnlineSlave(Label.get("builders"), docker);
            WorkflowJob job = jenkins.createProject(WorkflowJob.class, "on-agents");
            job.setDefinition(new CpsFlowDefinition("node('built-in') {\n  buildImageGraph dir: '" + root
                    + "', registry: '" + registry.host() + "', credentialsId: 'robot', agents: 'builders'\n}\n", true));

            WorkflowRun run = jenkins.buildAndAssertSuccess(job);

            String host = builder.getNodeName();
            jenkins.assertLogContains("imagegraph: building on the agents with the label 'builders': " + host
                    + " (1 executor)", run);
            jenkins.assertLogContains("imagegraph: building on 1 build host (" + host + ")", run);
            jenkins.assertLogContains("imagegraph: 2 images: 2 built", run);
            jenkins.assertLogContains("imagegraph: app on " + host, run);
            assertThat(builder.toComputer().countBusy()).isZero();
            assertThat(Queue.getInstance().getItems()).isEmpty();
        }
    }

    @Test
    void aLabelNoOnlineAgentHas_failsTheStepSayingSo(JenkinsRule jenkins) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "no-agents");
        job.setDefinition(new CpsFlowDefinition("node('built-in') {\n  buildImageGraph agents: 'nobody'\n}\n", true));
        WorkflowRun run = jenkins.buildAndAssertStatus(hudson.model.Result.FAILURE, job);
        jenkins.assertLogContains("no online agent with executors has the label 'nobody' (no agent has it); bring one"
                + " online, or give agents: a label that online agents have", run);
        assertThat(Jenkins.get().getQueue().getItems()).isEmpty();
    }
}
