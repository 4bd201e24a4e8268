package dev.agh.app.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of latency samples, in milliseconds with 0.01 ms resolution. */
public final class Percentiles {
    private Percentiles() {}

    public static Map<String, Object> of(long[] nanos, String... names) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            double p = Double.parseDouble(name.substring(1));
            out.put(name, sorted.length == 0 ? 0.0 : millis(sorted[rank(p, sorted.length)]));
        }
        out.put("max", sorted.length == 0 ? 0.0 : millis(sorted[sorted.length - 1]));
        out.put("samples", sorted.length);
        return out;
    }

    private static int rank(double percentile, int n) {
        return Math.min(n - 1, Math.max(0, (int) Math.ceil(percentile / 100.0 * n) - 1));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
