package io.imagegraph.core.starlingx;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds a StarlingX tree's image build files as its build does: each
 * {@code <os>_<stream>_docker_images.inc} at the top of a repository (the root, or a repository
 * checked out beside others under it) lists directories, one a line ({@code #} starts a comment);
 * each directory's {@code <os>/*.<stream>_docker_image} files are the images. Problems (a listed
 * directory that does not exist, a directory with no image file for this OS and stream, a LABEL
 * used twice, a file without LABEL or BUILDER, an unknown BUILDER) name the file and line.
 */
public final class ImageBuildFiles {

    /** The builders StarlingX image build files name. */
    public static final List<String> BUILDERS = List.of("loci", "docker", "script");

    private ImageBuildFiles() {
    }

    public static List<ImageBuildFile> discover(Path root, String os, String stream, List<String> problems)
            throws IOException {
        String incName = os + "_" + stream + "_docker_images.inc";
        List<Path> incFiles = new ArrayList<>();
        try (Stream<Path> candidates = Files.walk(root, 2)) {
            candidates.filter(path -> path.getFileName().toString().equals(incName)).sorted().forEach(incFiles::add);
        }
        if (incFiles.isEmpty()) {
            problems.add(root + ": no " + incName + " at the top of the tree or of a repository under it; check"
                    + " starlingx.os and starlingx.stream");
        }
        Map<String, ImageBuildFile> byLabel = new LinkedHashMap<>();
        for (Path inc : incFiles) {
            List<String> lines = Files.readAllLines(inc);
            for (int i = 0; i < lines.size(); i++) {
                String entry = lines.get(i).replaceFirst("#.*", "").strip();
                if (entry.isEmpty()) {
                    continue;
                }
                Path dir = inc.getParent().resolve(entry).normalize();
                String at = inc + " line " + (i + 1);
                if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
                    problems.add(at + ": '" + entry + "' is not a directory under " + root);
                    continue;
                }
                List<Path> files = new ArrayList<>();
                Path osDir = dir.resolve(os);
                if (Files.isDirectory(osDir)) {
                    try (DirectoryStream<Path> found = Files.newDirectoryStream(osDir, "*." + stream + "_docker_image")) {
                        found.forEach(files::add);
                    }
                }
                if (files.isEmpty()) {
                    problems.add(at + ": " + entry + " has no " + os + "/*." + stream + "_docker_image file");
                }
                files.sort(null);
                for (Path file : files) {
                    ImageBuildFile image = ImageBuildFileReader.read(file, problems);
                    if (!check(image, problems)) {
                        continue;
                    }
                    String label = image.value("LABEL").get();
                    ImageBuildFile first = byLabel.putIfAbsent(label, image);
                    if (first != null) {
                        problems.add(image.at("LABEL") + ": LABEL " + label + " is also defined by " + first.at("LABEL")
                                + "; labels name the images, so they must be unique");
                    }
                }
            }
        }
        return new ArrayList<>(byLabel.values());
    }

    private static boolean check(ImageBuildFile image, List<String> problems) {
        boolean good = true;
        if (image.value("LABEL").isEmpty()) {
            problems.add(image.file() + ": it sets no LABEL, which names the image");
            good = false;
        }
        if (image.value("BUILDER").isEmpty()) {
            problems.add(image.file() + ": it sets no BUILDER (" + String.join(", ", BUILDERS) + ")");
            good = false;
        } else if (!BUILDERS.contains(image.value("BUILDER").get())) {
            problems.add(image.at("BUILDER") + ": BUILDER " + image.value("BUILDER").get() + " is not one of "
                    + String.join(", ", BUILDERS));
            good = false;
        }
        return good;
    }
}
