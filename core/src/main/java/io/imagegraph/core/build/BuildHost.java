package io.imagegraph.core.build;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Docker Engine that builds images of a run, as {@code --builder-host} and the graph file's
 * {@code hosts:} name it: {@code NAME=URL[,slots=N][,tls=DIR][,platforms=P+P]}. The URL is what {@code DOCKER_HOST}
 * takes ({@code unix://}, {@code tcp://}, {@code ssh://}); {@code tls=DIR} is a folder with docker's
 * {@code ca.pem}, {@code cert.pem} and {@code key.pem}, handed to docker as {@code DOCKER_CERT_PATH}
 * with {@code DOCKER_TLS_VERIFY=1}, so no key ever stands in a command line.
 * {@code platforms=linux/amd64+linux/arm64} says what the host builds for, instead of what its
 * Engine reports ({@link EnginePlatforms}).
 *
 * @param name     the host's name in events and the report
 * @param url      the Engine's endpoint
 * @param slots    how many images it builds at once
 * @param tls      the client certificate folder, for a {@code tcp://} Engine that wants TLS
 * @param platforms the platforms it builds for, as its definition declares them; empty: what its Engine reports
 */
public record BuildHost(String name, URI url, int slots, Optional<Path> tls,
                        List<io.imagegraph.core.ref.TargetPlatform> platforms) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public BuildHost {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the build host name '" + name + "' is not a name: use letters, digits,"
                    + " '.', '_' and '-'");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!scheme.equals("unix") && !scheme.equals("tcp") && !scheme.equals("ssh")) {
            throw new IllegalArgumentException("build host " + name + ": " + url + " is not a Docker Engine endpoint;"
                    + " use unix:///path/docker.sock, tcp://HOST:PORT or ssh://USER@HOST");
        }
        if (tls.isPresent() && !scheme.equals("tcp")) {
            throw new IllegalArgumentException("build host " + name + ": tls= applies to a tcp:// Engine, not " + url);
        }
        if (slots < 1) {
            throw new IllegalArgumentException("build host " + name + ": slots must be at least 1, not " + slots);
        }
        platforms = List.copyOf(platforms);
    }

    /** A host that builds for what its Engine reports. */
    public BuildHost(String name, URI url, int slots, Optional<Path> tls) {
        this(name, url, slots, tls, List.of());
    }

    /** {@code NAME=URL[,slots=N][,tls=DIR][,platforms=P+P]}; slots default to {@code defaultSlots}. */
    public static BuildHost parse(String spec, int defaultSlots) {
        int equals = spec.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException("'" + spec + "' is not NAME=URL[,slots=N][,tls=DIR]");
        }
        return parse(spec.substring(0, equals).strip(), spec.substring(equals + 1), defaultSlots);
    }

    /** A host named {@code name} from {@code URL[,slots=N][,tls=DIR]}, as a graph file's {@code hosts:} entry gives it. */
    public static BuildHost parse(String name, String value, int defaultSlots) {
        String[] parts = value.split(",");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            String key = equals < 0 ? parts[i].strip() : parts[i].substring(0, equals).strip();
            if (!key.equals("slots") && !key.equals("tls") && !key.equals("platforms") || equals < 0) {
                throw new IllegalArgumentException("build host " + name + ": '" + parts[i].strip() + "' is not"
                        + " slots=N, tls=DIR or platforms=OS/ARCH[+OS/ARCH...]");
            }
            options.put(key, parts[i].substring(equals + 1).strip());
        }
        int slots = defaultSlots;
        if (options.containsKey("slots")) {
            try {
                slots = Integer.parseInt(options.get("slots"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("build host " + name + ": slots=" + options.get("slots")
                        + " is not a number");
            }
        }
        URI url;
        try {
            url = new URI(parts[0].strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("build host " + name + ": " + parts[0].strip() + " is not a URL");
        }
        List<io.imagegraph.core.ref.TargetPlatform> platforms;
        try {
            platforms = options.containsKey("platforms") ? io.imagegraph.core.ref.TargetPlatform.parseAll(
                    List.of(options.get("platforms").split("\\+"))) : List.of();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("build host " + name + ": platforms=" + options.get("platforms")
                    + ": " + e.getMessage());
        }
        return new BuildHost(name, url, slots, Optional.ofNullable(options.get("tls")).map(Path::of), platforms);
    }

    /** What docker needs in its environment to reach this Engine: the endpoint, and the TLS folder when there is one. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DOCKER_HOST", url.toString());
        tls.ifPresent(folder -> {
            environment.put("DOCKER_CERT_PATH", folder.toString());
            environment.put("DOCKER_TLS_VERIFY", "1");
        });
        return environment;
    }

    @Override
    public String toString() {
        return name + "=" + url + ",slots=" + slots + tls.map(folder -> ",tls=" + folder).orElse("")
                + (platforms.isEmpty() ? "" : ",platforms=" + String.join("+", platforms.stream()
                .map(Object::toString).toList()));
    }
}
