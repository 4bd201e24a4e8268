package dev.agh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.api.Json;
import dev.agh.domain.AghException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A JSON option value typed inline or read from a file with {@code @path} (like curl). */
public final class JsonArgument {
    private JsonArgument() {}

    public static JsonNode parse(String option, String value) {
        if (value == null) {
            return null;
        }
        String text = value;
        if (value.startsWith("@")) {
            try {
                text = Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw AghException.invalid(option + ": cannot read " + value.substring(1) + ": " + e.getMessage());
            }
        }
        return Json.readTree(text, option);
    }
}
