package io.imagegraph.core.kolla;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The functions Kolla's templates call ({@code kolla/template/methods.py}), for Jinjava:
 * {@code debian_package_install}, {@code handle_repos} and {@code raise_error}.
 */
public final class KollaMethods {

    private KollaMethods() {
    }

    /** apt-get install of the packages, and dpkg -i of those given as http(s) URLs of .deb files. */
    public static String debianPackageInstall(List<?> packages, Object... clean) {
        Object flag = clean.length == 0 ? null : clean[0];
        boolean cleanCache = flag == null || Boolean.TRUE.equals(flag) || "true".equalsIgnoreCase(flag.toString());
        List<String> commands = new ArrayList<>();
        List<String> regular = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (Object item : packages) {
            String name = String.valueOf(item);
            (name.startsWith("http") ? urls : regular).add(name);
        }
        if (!regular.isEmpty()) {
            commands.add("apt-get --error-on=any update");
            commands.add("apt-get -y install --no-install-recommends " + String.join(" ", regular));
            if (cleanCache) {
                commands.add("apt-get clean");
                commands.add("rm -rf /var/lib/apt/lists/*");
            }
        }
        for (String url : urls) {
            String file = url.substring(url.lastIndexOf('/') + 1);
            commands.addAll(List.of("curl --location " + url + " -o " + file, "dpkg -i " + file, "rm -rf " + file));
        }
        return String.join(" && ", commands);
    }

    /** The RUN instruction enabling or disabling the named repositories of repos.yaml, or nothing. */
    public static String handleRepos(List<?> names, String mode) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        KollaRepos repos = (KollaRepos) interpreter.getContext().get(KollaRepos.CONTEXT_KEY);
        List<String> repoNames = names.stream().map(String::valueOf).toList();
        return repos.commands(repoNames, mode, String.valueOf(interpreter.getContext().get("image_name")));
    }

    /** Fails the render with the template's message, as Kolla's raise_error does. */
    public static String raiseError(String message) {
        throw new KollaTemplateException(message);
    }

    /** A template's own raise_error. */
    public static final class KollaTemplateException extends RuntimeException {
        KollaTemplateException(String message) {
            super(message);
        }
    }

    static Map<String, String> names() {
        return Map.of("debian_package_install", "debianPackageInstall", "handle_repos", "handleRepos",
                "raise_error", "raiseError");
    }
}
