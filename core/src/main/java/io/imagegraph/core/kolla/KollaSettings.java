package io.imagegraph.core.kolla;

import java.util.List;
import java.util.Map;

/**
 * What {@code kolla-build} is told, for rendering Kolla's {@code Dockerfile.j2} templates, with
 * Kolla's own defaults for what is not given. Paths are relative to the graph root.
 *
 * @param docker                   the folder of Kolla's templates ({@code docker/<name>/Dockerfile.j2}
 *                                 and {@code macros.j2}); default {@code docker}
 * @param base                     {@code --base}: centos, debian, rocky (Kolla's default) or ubuntu
 * @param baseImage                {@code --base-image}; default the distro's image (debian, quay.io/rockylinux/rockylinux, …)
 * @param baseTag                  {@code --base-tag}; default the distro's tag (trixie, 10, …)
 * @param baseArch                 {@code --base-arch}: x86_64 (default) or aarch64
 * @param namespace                {@code --namespace}; default {@code kolla}
 * @param tag                      {@code --tag}; default {@code <openstackRelease>-<base>-<baseTag>}, as Kolla
 * @param imagePrefix              {@code --image-name-prefix}; default empty
 * @param openstackRelease         {@code --openstack-release}; default {@code master}
 * @param openstackReleaseCodename {@code --openstack-release-codename}
 * @param maintainer               {@code --maintainer}
 * @param templateOverrides        {@code --template-override} files, merged in order as Kolla merges them
 * @param users                    users ({@code name: {uid, gid, group}}) over those of Kolla's
 *                                 {@code kolla/common/users.py} beside the templates
 * @param variables                further template variables (such as {@code install_type})
 */
public record KollaSettings(String docker, String base, String baseImage, String baseTag, String baseArch,
                            String namespace, String tag, String imagePrefix, String openstackRelease,
                            String openstackReleaseCodename, String maintainer, List<String> templateOverrides,
                            Map<String, KollaUser> users, Map<String, Object> variables) {

    /** Kolla's DEFAULT_BASE_TAGS and DISTRO_PRETTY_NAME, by distro. */
    static final Map<String, List<String>> DISTROS = Map.of(
            "centos", List.of("quay.io/centos/centos", "stream10", "CentOS Stream 10", "rpm", "dnf"),
            "debian", List.of("debian", "trixie", "Debian GNU/Linux 13 (trixie)", "deb", "apt"),
            "rocky", List.of("quay.io/rockylinux/rockylinux", "10", "Rocky Linux 10.* (Red Quartz)", "rpm", "dnf"),
            "ubuntu", List.of("ubuntu", "24.04", "Ubuntu 24.04.* LTS", "deb", "apt"));

    public KollaSettings {
        docker = docker == null ? "docker" : docker;
        base = base == null ? "rocky" : base;
        if (!DISTROS.containsKey(base)) {
            throw new IllegalArgumentException("kolla.base '" + base + "' is not one of Kolla's distros: centos,"
                    + " debian, rocky, ubuntu");
        }
        baseArch = baseArch == null ? "x86_64" : baseArch;
        if (!baseArch.equals("x86_64") && !baseArch.equals("aarch64")) {
            throw new IllegalArgumentException("kolla.baseArch '" + baseArch + "' is not x86_64 or aarch64");
        }
        baseImage = baseImage == null ? DISTROS.get(base).get(0) : baseImage;
        baseTag = baseTag == null ? DISTROS.get(base).get(1) : baseTag;
        namespace = namespace == null ? "kolla" : namespace;
        openstackRelease = openstackRelease == null ? "master" : openstackRelease;
        openstackReleaseCodename = openstackReleaseCodename == null ? "" : openstackReleaseCodename;
        tag = tag == null ? openstackRelease + "-" + base + "-" + baseTag : tag;
        imagePrefix = imagePrefix == null ? "" : imagePrefix;
        maintainer = maintainer == null ? "Kolla Project (https://launchpad.net/kolla)" : maintainer;
        templateOverrides = templateOverrides == null ? List.of() : List.copyOf(templateOverrides);
        users = users == null ? Map.of() : Map.copyOf(users);
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(variables));
    }

    /** One Kolla user: {@code users[name].uid} and friends in the templates. */
    public record KollaUser(Integer uid, Integer gid, String group) {
    }

    String packageType() {
        return DISTROS.get(base).get(3);
    }

    String packageManager() {
        return DISTROS.get(base).get(4);
    }

    String prettyName() {
        return DISTROS.get(base).get(2);
    }

    String debianArch() {
        return baseArch.equals("aarch64") ? "arm64" : "amd64";
    }
}
