package io.imagegraph.core.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Whether instruction operands are the exec form, a JSON array of strings such as {@code ["sh", "-c", "x"]}. */
final class ExecForm {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecForm() {
    }

    static boolean isJson(String operands) {
        String text = operands.strip();
        if (!text.startsWith("[")) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isArray()) {
                return false;
            }
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return false;
                }
            }
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
