package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Descriptor.FormException;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What the System page's Save refuses; the sentence is the engine's (RegistryText). */
@WithJenkins
class ConfigurationFormChecksTest {

    private static JSONObject registry(String url) {
        return new JSONObject().element("url", url).element("kind", "docker_v2").element("credentialsId", "");
    }

    @Test
    void aRegistryWithAPath_refusesTheSave_namingTheRegistryAndWhatToWrite(JenkinsRule jenkins) {
        JSONObject form = new JSONObject().element("registries", registry("https://quay.io/acme"));
        assertThatThrownBy(() -> ConfigurationFormChecks.refuseUnusable(form)).isInstanceOfSatisfying(FormException.class,
                e -> {
                    assertThat(e.getFormField()).isEqualTo("registries");
                    assertThat(e.getMessage()).startsWith("Registries: the registry 'https://quay.io/acme' cannot be"
                            + " used ('https://quay.io/acme' has a path;").contains("write it as host[:port]")
                            .endsWith("; the configuration is not saved");
                });
    }

    @Test
    void oneBadRegistryAmongGoodOnes_refusesTheSave(JenkinsRule jenkins) {
        JSONArray registries = new JSONArray();
        registries.add(registry("quay.io"));
        registries.add(registry("ftp://registry.lan"));
        JSONObject form = new JSONObject().element("registries", registries);
        assertThatThrownBy(() -> ConfigurationFormChecks.refuseUnusable(form)).isInstanceOf(FormException.class)
                .hasMessageContaining("'ftp://registry.lan' is not an http:// or https:// URL");
    }

    @Test
    void usableRegistries_andNone_areSaved(JenkinsRule jenkins) throws Exception {
        JSONArray registries = new JSONArray();
        registries.add(registry("quay.io"));
        registries.add(registry("http://registry.lan:5000"));
        ConfigurationFormChecks.refuseUnusable(new JSONObject().element("registries", registries));
        ConfigurationFormChecks.refuseUnusable(new JSONObject());
    }
}
