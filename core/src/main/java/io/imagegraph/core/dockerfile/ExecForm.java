package io.imagegraph.core.dockerfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Whether instruction operands are the exec form, a JSON array of strings such as
 * {@code ["sh", "-c", "x"]}, and nothing after it (as BuildKit decodes them). Read with Jackson's
 * streaming parser: the data-binding mapper costs a tenth of a second to start, more than a whole
 * plan of a few images.
 */
final class ExecForm {

    private static final JsonFactory JSON = new JsonFactory();

    private ExecForm() {
    }

    static boolean isJson(String operands) {
        String text = operands.strip();
        if (!text.startsWith("[")) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken(); // the array's start
            JsonToken token = parser.nextToken();
            while (token == JsonToken.VALUE_STRING) {
                token = parser.nextToken();
            }
            return token == JsonToken.END_ARRAY && parser.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail: " + e.getMessage(), e);
        }
    }
}
