package io.imagegraph.cli;

import io.imagegraph.core.plan.ChangeSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the changed files come from, when only what changed should be built. */
final class ChangeOptions {

    @Option(names = "--changed-from", paramLabel = "REV",
            description = "Count as changed what `git diff --name-only REV...HEAD` lists (a pull request's diff).")
    String changedFrom;

    @Option(names = "--changed", paramLabel = "PATH",
            description = "A changed path, relative to the graph root (repeatable).")
    List<String> changed = new ArrayList<>();

    @Option(names = "--changed-file", paramLabel = "FILE",
            description = "Read changed paths from FILE, one a line ('-' for standard input).")
    Path changedFile;

    /** The revision to diff against, when the changes come from git. */
    Optional<String> changedFrom() throws BadInputException {
        int sources = (changedFrom != null ? 1 : 0) + (changed.isEmpty() ? 0 : 1) + (changedFile != null ? 1 : 0);
        if (sources > 1) {
            throw new BadInputException("give the changes one way: --changed-from, --changed or --changed-file");
        }
        return Optional.ofNullable(changedFrom);
    }

    /** The changed paths given as a list or in a file. */
    Optional<ChangeSet> changeList() throws BadInputException {
        if (changedFrom().isPresent() || (changed.isEmpty() && changedFile == null)) {
            return Optional.empty();
        }
        if (!changed.isEmpty()) {
            return Optional.of(new ChangeSet("--changed", changed));
        }
        try {
            String text = changedFile.toString().equals("-")
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(changedFile);
            return Optional.of(new ChangeSet(changedFile.toString().equals("-") ? "standard input" : changedFile.toString(),
                    Arrays.stream(text.split("\r?\n")).filter(line -> !line.isBlank()).toList()));
        } catch (NoSuchFileException e) {
            throw new BadInputException("--changed-file " + changedFile + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("--changed-file " + changedFile + " cannot be read: " + e.getMessage());
        }
    }
}
