package io.imagegraph.core.registry;

import io.imagegraph.core.files.WireName;
import java.util.Optional;

/**
 * What a configured registry is: any OCI Distribution (Docker Registry v2) registry, or Quay,
 * whose CI logins are robot accounts ({@code organization+robot} with a token).
 */
public enum RegistryKind implements WireName {
    /** The CNCF distribution registry, Harbor, Nexus, Artifactory, GitLab, ECR, ... */
    DOCKER_V2,
    /** quay.io or a Quay installation. */
    QUAY;

    /** A warning about the user name of this registry's credentials, when there is one. */
    public Optional<String> usernameWarning(String username) {
        if (this == QUAY && !username.contains("+")) {
            return Optional.of("'" + username + "' is not a Quay robot account (organization+robot): it works, but"
                    + " a person's login ties the builds to that person; create a robot with write access"
                    + " to the repositories instead");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id();
    }
}
