package io.imagegraph.core.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a Dockerfile is built from: its stages and the images it needs. ARGs declared before the
 * first FROM are expanded with their defaults, overridden by build args; BuildKit's automatic
 * platform ARGs ({@code TARGETARCH} and friends) are set for the target platform. A FROM or
 * {@code --from} that names an earlier stage is not an image; {@code scratch} is no image at all.
 *
 * @param stages       the stages in order
 * @param dependencies the images needed, in the order they appear
 */
public record DockerfileDependencies(List<Stage> stages, List<ImageDependency> dependencies) {

    public DockerfileDependencies {
        stages = List.copyOf(stages);
        dependencies = List.copyOf(dependencies);
    }

    public static DockerfileDependencies of(ParsedDockerfile dockerfile, Map<String, String> buildArgs, String platform)
            throws DockerfileSyntaxException {
        VariableExpander expander = new VariableExpander(dockerfile.escape());
        Map<String, String> globalArgs = new HashMap<>(platformArgs(platform));
        List<Stage> stages = new ArrayList<>();
        Set<String> stageNames = new HashSet<>();
        List<ImageDependency> dependencies = new ArrayList<>();
        Map<String, String> stageArgs = globalArgs;
        for (Instruction instruction : dockerfile.instructions()) {
            if (stages.isEmpty() && !instruction.keyword().equals("ARG") && !instruction.keyword().equals("FROM")) {
                throw new DockerfileSyntaxException(instruction.line(),
                        instruction.keyword() + " comes before the first FROM; only ARG may stand there");
            }
            switch (instruction.keyword()) {
                case "ARG" -> {
                    boolean global = stages.isEmpty();
                    declareArgs(instruction, expander, buildArgs, global ? globalArgs : stageArgs, globalArgs, global);
                }
                case "FROM" -> {
                    Stage stage = readFrom(instruction, expander, globalArgs, stages.size());
                    if (!stageNames.contains(stage.base().toLowerCase(Locale.ROOT)) && !stage.base().equals("scratch")) {
                        dependencies.add(new ImageDependency(stage.base(), ImageDependency.Via.FROM, instruction.line()));
                    }
                    stage.name().ifPresent(stageNames::add);
                    stages.add(stage);
                    stageArgs = new HashMap<>(platformArgs(platform));
                }
                case "COPY" -> flag(instruction, "from", expander, stageArgs)
                        .filter(from -> isImage(from, stageNames))
                        .ifPresent(from -> dependencies.add(
                                new ImageDependency(from, ImageDependency.Via.COPY_FROM, instruction.line())));
                case "RUN" -> {
                    for (String mount : flags(instruction, "mount")) {
                        mountSource(expander.expand(mount, stageArgs))
                                .filter(from -> isImage(from, stageNames))
                                .ifPresent(from -> dependencies.add(
                                        new ImageDependency(from, ImageDependency.Via.RUN_MOUNT_FROM, instruction.line())));
                    }
                }
                default -> {
                    // other instructions name no image
                }
            }
        }
        return new DockerfileDependencies(stages, dependencies);
    }

    private static Map<String, String> platformArgs(String platform) {
        String[] parts = platform.split("/");
        Map<String, String> args = new LinkedHashMap<>();
        args.put("TARGETPLATFORM", platform);
        args.put("TARGETOS", parts[0]);
        args.put("TARGETARCH", parts.length > 1 ? parts[1] : "");
        args.put("TARGETVARIANT", parts.length > 2 ? parts[2] : "");
        args.put("BUILDPLATFORM", platform);
        args.put("BUILDOS", parts[0]);
        args.put("BUILDARCH", parts.length > 1 ? parts[1] : "");
        args.put("BUILDVARIANT", parts.length > 2 ? parts[2] : "");
        return args;
    }

    private static void declareArgs(Instruction instruction, VariableExpander expander, Map<String, String> buildArgs,
                                    Map<String, String> scope, Map<String, String> globalArgs, boolean global) {
        for (String declaration : Words.split(instruction.args())) {
            int eq = declaration.indexOf('=');
            String name = eq < 0 ? declaration : declaration.substring(0, eq);
            String value;
            if (buildArgs.containsKey(name)) {
                value = buildArgs.get(name);
            } else if (eq >= 0) {
                value = expander.expand(declaration.substring(eq + 1), scope);
            } else if (!global && globalArgs.containsKey(name)) {
                value = globalArgs.get(name);
            } else {
                value = "";
            }
            scope.put(name, value);
        }
    }

    private static Stage readFrom(Instruction instruction, VariableExpander expander, Map<String, String> args, int index)
            throws DockerfileSyntaxException {
        List<String> words = Words.split(instruction.args());
        String platform = null;
        int i = 0;
        while (i < words.size() && words.get(i).startsWith("--")) {
            String word = words.get(i++);
            if (word.startsWith("--platform=")) {
                platform = expander.expand(word.substring("--platform=".length()), args);
            }
        }
        List<String> rest = words.subList(i, words.size());
        if (rest.isEmpty()) {
            throw new DockerfileSyntaxException(instruction.line(), "FROM names no image");
        }
        String name = null;
        if (rest.size() == 3 && rest.get(1).equalsIgnoreCase("as")) {
            name = rest.get(2).toLowerCase(Locale.ROOT);
        } else if (rest.size() != 1) {
            throw new DockerfileSyntaxException(instruction.line(),
                    "FROM takes an image and an optional 'AS name', found '" + instruction.args() + "'");
        }
        String base = expander.expand(rest.get(0), args);
        if (base.isEmpty()) {
            throw new DockerfileSyntaxException(instruction.line(),
                    "FROM " + rest.get(0) + " expands to nothing; give the ARG a default or pass it as a build arg");
        }
        return new Stage(index, Optional.ofNullable(name), base, Optional.ofNullable(platform), instruction.line());
    }

    private static Optional<String> flag(Instruction instruction, String flag, VariableExpander expander,
                                         Map<String, String> args) {
        List<String> values = flags(instruction, flag);
        return values.isEmpty() ? Optional.empty() : Optional.of(expander.expand(values.get(values.size() - 1), args));
    }

    /** Values of a repeated {@code --flag=value} among the leading flags of an instruction. */
    private static List<String> flags(Instruction instruction, String flag) {
        List<String> values = new ArrayList<>();
        String prefix = "--" + flag + "=";
        for (String word : Words.split(instruction.args())) {
            if (!word.startsWith("--")) {
                break;
            }
            if (word.startsWith(prefix)) {
                values.add(word.substring(prefix.length()));
            }
        }
        return values;
    }

    private static Optional<String> mountSource(String mount) {
        for (String field : mount.split(",")) {
            int eq = field.indexOf('=');
            if (eq > 0 && field.substring(0, eq).strip().equals("from")) {
                return Optional.of(field.substring(eq + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static boolean isImage(String from, Set<String> stageNames) {
        if (stageNames.contains(from.toLowerCase(Locale.ROOT))) {
            return false;
        }
        boolean stageIndex = !from.isEmpty() && from.chars().allMatch(Character::isDigit);
        return !stageIndex && !from.equals("scratch");
    }
}
