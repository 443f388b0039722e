package io.imagegraph.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folder to give docker as {@code DOCKER_CONFIG} for a {@code --registry-config FILE}: docker
 * reads only {@code $DOCKER_CONFIG/config.json}, so a FILE named otherwise gets a private folder
 * (removed when the JVM exits) whose {@code config.json} is a link to FILE, and docker reads the
 * same credentials as image-graph's own registry client.
 */
final class DockerConfigFolder {

    private static final String NAME = "config.json";

    private DockerConfigFolder() {
    }

    static Path of(Path file) {
        Path absolute = file.toAbsolutePath();
        if (absolute.getFileName().toString().equals(NAME)) {
            return absolute.getParent();
        }
        try {
            Path folder = Files.createTempDirectory("imagegraph-docker-config-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            folder.toFile().deleteOnExit();
            Path link = Files.createSymbolicLink(folder.resolve(NAME), absolute);
            link.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a docker configuration folder for " + file, e);
        }
    }
}
