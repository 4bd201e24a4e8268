package dev.agh.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --lease SECONDS}: 1 or more. The API reads 0 as "the default" (300 s); on the command line that
 * would be a surprise, so 0 is refused and leaving the option out gives the default.
 */
public final class LeaseArgument implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a number of seconds, got '" + value + "'");
        }
        if (seconds < 1) {
            throw new TypeConversionException(
                    "must be 1 second or more, got " + seconds + " (leave --lease out for the default of 300)");
        }
        return seconds;
    }
}
