package io.jenkins.plugins.imagegraph;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.util.FormValidation;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerEndpoint;
import org.jenkinsci.plugins.docker.commons.credentials.KeyMaterial;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A build host that is a docker-commons Docker server endpoint: the server URL and the Docker
 * server credentials (client key, client certificate, server CA), as {@code withServer} takes
 * them. The only class that touches docker-commons; without that plugin its descriptor is left
 * out and the rest of the plugin works as before.
 */
public final class DockerServerBuildHost extends BuildHostSetting {

    private final DockerServerEndpoint server;

    @DataBoundConstructor
    public DockerServerBuildHost(String name, DockerServerEndpoint server, int slots) {
        super(name, slots);
        this.server = server;
    }

    public DockerServerEndpoint getServer() {
        return server;
    }

    @Override
    public HostLease lease(Run<?, ?> run, FilePath folder) throws IOException, InterruptedException {
        String uri = server == null ? null : server.getUri();
        if (uri == null || uri.isBlank()) {
            throw new IOException("build host " + getName() + " has no server URL: set it in Manage Jenkins > System"
                    + " > Image Graph > Build hosts");
        }
        DockerServerCredentials credentials = null;
        String credentialsId = server.getCredentialsId();
        if (credentialsId != null && !credentialsId.isBlank()) {
            credentials = CredentialsProvider.findCredentialById(credentialsId, DockerServerCredentials.class, run,
                    URIRequirementBuilder.fromUri(uri).build());
            if (credentials == null) {
                throw new IOException("build host " + getName() + ": no Docker server credentials with ID '"
                        + credentialsId + "' are visible to " + run.getParent().getFullName() + "; add them (client"
                        + " key, client certificate, server CA) or clear the host's credentials");
            }
            CredentialsProvider.track(run, credentials);
        }
        KeyMaterial material = server.newKeyMaterialFactory(folder, credentials).materialize();
        String url = material.env().get("DOCKER_HOST", uri);
        return new HostLease(getName(), url, getSlots(), material.env().get("DOCKER_CERT_PATH", ""), material);
    }

    @Extension(optional = true)
    @Symbol("dockerServer")
    public static final class DescriptorImpl extends Descriptor<BuildHostSetting> {

        @Override
        public String getDisplayName() {
            return "Docker server";
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return value == null || value.isBlank() ? FormValidation.error("name the host: it names it in the log"
                    + " and the report, and buildImageGraph's hosts selects it by name")
                    : check(value, "unix:///var/run/docker.sock");
        }

        @POST
        public FormValidation doCheckSlots(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                return Integer.parseInt(value.strip()) >= 1 ? FormValidation.ok()
                        : FormValidation.error("at least 1: how many images the host builds at once");
            } catch (NumberFormatException e) {
                return FormValidation.error("a whole number: how many images the host builds at once");
            }
        }
    }
}
