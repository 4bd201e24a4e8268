package dev.agh.cli.task;

import dev.agh.api.Requests.RetryPolicyInput;
import dev.agh.cli.DurationArgument;
import dev.agh.domain.AghException;
import picocli.CommandLine.Option;

/** The retry policy options of {@code task create}, {@code task child} and {@code task update}. */
public final class RetryOptions {
    @Option(
            names = "--retry",
            paramLabel = "none|fixed|exponential",
            description =
                    "Retry a run an agent failed by itself, after a delay (default: the server's --default-retry).")
    String strategy;

    @Option(names = "--retry-base", paramLabel = "DURATION", description = "First retry delay, e.g. 30s (default 30s).")
    String base;

    @Option(
            names = "--retry-max",
            paramLabel = "DURATION",
            description = "Longest retry delay (default: the base for fixed, 1h for exponential).")
    String max;

    @Option(
            names = "--retry-jitter",
            paramLabel = "FRACTION",
            description = "Up to this share of each delay is taken off at random, 0-1 (default 0.1).")
    Double jitter;

    /** The policy asked for, or null when no retry option was given. */
    RetryPolicyInput input() {
        if (strategy == null) {
            if (base != null || max != null || jitter != null) {
                throw AghException.invalid(
                        "--retry-base, --retry-max and --retry-jitter need --retry fixed or --retry exponential");
            }
            return null;
        }
        return new RetryPolicyInput(strategy, seconds("--retry-base", base), seconds("--retry-max", max), jitter);
    }

    private static Long seconds(String option, String text) {
        return text == null ? null : DurationArgument.parse(option, text).toSeconds();
    }
}
