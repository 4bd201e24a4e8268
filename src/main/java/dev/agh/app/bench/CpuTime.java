package dev.agh.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this process, and of the store's writer thread ({@code agh-writer}) when it runs here,
 * over a phase of a benchmark. On a machine shared with other work, CPU per operation stays put
 * where operations per second swing widely.
 */
final class CpuTime {
    private static final String WRITER = "agh-writer";
    private final long process;
    private final long writer;

    private CpuTime(long process, long writer) {
        this.process = process;
        this.writer = writer;
    }

    static CpuTime start() {
        return new CpuTime(processNanos(), writerNanos());
    }

    /** Microseconds of CPU per unit of work since {@link #start}: the process, and the writer thread. */
    Map<String, Object> perUnit(int units) {
        Map<String, Object> out = new LinkedHashMap<>();
        long processNow = processNanos();
        long writerNow = writerNanos();
        if (units <= 0) {
            return out;
        }
        if (process >= 0 && processNow >= 0) {
            out.put("process", Math.round((processNow - process) / 1e3 / units * 10) / 10.0);
        }
        if (writer >= 0 && writerNow >= 0) {
            out.put("writer", Math.round((writerNow - writer) / 1e3 / units * 10) / 10.0);
        }
        return out;
    }

    private static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long writerNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && WRITER.equals(info.getThreadName())) {
                return threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return -1;
    }
}
