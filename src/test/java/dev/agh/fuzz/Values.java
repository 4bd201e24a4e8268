package dev.agh.fuzz;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile values: text with control characters, NUL and any Unicode, numbers past every range,
 * JSON of every type in every field, nesting past the depth limit, and bodies that are not JSON at all.
 */
final class Values {
    private Values() {}

    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withCharRange('\u0000', '\u001f')
                                .ofMinLength(1)
                                .ofMaxLength(5)),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "",
                                " ",
                                "manual\u0000",
                                "ready",
                                "-1",
                                "0",
                                "99999999999999999999",
                                "1e309",
                                "true",
                                "null",
                                "..",
                                "../../etc/passwd",
                                "%00",
                                "\ud83d\ude00",
                                "<script>",
                                "' OR 1=1 --")),
                Tuple.of(1, Arbitraries.strings().alpha().ofLength(5000)));
    }

    /** A request body: usually a JSON object of known and unknown fields with hostile values; sometimes not JSON. */
    static Arbitrary<String> body(List<String> fieldNames) {
        Arbitrary<String> object = Arbitraries.maps(Arbitraries.of(fieldNames), json(3))
                .ofMaxSize(5)
                .map(fields -> {
                    StringBuilder out = new StringBuilder("{");
                    fields.forEach((name, value) -> out.append(out.length() > 1 ? "," : "")
                            .append(quote(name))
                            .append(':')
                            .append(value));
                    return out.append('}').toString();
                });
        return Arbitraries.frequencyOf(
                Tuple.of(12, object),
                Tuple.of(
                        1,
                        Arbitraries.integers()
                                .between(60, 1100)
                                .map(depth -> "{\"metadata\":" + "[".repeat(depth) + "]".repeat(depth) + "}")),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "",
                                "{",
                                "[]",
                                "null",
                                "42",
                                "\"text\"",
                                "{\"a\":1}{\"b\":2}",
                                "{'single':1}",
                                "\u0000")),
                Tuple.of(1, Arbitraries.just((String) null)));
    }

    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.frequencyOf(
                Tuple.of(4, text().map(Values::quote)),
                Tuple.of(
                        2,
                        Arbitraries.bigIntegers()
                                .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                                .map(BigInteger::toString)),
                Tuple.of(1, Arbitraries.of("0.5", "-0", "1e400", "true", "false", "null", "3")));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = json(depth - 1).list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Arbitraries.maps(text(), json(depth - 1))
                .ofMaxSize(3)
                .map(fields -> {
                    StringBuilder out = new StringBuilder("{");
                    fields.forEach((name, value) -> out.append(out.length() > 1 ? "," : "")
                            .append(quote(name))
                            .append(':')
                            .append(value));
                    return out.append('}').toString();
                });
        return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, array), Tuple.of(1, object));
    }

    /** A JSON string literal, escaping what JSON requires (control characters as \\u escapes). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
