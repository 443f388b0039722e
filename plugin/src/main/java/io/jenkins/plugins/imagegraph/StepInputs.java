package io.jenkins.plugins.imagegraph;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.imagegraph.core.access.ConfiguredRegistry;
import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.run.RunRequestException;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What every step hands to its work on the agent, gathered from Jenkins on the controller: the
 * build's environment (with what {@code withDockerServer} and {@code withRegistry} blocks set),
 * the registry logins (the step's {@code credentialsId}, the registries the job's folders and the
 * global configuration give it), which registries speak plain HTTP, the holds and quotas of the
 * configuration and the job's folders, the registries the job may not use (another folder's), and
 * the workspace's temporary folder.
 * Credentials are looked up by ID for the build and never logged.
 */
record StepInputs(Map<String, String> variables, Map<String, String[]> logins, Set<String> plainHttpHosts,
                  Map<String, String> holds, String temporaryFolder, TaskListener listener,
                  Map<String, String> refusedRegistries, Map<String, String> quotas) {

    static StepInputs of(StepContext context, String registry, String credentialsId)
            throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars variables = context.get(EnvVars.class);
        FilePath workspace = context.get(FilePath.class);
        if (run == null || listener == null || variables == null || workspace == null) {
            throw new AbortException("image-graph steps run inside a node block, which gives them a workspace");
        }
        JobAccess access = JobAccess.of(run.getParent());
        Map<String, String[]> logins = new HashMap<>();
        Set<String> plainHttpHosts = new HashSet<>();
        for (ConfiguredRegistry configured : access.scope().visible()) {
            String host = configured.setting().host().value();
            if (configured.setting().plainHttp()) {
                plainHttpHosts.add(host);
            }
            if (!configured.credentialsId().isEmpty()) {
                logins.put(host, login(run, configured.credentialsId()));
            }
        }
        if (!isBlank(credentialsId)) {
            try {
                logins.put(StepOptions.loginRegistry(registry, credentialsId), login(run, credentialsId));
            } catch (RunRequestException e) {
                throw new AbortException(e.getMessage());
            }
        }
        FilePath temporary = WorkspaceList.tempDir(workspace);
        if (temporary == null) {
            throw new AbortException("the workspace " + workspace.getRemote() + " has no folder beside it for temporary"
                    + " files; use a workspace below the agent's root");
        }
        return new StepInputs(variables, logins, plainHttpHosts, access.holds(), temporary.getRemote(), listener,
                access.scope().refusals(), access.quotas());
    }

    /** The user name and password of a credential visible to the build; its use is tracked. */
    private static String[] login(Run<?, ?> run, String credentialsId) throws AbortException {
        StandardUsernamePasswordCredentials credentials = CredentialsProvider.findCredentialById(credentialsId,
                StandardUsernamePasswordCredentials.class, run, Collections.emptyList());
        if (credentials == null) {
            throw new AbortException("no username and password credentials with ID '" + credentialsId + "' are"
                    + " visible to " + run.getParent().getFullName() + "; add them (a Quay robot's name and token,"
                    + " or a registry user's name and password) in the job's folder or globally");
        }
        CredentialsProvider.track(run, credentials);
        return new String[] {credentials.getUsername(), credentials.getPassword().getPlainText()};
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
