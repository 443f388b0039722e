package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.misc.Util;
import org.junit.jupiter.api.Test;

/** The global configuration through Configuration as Code: read from YAML, and exported back the same. */
@WithJenkinsConfiguredWithCode
class ImageGraphConfigurationTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void configurationAsCode_setsEveryField_andExportsThemBack(JenkinsConfiguredWithCodeRule jenkins) throws Exception {
        ImageGraphConfiguration configuration = ImageGraphConfiguration.get();
        assertThat(configuration.getRegistries()).hasSize(2);
        RegistrySettings quay = configuration.getRegistries().get(0);
        assertThat(quay.getUrl()).isEqualTo("quay.io");
        assertThat(quay.getKind()).isEqualTo("quay");
        assertThat(quay.getCredentialsId()).isEqualTo("quay-robot");
        assertThat(configuration.getRegistries().get(1).setting().plainHttp()).isTrue();
        assertThat(configuration.getDefaultBuilder()).isEqualTo("buildah");
        assertThat(configuration.getSlots()).isEqualTo(4);
        assertThat(configuration.getLociContext()).isEqualTo("https://opendev.org/openstack/loci.git");
        assertThat(configuration.getTestTags()).isEqualTo("test");
        assertThat(configuration.getPromotionTags()).isEqualTo("latest stable");
        assertThat(configuration.getRetentionKeep()).isEqualTo(10);
        assertThat(configuration.retention().minAge()).contains("14d");
        assertThat(configuration.holds()).containsEntry("sha256:" + "a".repeat(64), "CVE-2026-0001 in the base");
        assertThat(configuration.webhook()).isPresent();
        assertThat(io.imagegraph.core.quota.ConfiguredQuotas.parse(configuration.getQuotas(), "x"))
                .singleElement().satisfies(quota -> assertThat(quota.tags()).hasValue(2000));
        assertThat(configuration.getBuildHosts()).singleElement().satisfies(host -> {
            assertThat(host.getName()).isEqualTo("a");
            assertThat(host.getSlots()).isEqualTo(4);
            assertThat(((DockerServerBuildHost) host).getServer().getUri()).isEqualTo("tcp://10.0.0.5:2376");
        });

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = Util.toYamlString(Util.getUnclassifiedRoot(context).get("imageGraph"));
        assertThat(exported).contains("url: \"quay.io\"").contains("kind: \"quay\"")
                .contains("reason: \"CVE-2026-0001 in the base\"").contains("namespace: quay.io/acme")
                .contains("uri: \"tcp://10.0.0.5:2376\"").contains("credentialsId: \"build-host-a\"")
                .doesNotContain("s3cret-webhook-token");
    }
}
