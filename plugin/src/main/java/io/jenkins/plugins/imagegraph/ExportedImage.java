package io.jenkins.plugins.imagegraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One image of a run as the remote API ({@code api/json}) shows it: its name, status, digest, tags and reason. */
@ExportedBean(defaultVisibility = 3)
public final class ExportedImage {

    private final String name;
    private final Map<?, ?> values;

    private ExportedImage(String name, Map<?, ?> values) {
        this.name = name;
        this.values = values;
    }

    /** The images of {@link ImageGraphAction#getImages()}, in its order. */
    static List<ExportedImage> of(Map<String, Object> images) {
        List<ExportedImage> exported = new ArrayList<>();
        images.forEach((name, value) -> {
            if (value instanceof Map<?, ?> values) {
                exported.add(new ExportedImage(name, values));
            }
        });
        return exported;
    }

    @Exported
    public String getName() {
        return name;
    }

    @Exported
    public String getStatus() {
        return text("status");
    }

    @Exported
    public String getDigest() {
        return text("digest");
    }

    @Exported
    public String getImageId() {
        return text("imageId");
    }

    @Exported
    public List<String> getTags() {
        return values.get("tags") instanceof List<?> tags ? tags.stream().map(String::valueOf).toList() : List.of();
    }

    @Exported
    public String getReason() {
        return text("reason");
    }

    private String text(String key) {
        Object value = values.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
