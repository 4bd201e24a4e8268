package dev.agh.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Limits;
import dev.agh.domain.TextRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one JSON configuration of agh: snake_case names, absent rather than null fields, RFC 3339
 * UTC instants, lower-case enum names, and strict scalars (a number is not a string, a fraction is
 * not an integer) so that wrong types are validation errors instead of silent coercions.
 */
public final class Json {
    private static final ObjectMapper MAPPER = build(false);
    /** Shares MAPPER's serializers: a command that prints pretty JSON builds them once, not twice. */
    private static final ObjectWriter PRETTY = MAPPER.writer(SerializationFeature.INDENT_OUTPUT);
    /**
     * Reads what users and clients send: at most {@link Limits#MAX_JSON_DEPTH} levels and strings no longer
     * than a request body. Applied here, once, so no surface can store a value that a response wrapping it
     * could not write (a value nested 998 deep used to be stored and then fail every read of its task).
     */
    private static final class Input {
        /** Built when first used: a command that only reads answers from a server never needs it. */
        static final ObjectMapper MAPPER = build(
                false,
                JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(Limits.MAX_JSON_DEPTH)
                                .maxStringLength(Limits.MAX_REQUEST_BYTES)
                                .maxDocumentLength(Limits.MAX_REQUEST_BYTES)
                                .build())
                        .build());
    }

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writePretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses a request body into {@code type}; malformed JSON and wrong types are 422-class errors. */
    public static <T> T readRequest(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new AghException(ErrorCode.MALFORMED_JSON, "request body is required (send at least {})");
        }
        try {
            JsonNode node = Input.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new AghException(ErrorCode.MALFORMED_JSON, "request body must be a JSON object");
            }
            requireNoNul(node, "body");
            return MAPPER.treeToValue(node, type);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw AghException.invalid(path(e) + " must be " + expected(e.getTargetType()));
        } catch (StreamConstraintsException e) {
            throw AghException.invalid("request body exceeds a JSON limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new AghException(ErrorCode.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses any JSON text typed by a user (metadata on the command line, for example). */
    public static JsonNode readTree(String text, String what) {
        try {
            JsonNode node = Input.MAPPER.readTree(text);
            requireNoNul(node, what);
            return node;
        } catch (StreamConstraintsException e) {
            throw AghException.invalid(what + " exceeds a JSON limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw AghException.invalid(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Refuses NUL in any string or field name of an input value (see {@link TextRules}). */
    private static void requireNoNul(JsonNode node, String where) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            TextRules.requireNoNul(where, node.textValue());
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                TextRules.requireNoNul(where + " field name", field.getKey());
                requireNoNul(field.getValue(), where + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireNoNul(node.get(i), where + "[" + i + "]");
            }
        }
    }

    /** Size of a JSON value as UTF-8 text, the measure of every size limit. */
    public static int byteSize(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type.isRecord() ? "an object" : "a " + type.getSimpleName();
    }

    private static String path(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        StringBuilder out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "body" : out.toString();
    }

    private static ObjectMapper build(boolean pretty) {
        return build(pretty, new JsonFactory());
    }

    private static ObjectMapper build(boolean pretty, JsonFactory factory) {
        SimpleModule module = new SimpleModule("agh");
        module.addSerializer(Instant.class, new InstantSerializer());
        module.addDeserializer(Instant.class, new InstantDeserializer());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Enum<?>> enumType = (Class) Enum.class;
        module.addSerializer(enumType, new EnumSerializer());
        JsonMapper mapper = JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Metadata and results must round-trip exactly, embedded or over HTTP.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(SerializationFeature.INDENT_OUTPUT, pretty)
                .addModule(module)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
        }
    }

    private static final class InstantDeserializer extends StdDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(p.getValueAsString(), Instant::from);
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class EnumSerializer extends StdSerializer<Enum> {
        private static final long serialVersionUID = 1L;

        EnumSerializer() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }
}
