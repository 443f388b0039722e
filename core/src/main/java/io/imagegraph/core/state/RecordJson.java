package io.imagegraph.core.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.imagegraph.core.files.RecordShape;
import io.imagegraph.core.files.WireName;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A journal's record type as JSON objects, read and written with Jackson's streaming parser and
 * generator, as Jackson's data binding did before: one property a record component, in the
 * record's order; a null component left out; properties the record does not have skipped; a
 * component with no property null (0 or false for a primitive); an enum as its {@link WireName}
 * where it has one. Components are strings, ints, longs, booleans, enums, other records and lists
 * of those; any other type is refused when the journal is opened. Data binding's start costs a
 * tenth of a second of CPU at every command that reads a journal, about what a whole plan of a few
 * images costs otherwise; this costs a few milliseconds.
 *
 * @param <T> the record type
 */
final class RecordJson<T> {

    private static final JsonFactory JSON = new JsonFactory();

    private final Value codec;

    private RecordJson(Value codec) {
        this.codec = codec;
    }

    /** The codec of a record type; {@link IllegalArgumentException} when a component's type is not one it writes. */
    static <T> RecordJson<T> of(Class<T> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is no record; a journal keeps records");
        }
        return new RecordJson<>(value(type));
    }

    /** The records as JSON text, one a line, each line ended. */
    String lines(List<T> records) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setRootValueSeparator(new SerializedString("\n"));
            for (T record : records) {
                codec.write(json, record);
            }
        }
        return records.isEmpty() ? "" : out.append('\n').toString();
    }

    /** The record at the parser's next token (a JSON object); null at the end of the input. */
    @SuppressWarnings("unchecked")
    T next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new JsonParseException(parser, "expected a JSON object, found " + found(token));
        }
        return (T) codec.read(parser);
    }

    /** A parser over journal text. */
    static JsonParser parser(byte[] content) throws IOException {
        return JSON.createParser(content);
    }

    /** A parser over a journal's bytes as they are read. */
    static JsonParser parser(InputStream content) throws IOException {
        return JSON.createParser(content);
    }

    /** How one type of value is read and written. */
    private interface Value {
        /** Reads the value at the parser's current token. */
        Object read(JsonParser parser) throws IOException;

        void write(JsonGenerator json, Object value) throws IOException;
    }

    private static Value value(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return new ListValue(value(parameterized.getActualTypeArguments()[0]));
        }
        if (type == String.class) {
            return new StringValue();
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return new NumberValue(type == int.class || type == Integer.class);
        }
        if (type == boolean.class || type == Boolean.class) {
            return new BooleanValue();
        }
        if (type instanceof Class<?> enumType && enumType.isEnum()) {
            return new EnumValue(enumType);
        }
        if (type instanceof Class<?> recordType && recordType.isRecord()) {
            return new RecordValue(recordType);
        }
        throw new IllegalArgumentException("a journal record component cannot be of type " + type.getTypeName()
                + "; use strings, numbers, booleans, enums, records or lists of those");
    }

    private static JsonParseException mismatch(JsonParser parser, String expected) throws IOException {
        return new JsonParseException(parser, "expected " + expected + ", found " + found(parser.currentToken())
                + (parser.currentName() == null ? "" : " at \"" + parser.currentName() + "\""));
    }

    /** Whether the value at the parser is null; when it is not, it must start with {@code start}. */
    private static boolean isNull(JsonParser parser, JsonToken start, String expected) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return true;
        }
        if (parser.currentToken() != start) {
            throw mismatch(parser, expected);
        }
        return false;
    }

    private static String found(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private record StringValue() implements Value {
        @Override
        public Object read(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (!token.isScalarValue()) {
                throw mismatch(parser, "a string");
            }
            return parser.getText();
        }

        @Override
        public void write(JsonGenerator json, Object value) throws IOException {
            json.writeString((String) value);
        }
    }

    private record NumberValue(boolean isInt) implements Value {
        @Override
        public Object read(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            long number;
            if (token == JsonToken.VALUE_NUMBER_INT) {
                number = parser.getLongValue();
            } else if (token == JsonToken.VALUE_STRING) {
                try {
                    number = Long.parseLong(parser.getText().strip());
                } catch (NumberFormatException e) {
                    throw mismatch(parser, "a whole number");
                }
            } else {
                throw mismatch(parser, "a whole number");
            }
            if (isInt && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
                throw mismatch(parser, "a number that fits 32 bits");
            }
            if (isInt) {
                return Integer.valueOf((int) number); // not in one ?: with the Long, which would make it a long
            }
            return Long.valueOf(number);
        }

        @Override
        public void write(JsonGenerator json, Object value) throws IOException {
            json.writeNumber(((Number) value).longValue());
        }
    }

    private record BooleanValue() implements Value {
        @Override
        public Object read(JsonParser parser) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_NULL -> null;
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_STRING -> switch (parser.getText()) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw mismatch(parser, "true or false");
                };
                default -> throw mismatch(parser, "true or false");
            };
        }

        @Override
        public void write(JsonGenerator json, Object value) throws IOException {
            json.writeBoolean((Boolean) value);
        }
    }

    private static final class EnumValue implements Value {
        private final Map<String, Object> byName = new HashMap<>();

        EnumValue(Class<?> type) {
            for (Object constant : type.getEnumConstants()) {
                byName.put(name(constant), constant);
            }
        }

        private static String name(Object constant) {
            return constant instanceof WireName wire ? wire.id() : ((Enum<?>) constant).name();
        }

        @Override
        public Object read(JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            Object constant = parser.currentToken() == JsonToken.VALUE_STRING ? byName.get(parser.getText()) : null;
            if (constant == null) {
                throw mismatch(parser, "one of " + String.join(", ", byName.keySet().stream().sorted().toList()));
            }
            return constant;
        }

        @Override
        public void write(JsonGenerator json, Object value) throws IOException {
            json.writeString(name(value));
        }
    }

    private record ListValue(Value element) implements Value {
        @Override
        public Object read(JsonParser parser) throws IOException {
            if (isNull(parser, JsonToken.START_ARRAY, "a list")) {
                return null;
            }
            List<Object> values = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                values.add(element.read(parser));
            }
            return values;
        }

        @Override
        public void write(JsonGenerator json, Object value) throws IOException {
            json.writeStartArray();
            for (Object item : (List<?>) value) {
                if (item == null) {
                    json.writeNull();
                } else {
                    element.write(json, item);
                }
            }
            json.writeEndArray();
        }
    }

    private static final class RecordValue implements Value {
        private final RecordShape shape;
        private final Value[] values;
        private final Object[] absent;

        RecordValue(Class<?> type) {
            shape = RecordShape.of(type);
            values = new Value[shape.size()];
            absent = new Object[shape.size()];
            for (int i = 0; i < shape.size(); i++) {
                values[i] = value(shape.genericType(i));
                absent[i] = absent(shape.rawType(i));
            }
        }

        /** What a component is when its property is missing or null. */
        private static Object absent(Class<?> type) {
            if (type == int.class) {
                return 0;
            }
            if (type == long.class) {
                return 0L;
            }
            return type == boolean.class ? Boolean.FALSE : null;
        }

        @Override
        public Object read(JsonParser parser) throws IOException {
            if (isNull(parser, JsonToken.START_OBJECT, "a JSON object")) {
                return null;
            }
            Object[] arguments = absent.clone();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int at = shape.indexOf(parser.currentName());
                parser.nextToken();
                if (at < 0) {
                    parser.skipChildren();
                } else {
                    Object read = values[at].read(parser);
                    arguments[at] = read == null ? absent[at] : read;
                }
            }
            try {
                return shape.make(arguments);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw new JsonParseException(parser, "not a valid " + shape.type().getSimpleName() + ": "
                        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
            }
        }

        @Override
        public void write(JsonGenerator json, Object value) throws IOException {
            json.writeStartObject();
            for (int i = 0; i < shape.size(); i++) {
                Object component = shape.component(value, i);
                if (component != null) {
                    json.writeFieldName(shape.name(i));
                    values[i].write(json, component);
                }
            }
            json.writeEndObject();
        }
    }
}
