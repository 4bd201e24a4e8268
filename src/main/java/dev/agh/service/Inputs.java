package dev.agh.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.api.Json;
import dev.agh.api.Requests.OwnerInput;
import dev.agh.api.Requests.RetryPolicyInput;
import dev.agh.domain.AghException;
import dev.agh.domain.Limits;
import dev.agh.domain.Owner;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.RetryPolicy;
import dev.agh.domain.RetryStrategy;
import dev.agh.domain.TextRules;
import dev.agh.domain.WireEnum;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Validation of single input values, shared by every use case; each failure names its field. */
final class Inputs {
    /** Client-chosen ids end up in URLs and file names: keep them to a safe alphabet. */
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

    private Inputs() {}

    /** Every text input passes here first: NUL is refused before trimming could strip it unseen. */
    static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        TextRules.requireNoNul("text", value);
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    static String label(String field, String value, boolean required) {
        TextRules.requireLabel(field, value == null ? null : value.strip());
        String trimmed = trimToNull(value);
        if (trimmed == null) {
            if (required) {
                throw AghException.invalid(field + " is required");
            }
            return null;
        }
        if (trimmed.length() > Limits.MAX_LABEL_CHARS) {
            throw AghException.invalid(field + " is longer than " + Limits.MAX_LABEL_CHARS + " characters");
        }
        return trimmed;
    }

    static String description(String field, String value) {
        TextRules.requireNoNul(field, value);
        String trimmed = trimToNull(value);
        if (trimmed != null && trimmed.length() > Limits.MAX_DESCRIPTION_CHARS) {
            throw AghException.tooLarge(field + " is longer than " + Limits.MAX_DESCRIPTION_CHARS + " characters");
        }
        return trimmed;
    }

    static String clientId(String field, String value) {
        TextRules.requireLabel(field, value);
        String trimmed = trimToNull(value);
        if (trimmed != null && !ID.matcher(trimmed).matches()) {
            throw AghException.invalid(field
                    + " must be 1-128 characters of letters, digits, '.', '_', ':' or '-', got \"" + value + "\"");
        }
        return trimmed;
    }

    /** An idempotency key: a single-line label of at most 255 characters, or null when absent. */
    static String idempotencyKey(String field, String value) {
        String key = trimToNull(value);
        if (key == null) {
            return null;
        }
        TextRules.requireLabel(field, key);
        if (key.length() > Limits.MAX_IDEMPOTENCY_KEY_CHARS) {
            throw AghException.invalid(field + " is longer than " + Limits.MAX_IDEMPOTENCY_KEY_CHARS + " characters");
        }
        return key;
    }

    static int maxAttempts(String field, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > Limits.MAX_ATTEMPTS_CAP) {
            throw AghException.invalid(field + " must be between 1 and " + Limits.MAX_ATTEMPTS_CAP + ", got " + value);
        }
        return value;
    }

    static Owner owner(String field, OwnerInput input) {
        if (input == null) {
            return null;
        }
        OwnerKind kind = WireEnum.parse(OwnerKind.class, field + ".kind", input.kind());
        String ref = label(field + ".ref", input.ref(), true);
        return new Owner(kind, ref);
    }

    /** JSON null counts as absent; anything else must fit {@code maxBytes}. */
    static String json(String field, JsonNode value, int maxBytes) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        int size = Json.byteSize(value);
        if (size > maxBytes) {
            throw AghException.tooLarge(field + " is " + size + " bytes, over the limit of " + maxBytes);
        }
        return Json.write(value);
    }

    static int limit(Integer value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw AghException.invalid("limit must be zero or positive, got " + value);
        }
        return value;
    }

    /** The longest a run may be delayed: one year. */
    static final Duration MAX_DELAY = Duration.ofDays(366);

    /**
     * When a new run may be claimed first: {@code not_before} (RFC 3339) or {@code delay_seconds} from {@code now},
     * null for at once. A time in the past means at once, as the clock of the sender may run ahead or behind.
     */
    static Instant notBefore(String notBefore, Long delaySeconds, Instant now) {
        String text = trimToNull(notBefore);
        if (text != null && delaySeconds != null) {
            throw AghException.invalid("give not_before or delay_seconds, not both");
        }
        Instant due;
        if (delaySeconds != null) {
            if (delaySeconds < 0) {
                throw AghException.invalid("delay_seconds must be zero or positive, got " + delaySeconds);
            }
            if (delaySeconds > MAX_DELAY.toSeconds()) {
                throw AghException.invalid("delay_seconds must be at most " + MAX_DELAY.toSeconds() + " (366 days)");
            }
            due = now.plusSeconds(delaySeconds);
        } else if (text != null) {
            try {
                due = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw AghException.invalid(
                        "not_before must be an RFC 3339 time such as 2026-01-31T09:00:00Z, got \"" + text + "\"");
            }
            if (due.isAfter(now.plus(MAX_DELAY))) {
                throw AghException.invalid("not_before is more than 366 days away");
            }
        } else {
            return null;
        }
        return due.isAfter(now) ? due.truncatedTo(ChronoUnit.MICROS) : null;
    }

    /** A retry policy as sent, with the defaults filled in. */
    static RetryPolicy retryPolicy(RetryPolicyInput input) {
        if (input == null) {
            return null;
        }
        RetryStrategy strategy = WireEnum.parse(RetryStrategy.class, "retry_policy.strategy", input.strategy());
        return RetryPolicy.of(strategy, input.baseDelaySeconds(), input.maxDelaySeconds(), input.jitter());
    }
}
