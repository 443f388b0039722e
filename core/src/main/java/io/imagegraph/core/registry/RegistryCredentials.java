package io.imagegraph.core.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password (or token) for one registry. A Quay robot account is a user name
 * {@code org+name} with the robot's token as the password; see {@link #quayRobot}.
 *
 * @param username who logs in
 * @param password the password or token; prints as {@code ****}
 */
public record RegistryCredentials(String username, Secret password) {

    public RegistryCredentials {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("registry credentials need a user name");
        }
    }

    public static RegistryCredentials of(String username, String password) {
        return new RegistryCredentials(username, Secret.of(password));
    }

    /**
     * A Quay robot account: {@code org+name} and its token. A robot name without the {@code +} is
     * refused here, because Quay would answer with a bare 401 that says nothing of why.
     */
    public static RegistryCredentials quayRobot(String robot, String token) {
        int plus = robot.indexOf('+');
        if (plus <= 0 || plus == robot.length() - 1) {
            throw new IllegalArgumentException("'" + robot + "' is not a Quay robot account name: write it as"
                    + " organisation+robot, as Quay shows it on the robot's page");
        }
        return of(robot, token);
    }

    /** The value of a {@code Basic} Authorization header. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
    }
}
