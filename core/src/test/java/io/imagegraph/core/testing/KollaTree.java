package io.imagegraph.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Kolla-style tree written from synthetic templates with Kolla's shapes: {@code docker/macros.j2},
 * {@code docker/base}, {@code docker/openstack-base}, {@code docker/keystone/keystone-base} and
 * {@code docker/keystone/keystone} ({@code FROM {{ namespace }}/{{ image_prefix }}<parent>:{{ tag }}},
 * {@code {% import "macros.j2" as macros with context %}}, {@code {{ macros.install_packages(… |
 * customizable("packages")) }}}, blocks inside {@code {% if %}}, lists with a trailing comma),
 * {@code common/users.py}, and a template override that appends a package and fills a footer block.
 * The base starts FROM a graph image {@code rootfs} (busybox on scratch), so the family builds
 * with no network: the synthetic {@code install_packages} records package names as files.
 */
public final class KollaTree {

    private final Path root;

    private KollaTree(Path root) {
        this.root = root;
    }

    public static KollaTree write(Path root) {
        KollaTree tree = new KollaTree(root);
        tree.file("imagegraph.yaml", """
                namespace: %s
                kolla:
                  base: debian
                  baseImage: rootfs
                  baseTag: "1"
                  tag: "2026.1"
                  templateOverrides: [overrides/template-overrides.j2]
                """.formatted("kolla" + Long.toHexString(System.nanoTime())));
        tree.file("images/rootfs/Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
        tree.file("docker/macros.j2", """
                {% macro install_packages(packages, chain=False) -%}
                {% if packages is defined and packages|length > 0 -%}
                    {% if not chain -%} RUN {% endif -%}
                    mkdir -p /packages && cd /packages && touch {{ packages | join(' ') }}
                {%- endif %}
                {%- endmacro %}

                {% macro configure_user(name) %}
                {%- if name not in users %}
                {{ raise_error("Failed to find configuration for '" + name + "' user.") }}
                {%- endif %}
                {% set user=users[name] %}
                RUN mkdir -p /var/lib/{{ name }} && echo "{{ name }}:x:{{ user.uid }}:{{ user.gid }}" >> /etc/passwd
                {% endmacro %}
                """);
        tree.file("common/users.py", """
                USERS = {
                    'kolla-user': {
                        'uid': 42400,
                        'gid': 42400,
                    },
                    'keystone-user': {
                        'uid': 42425,  # the keystone service
                        'gid': 42425,
                    },
                }
                """);
        tree.file("docker/base/Dockerfile.j2", """
                FROM {{ base_image }}:{{ base_distro_tag }}
                {% block labels %}
                LABEL maintainer="{{ maintainer }}" name="{{ image_name }}"
                {% endblock %}
                {% import "macros.j2" as macros with context %}
                {% block base_header %}{% endblock %}
                ENV KOLLA_BASE_DISTRO={{ base_distro }} KOLLA_BASE_ARCH={{ base_arch }}
                {% if base_package_type == 'deb' %}
                {% block base_deb_setup %}
                RUN echo '{{ supported_distro_name }}' > /etc/kolla-distro
                {% endblock %}
                {% endif %}
                {% set base_packages = [
                    'ca-certificates',
                    'curl',
                ] %}
                {{ macros.install_packages(base_packages | customizable("packages")) }}
                {% block base_footer %}{% endblock %}
                """);
        tree.file("docker/base/kolla_start", "#!/bin/sh\nexec \"$@\"\n");
        tree.file("docker/openstack-base/Dockerfile.j2", """
                FROM {{ namespace }}/{{ image_prefix }}base:{{ tag }}
                {% block labels %}
                LABEL maintainer="{{ maintainer }}" name="{{ image_name }}"
                {% endblock %}
                {% import "macros.j2" as macros with context %}
                {% block openstack_base_header %}{% endblock %}
                {% set openstack_base_packages = ['python3', 'git',] %}
                {{ macros.install_packages(openstack_base_packages | customizable("packages")) }}
                {% block openstack_base_footer %}{% endblock %}
                """);
        tree.file("docker/keystone/keystone-base/Dockerfile.j2", """
                FROM {{ namespace }}/{{ image_prefix }}openstack-base:{{ tag }}
                {% block labels %}
                LABEL maintainer="{{ maintainer }}" name="{{ image_name }}"
                {% endblock %}
                {% import "macros.j2" as macros with context %}
                {{ macros.configure_user(name='keystone') }}
                {% if base_package_type == 'deb' %}
                    {% set keystone_base_packages = [
                        'libldap-common',
                        'libsasl2-dev',
                    ] %}
                {% endif %}
                {{ macros.install_packages(keystone_base_packages | customizable("packages")) }}
                {% block keystone_base_footer %}{% endblock %}
                """);
        tree.file("docker/keystone/keystone/Dockerfile.j2", """
                FROM {{ namespace }}/{{ image_prefix }}keystone-base:{{ tag }}
                {% block labels %}
                LABEL maintainer="{{ maintainer }}" name="{{ image_name }}"
                {% endblock %}
                {% block keystone_header %}{% endblock %}
                COPY extend_start.sh /usr/local/bin/kolla_extend_start
                {% block keystone_footer %}{% endblock %}
                """);
        tree.file("docker/keystone/keystone/extend_start.sh", "#!/bin/sh\necho keystone\n");
        tree.file("overrides/template-overrides.j2", """
                {% extends parent_template %}

                {% set keystone_base_packages_append = ['vim-tiny'] %}
                {% set base_packages_remove = ['curl'] %}

                {% block keystone_footer %}
                RUN echo "overridden in {{ image_name }}" > /keystone-footer
                {% endblock %}

                {% block labels %}
                {{ super() }}
                LABEL org.example.team="cloud"
                {% endblock %}
                """);
        return tree;
    }

    public Path root() {
        return root;
    }

    public void file(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
