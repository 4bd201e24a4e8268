package dev.agh.cli;

import dev.agh.api.Json;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** Prints a result as the API body ({@code -o json}/{@code jsonl}) or in the command's human form. */
public final class Printer {
    private final PrintWriter out;
    private final OutputFormat format;

    public Printer(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    public OutputFormat format() {
        return format;
    }

    public void print(Object apiBody, Consumer<PrintWriter> human) {
        switch (format) {
            case json -> out.println(Json.writePretty(apiBody));
            case jsonl -> out.println(Json.write(apiBody));
            case human -> human.accept(out);
        }
        out.flush();
    }

    /** For lists: {@code -o jsonl} prints one item per line instead of the envelope. */
    public void printList(Object apiBody, Iterable<?> items, Consumer<PrintWriter> human) {
        if (format == OutputFormat.jsonl) {
            items.forEach(item -> out.println(Json.write(item)));
            out.flush();
        } else {
            print(apiBody, human);
        }
    }

    public PrintWriter writer() {
        return out;
    }
}
