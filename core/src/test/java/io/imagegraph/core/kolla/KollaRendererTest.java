package io.imagegraph.core.kolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KollaRendererTest {

    @TempDir
    Path docker;

    private String render(String template, List<Path> overrides, Map<String, Object> variables) throws Exception {
        Path dir = Files.createDirectories(docker.resolve("svc/svc-api"));
        Files.writeString(dir.resolve(KollaTemplates.TEMPLATE), template);
        KollaSettings settings = new KollaSettings(null, "debian", null, null, null, "kolla", null, null, null, "Flamingo",
                null, null, Map.of("svc", new KollaSettings.KollaUser(42999, 42999, null)), variables);
        return KollaRenderer.of(docker, settings, overrides, docker.resolve("none.py"), docker.resolve("repos.yaml"))
                .render(dir);
    }

    private String render(String template) throws Exception {
        return render(template, List.of(), Map.of());
    }

    @Test
    void render_kollasVariables_withItsDefaults() throws Exception {
        assertThat(render("{{ namespace }}/{{ image_prefix }}{{ image_name }}:{{ tag }} {{ base_image }}:"
                + "{{ base_distro_tag }} {{ base_package_type }} {{ distro_package_manager }} {{ openstack_branch }}"
                + " {{ users.svc.uid }}:{{ users.svc.group }}\n")).isEqualTo("kolla/svc-api:master-debian-trixie"
                + " debian:trixie deb apt master 42999:svc");
    }

    @Test
    void render_blocksInsideIfsAndBlocks_renderInPlace() throws Exception {
        assertThat(render("{% if true %}{% block a %}A{% block b %}B{% endblock %}{% endblock %}{% endif %}"
                + "{% if false %}{% block c %}C{% endblock %}{% endif %}")).isEqualTo("AB");
    }

    @Test
    void render_customizableFilter_appendsRemovesAndOverrides() throws Exception {
        String template = "{{ ['a', 'b',] | customizable('packages') | join(' ') }}";
        assertThat(render(template, List.of(), Map.of("svc_api_packages_append", List.of("c"),
                "svc_api_packages_remove", List.of("a")))).isEqualTo("b c");
        assertThat(render(template, List.of(), Map.of("svc_api_packages_override", List.of("z")))).isEqualTo("z");
    }

    @Test
    void render_pythonFormsKollaUses_listRepetitionAndSpreadFormat() throws Exception {
        assertThat(render("{% set p = ['x', 'y'] %}{{ (['install %s'] * p | length ) | join(' && ') | format(*p) }}"))
                .isEqualTo("install x && install y");
    }

    @Test
    void render_debianPackageInstall_asKollasMethod() throws Exception {
        assertThat(render("{{ debian_package_install(['vim', 'https://example.org/x.deb']) }}")).isEqualTo(
                "apt-get --error-on=any update && apt-get -y install --no-install-recommends vim && apt-get clean"
                        + " && rm -rf /var/lib/apt/lists/* && curl --location https://example.org/x.deb -o x.deb"
                        + " && dpkg -i x.deb && rm -rf x.deb");
    }

    @Test
    void render_handleRepos_writesAptSourcesFromReposYaml() throws Exception {
        Files.writeString(docker.resolve("repos.yaml"), "debian:\n  debian:\n    distro: True\n  extra:\n"
                + "    url: https://example.org/apt\n    suite: '{openstack_release_codename}'\n    component: main\n"
                + "    gpg_key: extra.asc\n");
        assertThat(render("{{ handle_repos(['debian', 'extra'], 'enable') }}")).isEqualTo(
                "RUN echo 'Uris: https://example.org/apt' >/etc/apt/sources.list.d/extra.sources && echo 'Components:"
                        + " main' >>/etc/apt/sources.list.d/extra.sources && echo 'Types: deb' >>/etc/apt/sources.list.d/"
                        + "extra.sources && echo 'Suites: flamingo' >>/etc/apt/sources.list.d/extra.sources && echo"
                        + " 'Signed-By: /etc/kolla/apt-keys/extra.asc' >>/etc/apt/sources.list.d/extra.sources");
    }

    @Test
    void render_templateOverride_extendsTheImagesTemplate() throws Exception {
        Path override = Files.writeString(docker.resolve("override.j2"), "{% extends parent_template %}\n"
                + "{% set svc_api_packages_append = ['extra'] %}\n{% block footer %}{{ super() }}+over{% endblock %}\n");
        assertThat(render("{{ ['a'] | customizable('packages') | join(' ') }} {% block footer %}own{% endblock %}",
                List.of(override), Map.of())).isEqualTo("a extra own+over");
    }

    @Test
    void render_raiseError_failsWithTheTemplatesMessageAndLine() {
        assertThatThrownBy(() -> render("FROM x\n{{ raise_error('no such user') }}\n"))
                .isInstanceOf(KollaRenderer.KollaRenderException.class)
                .hasMessageContaining("svc/svc-api/Dockerfile.j2 line 2").hasMessageContaining("no such user");
    }
}
