package io.jenkins.plugins.imagegraph;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GitRepo;
import io.imagegraph.core.testing.TwoImageGraph;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * What the Pipeline tests share: the engine tests' two-image graph in a git repository, the
 * robot's credentials in Jenkins, and jobs whose Jenkinsfile runs in
 * {@code withEnv(DOCKER_HOST)} against the test's Docker Engine.
 */
final class PipelineFixture {

    static final String ROBOT = "acme+ci";
    static final String PASSWORD = "s3cr3t-robot-pw-0123";

    private PipelineFixture() {
    }

    static void robotCredentials() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "robot", "the registry's robot", ROBOT, PASSWORD));
        SystemCredentialsProvider.getInstance().save();
    }

    static GitRepo graph(Path root, String registry) throws Exception {
        return TwoImageGraph.write(root, registry, "jenkins");
    }

    /** A Pipeline job running {@code steps} inside node and withEnv(DOCKER_HOST). */
    static WorkflowJob job(JenkinsRule jenkins, String name, String steps) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("node {\n  withEnv(['DOCKER_HOST=" + DockerDaemon.shared().host()
                + "']) {\n" + steps + "\n  }\n}\n", true));
        return job;
    }
}
