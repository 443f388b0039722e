package io.jenkins.plugins.imagegraph;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.PluginWrapper;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.ListBoxModel;
import io.imagegraph.core.pipeline.StepSigning;
import io.imagegraph.core.provenance.KeyFileException;
import io.imagegraph.core.provenance.SigningKey;
import io.imagegraph.core.provenance.VerificationKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * Keys from secret file credentials: the signing key of {@code buildImageGraph} and
 * {@code smokeTestImages} ({@code signingKeyCredentialsId}), the public key of {@code promoteImages
 * requireProvenance}. The PEM bytes are read on the controller for the build (the use is tracked)
 * and parsed by the engine on the agent; nothing of them is written to the log or the build.
 */
final class KeyCredentials {

    private KeyCredentials() {
    }

    /** The content of a secret file credential visible to the build; {@code parameter} names the step's parameter. */
    static byte[] content(Run<?, ?> run, String credentialsId, String parameter) throws IOException {
        FileCredentials file = CredentialsProvider.findCredentialById(credentialsId, FileCredentials.class, run,
                Collections.emptyList());
        if (file == null) {
            throw new AbortException(parameter + ": no secret file credentials with ID '" + credentialsId + "' are"
                    + " visible to " + run.getParent().getFullName() + "; add the PEM file as a secret file credential"
                    + " in the job's folder or globally");
        }
        CredentialsProvider.track(run, file);
        try (InputStream content = file.getContent()) {
            return content.readAllBytes();
        }
    }

    /** The secret file credentials a form's key field can name. */
    static ListBoxModel items(Item item, String current) {
        return CredentialsItems.forItem(item, current, StandardCredentials.class,
                CredentialsMatchers.instanceOf(FileCredentials.class));
    }

    /** What signing needs, carried to the agent as plain bytes and strings. */
    record Signing(byte[] pem, String credentialsId, String builderId, String version) implements Serializable {

        /** The signing of {@code credentialsId} for the build; empty when none is named. */
        static Optional<Signing> of(Run<?, ?> run, String credentialsId) throws IOException {
            if (credentialsId == null || credentialsId.isBlank()) {
                return Optional.empty();
            }
            String root = Jenkins.get().getRootUrl();
            String builder = root == null ? "jenkins:" + run.getExternalizableId() : root + run.getUrl();
            PluginWrapper plugin = Jenkins.get().getPluginManager().getPlugin("image-graph");
            String version = plugin == null ? "(unknown version)" : plugin.getVersion();
            return Optional.of(new Signing(content(run, credentialsId.strip(), "signingKeyCredentialsId"),
                    credentialsId.strip(), builder, version));
        }

        /** The engine's signing, on the agent. */
        StepSigning signing() throws AbortException {
            try {
                return new StepSigning(SigningKey.parse(pem, "the credentials '" + credentialsId + "'"), builderId,
                        version);
            } catch (KeyFileException e) {
                throw new AbortException("signingKeyCredentialsId: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "Signing[" + credentialsId + "]";
        }
    }

    /** A public key given as PEM bytes, parsed on the agent; {@code source} names where it came from. */
    static VerificationKey publicKey(byte[] pem, String source) throws AbortException {
        try {
            return VerificationKey.parse(pem, source);
        } catch (KeyFileException e) {
            throw new AbortException("requireProvenance: " + e.getMessage());
        }
    }
}
