package dev.agh.cli.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages (troff, section 1) generated from the picocli command model: {@code agh.1} and one page per
 * command, named by its path ({@code agh-task-create.1}). Read one with {@code man -l man/agh-task-create.1}.
 *
 * <p>Written directly rather than with picocli-codegen's ManPageGenerator, which writes AsciiDoc that would
 * need Asciidoctor (and JRuby) in the build to become a man page.
 */
public final class ManPages {
    private ManPages() {}

    /** Every page of the tree: file name to troff text, root first. */
    public static Map<String, String> pages(CommandLine root) {
        Map<String, String> pages = new LinkedHashMap<>();
        for (CommandLine command : Completions.walk(root)) {
            pages.put(fileName(command), page(command));
        }
        return pages;
    }

    /** {@code agh-task-create.1}. */
    public static String fileName(CommandLine command) {
        return pageName(command.getCommandSpec()) + ".1";
    }

    private static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    static String page(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        String name = pageName(spec);
        StringBuilder s = new StringBuilder();
        s.append(".\\\" Generated from the agh command model by `./mvnw -Pdocs process-classes`; do not edit.\n");
        s.append(".TH \"")
                .append(escape(name.toUpperCase(java.util.Locale.ROOT)))
                .append("\" \"1\" \"\" \"agh\" \"agh manual\"\n");
        s.append(".nh\n.ad l\n");

        section(s, "NAME");
        s.append(escape(name))
                .append(" \\- ")
                .append(escape(Completions.summary(spec.usageMessage().description())))
                .append('\n');

        section(s, "SYNOPSIS");
        String synopsis =
                new Help(spec, Help.defaultColorScheme(Ansi.OFF)).synopsis(0).stripTrailing();
        verbatim(s, List.of(synopsis.split("\\R")));

        String[] description = spec.usageMessage().description();
        if (description.length > 0) {
            section(s, "DESCRIPTION");
            paragraphs(s, List.of(description));
        }

        List<PositionalParamSpec> positionals = Completions.positionals(spec);
        if (!positionals.isEmpty()) {
            section(s, "ARGUMENTS");
            for (PositionalParamSpec positional : positionals) {
                item(
                        s,
                        "\\fI" + escape(positional.paramLabel()) + "\\fR"
                                + (positional.arity().max() > 1 ? "..." : ""),
                        positional);
            }
        }

        List<OptionSpec> own = new ArrayList<>();
        List<OptionSpec> global = new ArrayList<>();
        for (OptionSpec option : Completions.options(spec)) {
            (option.inherited() ? global : own).add(option);
        }
        if (!own.isEmpty()) {
            section(s, "OPTIONS");
            own.forEach(option -> item(s, optionTerm(option), option));
        }
        if (!global.isEmpty()) {
            section(s, "GLOBAL OPTIONS");
            s.append("Options of every agh command; see \\fBagh\\fR(1).\n");
            global.forEach(option -> item(s, optionTerm(option), option));
        }

        List<CommandLine> subs = Completions.subcommands(command);
        if (!subs.isEmpty()) {
            section(s, "COMMANDS");
            for (CommandLine sub : subs) {
                s.append(".TP\n\\fB")
                        .append(escape(String.join(", ", Completions.names(sub))))
                        .append("\\fR\n");
                s.append(escape(Completions.summary(
                                sub.getCommandSpec().usageMessage().description())))
                        .append(" See \\fB")
                        .append(escape(pageName(sub.getCommandSpec())))
                        .append("\\fR(1).\n");
            }
        }

        Map<String, String> exitCodes = spec.usageMessage().exitCodeList();
        if (!exitCodes.isEmpty()) {
            section(s, "EXIT STATUS");
            exitCodes.forEach((code, meaning) -> s.append(".TP\n\\fB")
                    .append(escape(code.trim()))
                    .append("\\fR\n")
                    .append(escape(Completions.plain(meaning)))
                    .append('\n'));
        }

        footer(s, spec.usageMessage().footer());

        section(s, "SEE ALSO");
        List<String> related = new ArrayList<>();
        if (spec.parent() != null) {
            related.add(pageName(spec.parent()));
        }
        subs.forEach(sub -> related.add(pageName(sub.getCommandSpec())));
        if (spec.parent() != null && spec.parent().parent() != null) {
            related.add(0, pageName(spec.root()));
        }
        if (related.isEmpty()) {
            s.append("The README of agh.\n");
        } else {
            List<String> refs =
                    related.stream().map(r -> "\\fB" + escape(r) + "\\fR(1)").toList();
            s.append(String.join(",\n", refs)).append('\n');
        }
        return s.toString();
    }

    /** Footer blocks (split at blank lines): one starting "Examples:" becomes EXAMPLES; the rest NOTES. */
    private static void footer(StringBuilder s, String[] footer) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String raw : footer) {
            for (String line : raw.replace("%n", "\n").replace("%%", "%").split("\n", -1)) {
                if (line.isBlank()) {
                    if (!block.isEmpty()) {
                        blocks.add(block);
                        block = new ArrayList<>();
                    }
                } else {
                    block.add(line);
                }
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        List<String> notes = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        for (List<String> b : blocks) {
            if (b.get(0).trim().equalsIgnoreCase("Examples:")) {
                examples.addAll(b.subList(1, b.size()).stream()
                        .map(line -> line.startsWith("  ") ? line.substring(2) : line)
                        .toList());
            } else {
                if (!notes.isEmpty()) {
                    notes.add("");
                }
                notes.addAll(b);
            }
        }
        if (!examples.isEmpty()) {
            section(s, "EXAMPLES");
            s.append(".RS 4\n");
            verbatim(s, examples);
            s.append(".RE\n");
        }
        if (!notes.isEmpty()) {
            section(s, "NOTES");
            paragraphs(s, notes);
        }
    }

    private static String optionTerm(OptionSpec option) {
        List<String> names = new ArrayList<>();
        for (String n : option.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String term = String.join(", ", names);
        if (option.arity().max() > 0) {
            term += "=\\fI" + escape(option.paramLabel()) + "\\fR";
        }
        return term;
    }

    private static void item(StringBuilder s, String term, ArgSpec arg) {
        s.append(".TP\n").append(term).append('\n');
        String text = String.join(" ", arg.description()).replace("%n", " ");
        s.append(escapeLine(Completions.plain(text))).append('\n');
    }

    private static void section(StringBuilder s, String title) {
        s.append(".SH \"").append(title).append("\"\n");
    }

    /** Description lines: consecutive lines form a paragraph; a blank line starts the next one. */
    private static void paragraphs(StringBuilder s, List<String> lines) {
        boolean first = true;
        for (String raw : lines) {
            for (String line : raw.replace("%n", "\n").replace("%%", "%").split("\n", -1)) {
                if (line.isBlank()) {
                    if (!first) {
                        s.append(".PP\n");
                    }
                    continue;
                }
                s.append(escapeLine(line.trim())).append('\n');
                first = false;
            }
        }
    }

    private static void verbatim(StringBuilder s, List<String> lines) {
        s.append(".nf\n");
        for (String line : lines) {
            s.append(escapeLine(line.stripTrailing())).append('\n');
        }
        s.append(".fi\n");
    }

    /** A text line: escaped, and protected from being read as a request when it starts with '.' or '\''. */
    private static String escapeLine(String line) {
        String escaped = escape(line);
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }

    /** Backslashes, hyphens (so options copy as ASCII minus signs) and non-ASCII characters (groff escapes). */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                s.append("\\e");
            } else if (c == '-') {
                s.append("\\-");
            } else if (c > 126) {
                s.append(String.format("\\[u%04X]", c));
            } else {
                s.append((char) c);
            }
        });
        return s.toString();
    }
}
