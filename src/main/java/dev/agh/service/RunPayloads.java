package dev.agh.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.domain.AghException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Checks on JSON that runs carry (metadata, results): size limits and no raw lease credentials. */
final class RunPayloads {
    private RunPayloads() {}

    /** The JSON text to store, or null; refuses oversize values and any {@code claim_token} key. */
    static String checked(String field, JsonNode value, int maxBytes) {
        if (value != null && containsClaimToken(value)) {
            throw AghException.invalid(field + " must not contain raw lease credentials (claim_token)");
        }
        return Inputs.json(field, value, maxBytes);
    }

    private static boolean containsClaimToken(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().toLowerCase(Locale.ROOT).equals("claim_token")
                        || containsClaimToken(entry.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (containsClaimToken(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
