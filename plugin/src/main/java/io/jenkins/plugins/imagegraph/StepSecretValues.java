package io.jenkins.plugins.imagegraph;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.imagegraph.core.pipeline.StepSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The values of a step's build secrets, looked up for the build on the controller (their use is
 * tracked) and carried to the agent as plain bytes: secret texts and secret files by secret id.
 * Nothing of them is logged or kept with the build.
 */
final class StepSecretValues {

    private StepSecretValues() {
    }

    /**
     * @return {@code [id, kind, value]} in the step's order, kind {@code "text"} or {@code "file"}
     *         (the engine refuses an id given twice)
     */
    static ArrayList<Object[]> of(Run<?, ?> run, List<StepSecret> secrets)
            throws IOException, InterruptedException {
        ArrayList<Object[]> values = new ArrayList<>();
        for (StepSecret secret : secrets) {
            if (secret.getId().isEmpty() || secret.getCredentialsId().isEmpty()) {
                throw new AbortException("secrets: each secret needs an id (the one its Dockerfile mounts) and a"
                        + " credentialsId: [id: 'pip_conf', credentialsId: 'pip-conf']");
            }
            StandardCredentials credentials = CredentialsProvider.findCredentialById(secret.getCredentialsId(),
                    StandardCredentials.class, run, Collections.emptyList());
            if (credentials instanceof StringCredentials text) {
                values.add(new Object[] {secret.getId(), "text",
                        text.getSecret().getPlainText().getBytes(StandardCharsets.UTF_8)});
            } else if (credentials instanceof FileCredentials file) {
                try (InputStream content = file.getContent()) {
                    values.add(new Object[] {secret.getId(), "file", content.readAllBytes()});
                }
            } else {
                throw new AbortException("secrets: the secret '" + secret.getId() + "' names credentials '"
                        + secret.getCredentialsId() + "', but "
                        + (credentials == null ? "no credentials with that ID are visible to "
                        + run.getParent().getFullName() + "; add a secret text or a secret file credential in the"
                        + " job's folder or globally"
                        : "they are not a secret text or a secret file; build secrets take one of those"));
            }
            CredentialsProvider.track(run, credentials);
        }
        return values;
    }

    /** The engine's values, on the agent. */
    static List<StepSecrets.Value> values(List<Object[]> carried) {
        return carried.stream().map(value -> new StepSecrets.Value((String) value[0], "file".equals(value[1]),
                (byte[]) value[2])).toList();
    }
}
