package io.imagegraph.core.starlingx;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds a StarlingX tree's image build files as {@code build-stx-images.sh} does. Each
 * {@code <os>_<stream>_docker_images.inc} (and {@code <os>_<codename>_<stream>_docker_images.inc}
 * for the codename built) at the top of a repository — the root, or a repository checked out
 * beside others under it, not under {@code do-not-build/} — lists directories, one a line
 * ({@code #} starts a comment). In each directory the build files are the
 * {@code *.<stream>_docker_image} files of the first folder that exists of
 * {@code <os>/<codename>}, {@code <os>/all} and {@code <os>} — the last only with no codename or
 * {@code bullseye}, as the script has it: for another codename a directory with neither folder is
 * left out, with a warning. With no codename given, the one codename folder the listed directories
 * have is taken; several are an error that names them.
 */
public final class ImageBuildFiles {

    /** The builders StarlingX image build files name. */
    public static final List<String> BUILDERS = List.of("loci", "docker", "script");

    /** The codename whose build files may still sit in the flat {@code <os>/} folder. */
    private static final String FLAT_CODENAME = "bullseye";

    private ImageBuildFiles() {
    }

    /**
     * @param codename the OS codename to build ({@code bullseye}, {@code trixie}), or empty for the
     *                 only one the tree has (or none, where it has no codename folders)
     * @param problems receives errors, {@code warnings} what is left out and why
     */
    public static List<ImageBuildFile> discover(Path root, String os, String stream, Optional<String> codename,
                                                List<String> problems, List<String> warnings) throws IOException {
        String suffix = "_" + stream + "_docker_images.inc";
        List<Path> incFiles = new ArrayList<>();
        try (Stream<Path> candidates = Files.walk(root, 2)) {
            candidates.filter(path -> path.getFileName().toString().startsWith(os + "_")
                            && path.getFileName().toString().endsWith(suffix))
                    .filter(path -> !root.relativize(path).toString().startsWith("do-not-build"))
                    .sorted().forEach(incFiles::add);
        }
        if (incFiles.isEmpty()) {
            problems.add(root + ": no " + os + suffix + " at the top of the tree or of a repository under it; check"
                    + " starlingx.os and starlingx.stream");
            return List.of();
        }
        Map<Path, List<Listed>> listed = new LinkedHashMap<>();
        TreeSet<String> codenames = new TreeSet<>();
        for (Path inc : incFiles) {
            String name = inc.getFileName().toString();
            String incCodename = name.equals(os + suffix) ? null
                    : name.substring(os.length() + 1, name.length() - suffix.length());
            if (incCodename != null) {
                codenames.add(incCodename);
            }
            listed.put(inc, listedDirectories(root, inc, incCodename, os, stream, codenames, problems));
        }
        Optional<String> chosen = codename;
        if (chosen.isEmpty() && codenames.size() > 1) {
            problems.add(root + ": the listed directories have build files for the codenames "
                    + String.join(", ", codenames) + "; choose one with starlingx.codename in the graph file"
                    + " or --os-codename");
            return List.of();
        }
        if (chosen.isEmpty() && codenames.size() == 1) {
            chosen = Optional.of(codenames.first());
        }
        Map<String, ImageBuildFile> byLabel = new LinkedHashMap<>();
        for (List<Listed> entries : listed.values()) {
            for (Listed entry : entries) {
                if (entry.codename() != null && !Optional.of(entry.codename()).equals(chosen)) {
                    continue;
                }
                for (ImageBuildFile image : filesOf(entry, os, stream, chosen, problems, warnings)) {
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

    /** A directory an {@code .inc} file lists, with where, and the codename the file is for (if any). */
    private record Listed(Path dir, String entry, String at, String codename) {
    }

    private static List<Listed> listedDirectories(Path root, Path inc, String incCodename, String os, String stream,
                                                  TreeSet<String> codenames, List<String> problems) throws IOException {
        List<Listed> dirs = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<String> lines = Files.readAllLines(inc);
        for (int i = 0; i < lines.size(); i++) {
            String entry = lines.get(i).replaceFirst("#.*", "").strip();
            if (entry.isEmpty() || seen.contains(entry)) {
                continue;
            }
            seen.add(entry);
            Path dir = inc.getParent().resolve(entry).normalize();
            String at = inc + " line " + (i + 1);
            if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
                problems.add(at + ": '" + entry + "' is not a directory under " + root);
                continue;
            }
            Path osDir = dir.resolve(os);
            if (Files.isDirectory(osDir)) {
                try (DirectoryStream<Path> folders = Files.newDirectoryStream(osDir, Files::isDirectory)) {
                    for (Path folder : folders) {
                        String name = folder.getFileName().toString();
                        if (!name.equals("all") && !buildFiles(folder, stream).isEmpty()) {
                            codenames.add(name);
                        }
                    }
                }
            }
            dirs.add(new Listed(dir, entry, at, incCodename));
        }
        return dirs;
    }

    private static List<ImageBuildFile> filesOf(Listed entry, String os, String stream, Optional<String> codename,
                                                List<String> problems, List<String> warnings) throws IOException {
        Path osDir = entry.dir().resolve(os);
        List<String> tried = new ArrayList<>();
        codename.ifPresent(name -> tried.add(os + "/" + name));
        tried.add(os + "/all");
        Path folder = null;
        for (String candidate : tried) {
            if (Files.isDirectory(entry.dir().resolve(candidate))) {
                folder = entry.dir().resolve(candidate);
                break;
            }
        }
        if (folder == null) {
            if (codename.isPresent() && !codename.get().equals(FLAT_CODENAME)) {
                warnings.add(entry.at() + ": " + entry.entry() + " has no " + String.join(" or ", tried) + " folder, so"
                        + " it has no image for " + codename.get() + " (build-stx-images.sh reads its flat " + os
                        + "/ folder for " + FLAT_CODENAME + " only)");
                return List.of();
            }
            folder = osDir;
        }
        tried.add(os);
        List<Path> files = buildFiles(folder, stream);
        if (files.isEmpty()) {
            problems.add(entry.at() + ": " + entry.entry() + " has no *." + stream + "_docker_image file in "
                    + entry.dir().relativize(folder) + "/ (build-stx-images.sh reads the first folder that exists of "
                    + String.join(", ", tried) + ")");
        }
        List<ImageBuildFile> read = new ArrayList<>();
        for (Path file : files) {
            read.add(ImageBuildFileReader.read(file, problems));
        }
        return read;
    }

    private static List<Path> buildFiles(Path folder, String stream) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, "*." + stream + "_docker_image")) {
                found.forEach(files::add);
            }
        }
        files.sort(null);
        return files;
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
