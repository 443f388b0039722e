package io.imagegraph.core.kolla;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.loader.ResourceLocator;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Kolla's {@code Dockerfile.j2} templates as {@code kolla-build} does
 * ({@code kolla_worker.create_dockerfiles}), with Jinjava: Kolla's variables, its
 * {@code customizable} filter and its methods, templates and {@code macros.j2} loaded from the
 * templates folder, and the template-override files merged into one template that
 * {@code {% extends parent_template %}} (the image's own). Jinjava's expressions do not take a
 * comma before a closing bracket, which Kolla's lists have ({@code ['a', 'b',]}): such commas
 * inside {@code {% … %}} and {@code {{ … }}} are dropped as the templates are read, and
 * {@code format(*list)} is read as {@code format(list)} ({@link SpreadFormatFilter}) and
 * {@code ([…] * n)} as a filter ({@link ListRepeatFilter}).
 */
public final class KollaRenderer {

    private static final Pattern TAG = Pattern.compile("\\{%.*?%}|\\{\\{.*?}}", Pattern.DOTALL);
    private static final Pattern TRAILING_COMMA = Pattern.compile(",(\\s*)([\\])}])");
    private static final Pattern SPREAD = Pattern.compile("\\bformat\\(\\s*\\*\\s*");
    private static final Pattern REPEAT = Pattern.compile("\\(\\s*(\\[[^\\]]*])\\s*\\*\\s*([^()]+?)\\s*\\)");
    private static final String OVERRIDE = "__imagegraph_template_override__";

    private final Path docker;
    private final KollaSettings settings;
    private final Map<String, Object> values;
    private final Optional<String> override;
    private final Jinjava jinjava;

    private KollaRenderer(Path docker, KollaSettings settings, Map<String, Object> values, Optional<String> override) {
        this.docker = docker;
        this.settings = settings;
        this.values = values;
        this.override = override;
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().build());
        jinjava.setResourceLocator(new TemplateFiles());
        jinjava.getGlobalContext().registerFilter(new CustomizableFilter());
        jinjava.getGlobalContext().registerTag(new KollaBlockTag());
        jinjava.getGlobalContext().registerFilter(new SpreadFormatFilter());
        jinjava.getGlobalContext().registerFilter(new ListRepeatFilter());
        KollaMethods.names().forEach((name, method) -> jinjava.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", name, KollaMethods.class, method, parameters(method))));
    }

    private static Class<?>[] parameters(String method) {
        return switch (method) {
            case "debianPackageInstall" -> new Class<?>[] {List.class, Object[].class};
            case "handleRepos" -> new Class<?>[] {List.class, String.class};
            default -> new Class<?>[] {String.class};
        };
    }

    /**
     * @param docker    the templates folder
     * @param overrides the template-override files, in order
     * @param users     Kolla's users.py (it may be absent)
     * @param reposYaml Kolla's repos.yaml (it may be absent)
     */
    public static KollaRenderer of(Path docker, KollaSettings settings, List<Path> overrides, Path users, Path reposYaml)
            throws IOException {
        Map<String, Object> values = new HashMap<>(settings.variables());
        values.put("base_distro", settings.base());
        values.put("base_image", settings.baseImage());
        values.put("base_distro_tag", settings.baseTag());
        values.put("base_arch", settings.baseArch());
        values.put("debian_arch", settings.debianArch());
        values.put("repos_yaml", "");
        values.put("use_dumb_init", true);
        values.put("base_package_type", settings.packageType());
        values.put("docker_healthchecks", true);
        values.put("supported_distro_name", settings.prettyName());
        values.put("image_prefix", settings.imagePrefix());
        values.put("namespace", settings.namespace());
        values.put("openstack_release", settings.openstackRelease());
        values.put("openstack_release_codename", settings.openstackReleaseCodename());
        String branch = (settings.openstackRelease().equals("master") ? "" : "stable-") + settings.openstackRelease();
        values.put("openstack_branch", branch);
        values.put("openstack_branch_slashed", branch.replace('-', '/'));
        values.put("tag", settings.tag());
        values.put("maintainer", settings.maintainer());
        values.putIfAbsent("kolla_version", "");
        values.putIfAbsent("build_date", "");
        values.put("users", KollaUsers.of(users, settings.users()));
        values.put("distro_package_manager", settings.packageManager());
        values.put("rpm_setup", List.of());
        values.put("clean_package_cache", true);
        values.put("patches_path", "");
        // Kolla passes the build's environment; a digest must not depend on the machine, so none.
        values.putIfAbsent("env", Map.of());
        values.put(KollaRepos.CONTEXT_KEY, KollaRepos.read(reposYaml, settings));
        return new KollaRenderer(docker, settings, values, merged(overrides));
    }

    /** Kolla's _merge_overrides: the first file, then the others without their extends line. */
    private static Optional<String> merged(List<Path> overrides) throws IOException {
        if (overrides.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < overrides.size(); i++) {
            String content;
            try {
                content = Files.readString(overrides.get(i));
            } catch (NoSuchFileException e) {
                throw new IOException("the template override " + overrides.get(i) + " does not exist");
            }
            text.append(i == 0 ? content : content.replaceAll(".*\\{%.*extends.*\n", ""));
        }
        return Optional.of(text.toString());
    }

    /** The Dockerfile of the image whose template is in {@code imageDir}. */
    public String render(Path imageDir) throws KollaRenderException {
        String template = docker.relativize(imageDir.resolve(KollaTemplates.TEMPLATE)).toString().replace('\\', '/');
        Map<String, Object> bindings = new HashMap<>(values);
        bindings.put("image_name", imageDir.getFileName().toString());
        String source;
        try {
            if (override.isPresent()) {
                bindings.put("parent_template", template);
                bindings.put(KollaBlockTag.IN_OVERRIDE, true);
                bindings.put(KollaBlockTag.OVERRIDES, new HashMap<String, Object>());
                source = withoutTrailingCommas(override.get());
            } else {
                source = withoutTrailingCommas(Files.readString(imageDir.resolve(KollaTemplates.TEMPLATE)));
            }
        } catch (IOException e) {
            throw new KollaRenderException(template, 0, "cannot be read: " + e.getMessage());
        }
        RenderResult result;
        try {
            result = jinjava.renderForResult(source, bindings);
        } catch (RuntimeException e) {
            throw new KollaRenderException(template, 0, e.getMessage());
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                String failed = error.getSourceTemplate().orElse(override.isPresent()
                        ? "the template override (for " + template + ")" : template);
                throw new KollaRenderException(failed, Math.max(error.getLineno(), 0), reason(error)
                        + (failed.equals(template) ? "" : " (rendering " + template + ")"));
            }
        }
        return result.getOutput();
    }

    /** The innermost cause's message: Jinjava wraps an error inside a tag as "Error rendering tag". */
    private static String reason(TemplateError error) {
        Throwable cause = error.getException();
        String message = error.getMessage();
        while (cause != null) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return message;
    }

    /** A template's source as Kolla's Jinja2 reads it: without its final newline, and in Jinjava's syntax. */
    static String withoutTrailingCommas(String source) {
        String text = source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
        Matcher tag = TAG.matcher(text);
        StringBuilder out = new StringBuilder();
        while (tag.find()) {
            String expression = TRAILING_COMMA.matcher(tag.group()).replaceAll("$1$2");
            expression = SPREAD.matcher(expression).replaceAll("format(");
            expression = REPEAT.matcher(expression).replaceAll("($1 | " + ListRepeatFilter.NAME + "($2))");
            tag.appendReplacement(out, Matcher.quoteReplacement(expression));
        }
        tag.appendTail(out);
        return out.toString();
    }

    /** Templates by their path under the templates folder, read as Kolla's Jinja2 reads them. */
    private final class TemplateFiles implements ResourceLocator {
        @Override
        public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter) throws IOException {
            Path file = docker.resolve(fullName).normalize();
            if (!file.startsWith(docker)) {
                throw new IOException(fullName + " is outside the templates folder " + docker);
            }
            return withoutTrailingCommas(Files.readString(file, encoding));
        }
    }

    /** A template that does not render, with where. */
    public static final class KollaRenderException extends Exception {
        private final String template;
        private final int line;

        KollaRenderException(String template, int line, String problem) {
            super(template + (line > 0 ? " line " + line : "") + ": " + problem);
            this.template = template;
            this.line = line;
        }

        public String template() {
            return template;
        }

        public int line() {
            return line;
        }
    }

    KollaSettings settings() {
        return settings;
    }
}
