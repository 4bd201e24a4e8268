package dev.agh.cli;

import dev.agh.domain.Priority;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --priority-min}: a priority name as everywhere else on the command line ({@code high}), or the rank
 * the API takes ({@code 30}); the claim takes runs of that priority and above.
 */
public final class PriorityMinArgument implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.matches("\\d{1,9}")) {
            return Integer.parseInt(text);
        }
        for (Priority priority : Priority.values()) {
            if (priority.name().toLowerCase(Locale.ROOT).equals(text)) {
                return priority.rank();
            }
        }
        throw new picocli.CommandLine.TypeConversionException(
                "must be low, medium, high, urgent or a rank (10, 20, 30, 40), got \"" + value + "\"");
    }
}
