package io.imagegraph.core.dockerfile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a Dockerfile is built from: its stages and the images it needs, by BuildKit's rules. ARGs
 * declared before the first FROM are expanded with BuildKit's shell lexer, a build arg overriding
 * the default; an ARG without a default keeps the value it had (an earlier default, or one of the
 * automatic platform ARGs such as {@code TARGETARCH}). A FROM names an earlier stage when its
 * expanded name equals that stage's lower-cased {@code AS} name; {@code COPY --from} and
 * {@code RUN --mount from=} look stage names up ignoring case and take no variables; a stage used
 * before it is defined is an error. With a target stage, only the stages it needs count.
 *
 * <p>An expanded word may be at most {@link #WORD_LIMIT} characters and all expansions of one
 * Dockerfile together at most {@link #TOTAL_LIMIT}, so ARGs cannot grow until memory runs out.
 *
 * @param stages       the stages in order
 * @param dependencies the images needed (by the target's stages when a target is given), in order
 */
public record DockerfileDependencies(List<Stage> stages, List<ImageDependency> dependencies) {

    /** The most characters one ARG value, FROM or {@code --platform} may expand to: 1 MiB. */
    public static final int WORD_LIMIT = 1 << 20;
    /** The most characters all expansions of one Dockerfile may produce together: 16 MiB. */
    public static final int TOTAL_LIMIT = 16 << 20;

    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

    public DockerfileDependencies {
        stages = List.copyOf(stages);
        dependencies = List.copyOf(dependencies);
    }

    /** What one stage needs: images, and earlier stages by index. */
    private record StageNeeds(List<ImageDependency> images, List<Integer> stages) {
    }

    public static DockerfileDependencies of(ParsedDockerfile dockerfile, Map<String, String> buildArgs, String platform)
            throws DockerfileSyntaxException {
        return of(dockerfile, buildArgs, platform, Optional.empty());
    }

    public static DockerfileDependencies of(ParsedDockerfile dockerfile, Map<String, String> buildArgs, String platform,
                                            Optional<String> target) throws DockerfileSyntaxException {
        Expansion expansion = new Expansion(ShellLexer.expanding(dockerfile.escape(), WORD_LIMIT));
        Map<String, String> globalArgs = new HashMap<>(platformArgs(platform));
        List<Stage> stages = readStages(dockerfile, buildArgs, globalArgs, expansion);
        Map<String, Integer> stageByName = new HashMap<>();
        for (Stage stage : stages) {
            stage.name().ifPresent(name -> stageByName.putIfAbsent(name, stage.index()));
        }
        List<StageNeeds> needs = new ArrayList<>();
        int current = -1;
        for (Instruction instruction : dockerfile.instructions()) {
            if (instruction.keyword().equals("FROM")) {
                current++;
                Stage stage = stages.get(current);
                List<ImageDependency> images = new ArrayList<>();
                List<Integer> earlier = new ArrayList<>();
                Integer named = stageByName.get(stage.base());
                if (named != null && named < current) {
                    earlier.add(named);
                } else if (!stage.base().equals("scratch")) {
                    images.add(new ImageDependency(stage.base(), ImageDependency.Via.FROM, instruction.line()));
                }
                needs.add(new StageNeeds(images, earlier));
            } else if (current >= 0 && instruction.keyword().equals("COPY")) {
                List<String> from = instruction.flagValues("from");
                if (!from.isEmpty() && !from.get(0).isEmpty()) {
                    copyFrom(from.get(0), instruction, current, stages, stageByName, expansion, needs.get(current));
                }
            } else if (current >= 0 && instruction.keyword().equals("RUN")) {
                for (String mount : instruction.flagValues("mount")) {
                    Optional<String> from = RunMount.from(mount, instruction.line());
                    if (from.isPresent()) {
                        mountFrom(from.get(), instruction, current, stages, stageByName, needs.get(current));
                    }
                }
            }
        }
        return new DockerfileDependencies(stages, neededImages(needs, targetIndex(target, stages, stageByName)));
    }

    private static List<Stage> readStages(ParsedDockerfile dockerfile, Map<String, String> buildArgs,
                                          Map<String, String> globalArgs, Expansion expansion)
            throws DockerfileSyntaxException {
        List<Stage> stages = new ArrayList<>();
        for (Instruction instruction : dockerfile.instructions()) {
            String keyword = instruction.keyword();
            if (stages.isEmpty() && !keyword.equals("ARG") && !keyword.equals("FROM")) {
                throw new DockerfileSyntaxException(instruction.line(),
                        keyword + " comes before the first FROM; only ARG may stand there");
            }
            if (keyword.equals("ARG") && stages.isEmpty()) {
                declareGlobalArgs(instruction, buildArgs, globalArgs, expansion);
            } else if (keyword.equals("FROM")) {
                stages.add(readFrom(instruction, expansion, globalArgs, stages.size()));
            }
        }
        return stages;
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

    /** BuildKit's meta ARGs: a build arg wins; a default is expanded; no default keeps the value there was. */
    private static void declareGlobalArgs(Instruction instruction, Map<String, String> buildArgs,
                                          Map<String, String> globalArgs, Expansion expansion)
            throws DockerfileSyntaxException {
        for (String declaration : Words.split(instruction.args())) {
            int eq = declaration.indexOf('=');
            String name = eq < 0 ? declaration : declaration.substring(0, eq);
            if (name.isEmpty()) {
                throw new DockerfileSyntaxException(instruction.line(), "ARG names can not be blank");
            }
            if (buildArgs.containsKey(name)) {
                globalArgs.put(name, buildArgs.get(name));
            } else if (eq >= 0) {
                globalArgs.put(name, expansion.expand(declaration.substring(eq + 1), globalArgs, instruction.line(), "ARG " + Words.abbreviate(name)));
            }
        }
    }

    private static Stage readFrom(Instruction instruction, Expansion expansion, Map<String, String> args, int index)
            throws DockerfileSyntaxException {
        String platform = null;
        List<String> platforms = instruction.flagValues("platform");
        if (!platforms.isEmpty()) {
            platform = expansion.expand(platforms.get(0), args, instruction.line(), "FROM --platform");
            if (platform.isEmpty()) {
                throw new DockerfileSyntaxException(instruction.line(), "FROM --platform=" + platforms.get(0)
                        + " expands to nothing; give the ARG a default or pass it as a build arg");
            }
        }
        List<String> rest = List.of(instruction.operands().isEmpty() ? new String[0] : instruction.operands().split("\\s+"));
        if (rest.isEmpty()) {
            throw new DockerfileSyntaxException(instruction.line(), "FROM names no image");
        }
        String name = null;
        if (rest.size() == 3 && rest.get(1).equalsIgnoreCase("as")) {
            name = rest.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw new DockerfileSyntaxException(instruction.line(), "'" + Words.abbreviate(rest.get(2)) + "' is not a valid stage name:"
                        + " a stage name starts with a letter and has only letters, digits, '-', '_' and '.'"
                        + " (BuildKit does not expand variables in AS)");
            }
        } else if (rest.size() != 1) {
            throw new DockerfileSyntaxException(instruction.line(),
                    "FROM takes an image and an optional 'AS name', found '" + Words.abbreviate(instruction.operands()) + "'");
        }
        String base = expansion.expand(rest.get(0), args, instruction.line(), "FROM " + Words.abbreviate(rest.get(0)));
        if (base.isEmpty()) {
            throw new DockerfileSyntaxException(instruction.line(),
                    "FROM " + Words.abbreviate(rest.get(0)) + " expands to nothing; give the ARG a default or pass it as a build arg");
        }
        return new Stage(index, Optional.ofNullable(name), base, Optional.ofNullable(platform), instruction.line());
    }

    private static void copyFrom(String from, Instruction instruction, int current, List<Stage> stages,
                                 Map<String, Integer> stageByName, Expansion expansion, StageNeeds needs)
            throws DockerfileSyntaxException {
        if (!expansion.expand(from, Map.of(), instruction.line(), "COPY --from=" + Words.abbreviate(from)).equals(from)) {
            throw new DockerfileSyntaxException(instruction.line(), "COPY --from=" + Words.abbreviate(from) + ": BuildKit does not expand"
                    + " variables in --from; define a stage (ARG before FROM, then FROM ${…} AS name) and copy from it");
        }
        Integer stage;
        if (!from.isEmpty() && from.chars().allMatch(Character::isDigit)) {
            stage = parseIndex(from);
            if (stage >= stages.size()) {
                throw new DockerfileSyntaxException(instruction.line(), "COPY --from=" + from + " names stage " + from
                        + ", but the Dockerfile has stages 0 to " + (stages.size() - 1));
            }
        } else {
            stage = stageByName.get(from.toLowerCase(Locale.ROOT));
        }
        need(stage, new ImageDependency(from, ImageDependency.Via.COPY_FROM, instruction.line()), "COPY --from=",
                current, stages, needs);
    }

    /** The stage, when it is one defined earlier, else the image; a stage defined later is an error. */
    private static void need(Integer stage, ImageDependency image, String flag, int current, List<Stage> stages,
                             StageNeeds needs) throws DockerfileSyntaxException {
        if (stage == null) {
            if (!image.reference().equals("scratch")) {
                needs.images().add(image);
            }
        } else if (stage >= current) {
            throw new DockerfileSyntaxException(image.line(), flag + image.reference() + " names a stage that"
                    + " needs to be defined before the current stage (line " + stages.get(current).line() + ")");
        } else {
            needs.stages().add(stage);
        }
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static void mountFrom(String from, Instruction instruction, int current, List<Stage> stages,
                                  Map<String, Integer> stageByName, StageNeeds needs) throws DockerfileSyntaxException {
        need(stageByName.get(from.toLowerCase(Locale.ROOT)),
                new ImageDependency(from, ImageDependency.Via.RUN_MOUNT_FROM, instruction.line()), "RUN --mount from=",
                current, stages, needs);
    }

    private static Optional<Integer> targetIndex(Optional<String> target, List<Stage> stages,
                                                 Map<String, Integer> stageByName) throws DockerfileSyntaxException {
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Integer index = stageByName.get(target.get().toLowerCase(Locale.ROOT));
        if (index == null) {
            TreeSet<String> names = new TreeSet<>(stageByName.keySet());
            throw new DockerfileSyntaxException(0, "the target stage '" + target.get() + "' is not in the Dockerfile; "
                    + (names.isEmpty() ? "it names no stage (FROM … AS name)" : "its stages are " + String.join(", ", names)));
        }
        return Optional.of(index);
    }

    /** Images of every stage, or of the target and the stages it needs, in file order. */
    private static List<ImageDependency> neededImages(List<StageNeeds> needs, Optional<Integer> target) {
        boolean[] needed = new boolean[needs.size()];
        if (target.isEmpty()) {
            java.util.Arrays.fill(needed, true);
        } else {
            Deque<Integer> pending = new ArrayDeque<>(List.of(target.get()));
            while (!pending.isEmpty()) {
                int stage = pending.pop();
                if (!needed[stage]) {
                    needed[stage] = true;
                    pending.addAll(needs.get(stage).stages());
                }
            }
        }
        List<ImageDependency> images = new ArrayList<>();
        for (int i = 0; i < needs.size(); i++) {
            if (needed[i]) {
                images.addAll(needs.get(i).images());
            }
        }
        return images;
    }

    /** Expands words against a budget shared by the whole Dockerfile; refusals name the line. */
    private static final class Expansion {
        private final ShellLexer lexer;
        private long produced;

        Expansion(ShellLexer lexer) {
            this.lexer = lexer;
        }

        String expand(String word, Map<String, String> variables, int line, String what) throws DockerfileSyntaxException {
            String result;
            try {
                result = lexer.expand(word, variables);
            } catch (ExpansionException e) {
                throw new DockerfileSyntaxException(line, what + ": " + e.getMessage()
                        + (e.getMessage().startsWith("expands to more") ? "; an ARG value may be at most 1 MiB" : ""));
            }
            produced += result.length();
            if (produced > TOTAL_LIMIT) {
                throw new DockerfileSyntaxException(line, what + ": the Dockerfile's ARGs expand to more than "
                        + TOTAL_LIMIT + " characters in all; BuildKit would run out of memory long before a build");
            }
            return result;
        }
    }
}
