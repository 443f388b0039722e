package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Registries, holds and quotas on folders: what a job inside sees, and what a job outside is refused. */
@WithJenkins
class ImageGraphFolderPropertyTest {

    private static Folder folder(JenkinsRule jenkins, String name, String registry, String credentialsId)
            throws Exception {
        Folder folder = jenkins.jenkins.createProject(Folder.class, name);
        ImageGraphFolderProperty property = new ImageGraphFolderProperty();
        property.setRegistries(List.of(new RegistrySettings(registry, "docker_v2", credentialsId)));
        property.setHolds(List.of(new ConfiguredHold("sha256:" + "b".repeat(64), "held in " + name)));
        property.setQuotas("- namespace: " + registry + "/" + name + "\n  tags: 5\n");
        folder.addProperty(property);
        return folder;
    }

    @Test
    void jobInFolderA_isRefusedFolderBsRegistry_andSeesItsOwn(JenkinsRule jenkins) throws Exception {
        Folder a = folder(jenkins, "team-a", "registry.a.example", "");
        folder(jenkins, "team-b", "registry.b.example", "");
        WorkflowJob job = a.createProject(WorkflowJob.class, "images");

        JobAccess access = JobAccess.of(job);

        assertThat(access.scope().allows("registry.b.example")).isFalse();
        assertThat(access.scope().refusals().get("registry.b.example")).startsWith("the registry registry.b.example"
                + " is configured on the folder 'team-b', and the job 'team-a/images' is not in it");
        assertThat(access.scope().visible()).extracting(registry -> registry.setting().host().value())
                .containsExactly("registry.a.example");
        assertThat(access.holds()).containsValue("held in team-a").doesNotContainValue("held in team-b");
        assertThat(access.quotas()).containsKey("the folder 'team-a'").doesNotContainKey("the folder 'team-b'");
    }

    @Test
    void buildInFolderA_pushingToFolderBsRegistry_failsWithTheSentence(JenkinsRule jenkins) throws Exception {
        Folder a = folder(jenkins, "team-a", "registry.a.example", "");
        folder(jenkins, "team-b", "127.0.0.1:5999", "");
        WorkflowJob job = a.createProject(WorkflowJob.class, "images");
        job.setDefinition(new CpsFlowDefinition("node { writeFile file: 'imagegraph.yaml', text: 'namespace: acme\\n'\n"
                + "  writeFile file: 'images/app/Dockerfile', text: 'FROM scratch\\n'\n"
                + "  buildImageGraph registry: '127.0.0.1:5999' }", true));
        WorkflowRun run = jenkins.buildAndAssertStatus(hudson.model.Result.FAILURE, job);
        jenkins.assertLogContains("the registry 127.0.0.1:5999 is configured on the folder 'team-b', and the job"
                + " 'team-a/images' is not in it", run);
    }

    @Test
    void folderCredentials_areFoundInsideTheFolder_only(JenkinsRule jenkins) throws Exception {
        Folder b = folder(jenkins, "team-b", "registry.b.example", "b-robot");
        CredentialsStore store = CredentialsProvider.lookupStores(b).iterator().next();
        assertThat(store.getProvider()).isInstanceOf(FolderCredentialsProvider.class);
        store.addCredentials(Domain.global(), new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "b-robot",
                "team b's robot", "teamb+robot", "teamb-token-0123"));
        WorkflowJob inside = b.createProject(WorkflowJob.class, "images");
        WorkflowJob outside = jenkins.createProject(WorkflowJob.class, "images");

        assertThat(RegistrySettings.credentialsIn(inside, "b-robot")).isNotNull();
        assertThat(RegistrySettings.credentialsIn(outside, "b-robot")).isNull();
        assertThat(RegistrySettings.systemCredentials("b-robot")).isNull();
    }
}
