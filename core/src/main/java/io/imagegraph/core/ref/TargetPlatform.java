package io.imagegraph.core.ref;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A platform an image is built for, as {@code docker build --platform} and an OCI index name it:
 * {@code os/architecture[/variant]}, such as {@code linux/amd64} or {@code linux/arm/v7}.
 *
 * @param os           {@code linux}, {@code windows}, …
 * @param architecture the GOARCH name: {@code amd64}, {@code arm64}, {@code s390x}, …
 * @param variant      the CPU variant ({@code v7}), if any
 */
public record TargetPlatform(String os, String architecture, Optional<String> variant) {

    private static final Pattern PART = Pattern.compile("[a-z0-9_]+");

    public TargetPlatform {
        if (!PART.matcher(os).matches() || !PART.matcher(architecture).matches()
                || variant.isPresent() && !PART.matcher(variant.get()).matches()) {
            throw new IllegalArgumentException("'" + os + "/" + architecture + variant.map(v -> "/" + v).orElse("")
                    + "' is not a platform: expected OS/ARCH[/VARIANT] in lowercase, such as linux/arm64");
        }
    }

    /** Parses {@code os/architecture[/variant]}. */
    public static TargetPlatform parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "' is not a platform: expected OS/ARCH[/VARIANT], such as"
                    + " linux/amd64 or linux/arm/v7");
        }
        return new TargetPlatform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    /** Parses a comma-separated list ({@code linux/amd64,linux/arm64}), keeping the first of repeats. */
    public static List<TargetPlatform> parseList(String commaSeparated) {
        List<String> parts = new ArrayList<>();
        for (String part : commaSeparated.split(",", -1)) {
            parts.add(part);
        }
        return parseAll(parts);
    }

    /** Parses each platform, keeping the first of repeats. */
    public static List<TargetPlatform> parseAll(List<String> platforms) {
        LinkedHashSet<TargetPlatform> parsed = new LinkedHashSet<>();
        for (String platform : platforms) {
            parsed.add(parse(platform));
        }
        return List.copyOf(parsed);
    }

    /** For file and tag names: {@code linux-arm-v7}. */
    public String slug() {
        return toString().replace('/', '-');
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
