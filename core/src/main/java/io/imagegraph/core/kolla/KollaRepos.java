package io.imagegraph.core.kolla;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Kolla's {@code handle_repos}: the logical repository names of {@code repos.yaml}
 * ({@code kolla/template/repos.yaml} beside the templates) turned into the commands that enable
 * or disable them — {@code echo … > /etc/apt/sources.list.d/<repo>.sources} for deb, {@code .repo}
 * files or {@code dnf config-manager} for rpm — for the distro, package type and architecture.
 */
final class KollaRepos {

    static final String CONTEXT_KEY = "__imagegraph_kolla_repos";

    private final Map<String, Map<String, Object>> repos;
    private final String packageType;
    private final String codename;

    private KollaRepos(Map<String, Map<String, Object>> repos, String packageType, String codename) {
        this.repos = repos;
        this.packageType = packageType;
        this.codename = codename;
    }

    @SuppressWarnings("unchecked")
    static KollaRepos read(Path reposYaml, KollaSettings settings) throws IOException {
        Map<String, Object> data = Map.of();
        if (Files.isRegularFile(reposYaml)) {
            try (Reader reader = Files.newBufferedReader(reposYaml)) {
                Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
                data = loaded instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            }
        }
        Map<String, Map<String, Object>> list = new LinkedHashMap<>();
        for (String section : List.of(settings.packageType(), settings.base(), settings.base() + "-" + settings.baseArch())) {
            Object repos = data.get(section);
            if (!(repos instanceof Map<?, ?> entries)) {
                continue;
            }
            entries.forEach((name, info) -> {
                Map<String, Object> repo = new LinkedHashMap<>(info instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
                Map<String, Object> merged = list.get(String.valueOf(name));
                if (merged != null) {
                    merged.putAll(repo);
                    if (merged.keySet().stream().anyMatch(List.of("baseurl", "metalink", "mirrorlist", "url")::contains)) {
                        merged.remove("distro");
                    }
                } else {
                    list.put(String.valueOf(name), repo);
                }
            });
        }
        return new KollaRepos(list, settings.packageType(), settings.openstackReleaseCodename().toLowerCase());
    }

    String commands(List<String> names, String mode, String image) {
        StringBuilder commands = new StringBuilder();
        for (int index = 0; index < names.size(); index++) {
            String name = names.get(index);
            Map<String, Object> repo = repos.get(name);
            if (repo == null) {
                throw new KollaMethods.KollaTemplateException("image " + image + " asks for the repository " + name
                        + ", which repos.yaml does not have for this distro");
            }
            boolean last = index == names.size() - 1;
            boolean distro = Boolean.TRUE.equals(repo.get("distro"));
            if (packageType.equals("rpm")) {
                rpm(commands, name, repo, mode, distro, last);
            } else if (mode.equals("enable") && !distro) {
                String key = text(repo, "gpg_key", name);
                String repoFile = "/etc/apt/sources.list.d/" + name + ".sources";
                commands.append("echo 'Uris: ").append(text(repo, "url", name)).append("' >").append(repoFile)
                        .append(" && echo 'Components: ").append(text(repo, "component", name)).append("' >>")
                        .append(repoFile).append(" && echo 'Types: deb' >>").append(repoFile)
                        .append(" && echo 'Suites: ").append(text(repo, "suite", name)
                                .replace("{openstack_release_codename}", codename)).append("' >>").append(repoFile)
                        .append(" && echo 'Signed-By: ").append(key.startsWith("/") ? key : "/etc/kolla/apt-keys/" + key)
                        .append("' >>").append(repoFile);
                if (Boolean.TRUE.equals(repo.get("trusted"))) {
                    commands.append(" && echo 'Trusted: yes' >>").append(repoFile);
                }
                if (repo.containsKey("arch")) {
                    commands.append(" && echo 'Architectures: ").append(repo.get("arch")).append("' >>").append(repoFile);
                }
                if (!last) {
                    commands.append(" && ");
                }
            }
        }
        return commands.length() == 0 ? "" : "RUN " + commands;
    }

    private static void rpm(StringBuilder commands, String name, Map<String, Object> repo, String mode, boolean distro,
                            boolean last) {
        String repoName = text(repo, "name", name);
        String file = "/etc/yum.repos.d/" + name + ".repo";
        if (mode.equals("enable")) {
            if (!distro) {
                commands.append("grep -rlF '[").append(repoName).append("]' /etc/yum.repos.d/ 2>/dev/null | xargs -r rm -f")
                        .append(" && echo '[").append(repoName).append("]' >").append(file)
                        .append(" && echo 'name=").append(repoName).append("' >>").append(file)
                        .append(" && echo 'enabled=1' >>").append(file);
                if (repo.get("gpgcheck") != null) {
                    commands.append(" && echo 'gpgcheck=").append(repo.get("gpgcheck")).append("' >>").append(file);
                }
                if (repo.get("repo_gpgcheck") != null) {
                    commands.append(" && echo 'repo_gpgcheck=").append(repo.get("repo_gpgcheck")).append("' >>")
                            .append(file);
                }
                List<String> keys = text(repo, "gpgkey", name).lines().toList();
                for (int i = 0; i < keys.size(); i++) {
                    commands.append(i == 0 ? " && echo 'gpgkey=" : " && echo '       ").append(keys.get(i)).append("' >>")
                            .append(file);
                }
                if (repo.containsKey("baseurl")) {
                    String.valueOf(repo.get("baseurl")).lines().forEach(url ->
                            commands.append(" && echo 'baseurl=").append(url).append("' >>").append(file));
                } else if (repo.containsKey("metalink")) {
                    commands.append(" && echo 'metalink=").append(repo.get("metalink")).append("' >>").append(file);
                } else if (repo.containsKey("mirrorlist")) {
                    commands.append(" && echo 'mirrorlist=").append(repo.get("mirrorlist")).append("' >>").append(file);
                } else {
                    throw new KollaMethods.KollaTemplateException("Repository '" + name + "' has no baseurl, metalink,"
                            + " or mirrorlist");
                }
            } else {
                commands.append("dnf config-manager --enable ").append(repoName).append(" || true");
            }
            if (!last) {
                commands.append(" && ");
            }
        } else if (mode.equals("disable") && distro) {
            commands.append("dnf config-manager --disable ").append(repoName).append(" || true");
        }
    }

    private static String text(Map<String, Object> repo, String key, String name) {
        Object value = repo.get(key);
        if (value == null) {
            throw new KollaMethods.KollaTemplateException("Repository '" + name + "' has no " + key + " in repos.yaml");
        }
        return String.valueOf(value);
    }
}
