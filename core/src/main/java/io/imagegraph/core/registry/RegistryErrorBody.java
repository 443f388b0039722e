package io.imagegraph.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The {@code {"errors":[{"code":..., "message":...}]}} body of a registry's error answer. */
final class RegistryErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryErrorBody() {
    }

    static List<String> codes(byte[] body) {
        List<String> codes = new ArrayList<>();
        errors(body).forEach(error -> {
            if (error.hasNonNull("code")) {
                codes.add(error.get("code").asText());
            }
        });
        return codes;
    }

    /** "CODE: message; CODE: message", or empty when the body holds no errors. */
    static String messages(byte[] body) {
        List<String> parts = new ArrayList<>();
        errors(body).forEach(error -> {
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            parts.add(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message);
        });
        return String.join("; ", parts);
    }

    private static JsonNode errors(byte[] body) {
        if (body == null || body.length == 0 || body[0] != '{') {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(body).path("errors");
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }
}
