package dev.agh.cli.docs;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Shell completion scripts generated from the picocli command model: bash by picocli's {@link AutoComplete},
 * zsh and fish by this class, from the same walk over commands and options.
 */
public final class Completions {
    /** The shells there is a script for. */
    public enum Shell {
        bash,
        zsh,
        fish;

        /** The name of the committed file under {@code completions/}. */
        public String fileName() {
            return switch (this) {
                case bash -> "agh.bash";
                case zsh -> "_agh";
                case fish -> "agh.fish";
            };
        }
    }

    private static final String GENERATED =
            "Generated from the agh command model by `./mvnw -Pdocs process-classes`; do not edit.";

    private Completions() {}

    public static String script(Shell shell, CommandLine root) {
        return switch (shell) {
            case bash -> bash(root);
            case zsh -> zsh(root);
            case fish -> fish(root);
        };
    }

    static String bash(CommandLine root) {
        String script = AutoComplete.bash(root.getCommandName(), root);
        int firstLine = script.startsWith("#!") ? script.indexOf('\n') + 1 : 0;
        return script.substring(0, firstLine) + "# " + GENERATED + "\n" + script.substring(firstLine);
    }

    // ---------------------------------------------------------------------------------------------- zsh

    static String zsh(CommandLine root) {
        StringBuilder s = new StringBuilder();
        s.append("#compdef ").append(root.getCommandName()).append('\n');
        s.append("# zsh completion for ")
                .append(root.getCommandName())
                .append(". ")
                .append(GENERATED)
                .append('\n');
        s.append("# Install: put this file, named _")
                .append(root.getCommandName())
                .append(", in a directory of $fpath (before compinit runs).\n\n");
        for (CommandLine command : walk(root)) {
            zshFunction(s, command);
        }
        s.append(functionName(root)).append(" \"$@\"\n");
        return s.toString();
    }

    private static void zshFunction(StringBuilder s, CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        List<CommandLine> subs = subcommands(command);
        s.append(functionName(command)).append("() {\n");
        if (!subs.isEmpty()) {
            s.append("  local curcontext=\"$curcontext\" state line\n");
            s.append("  typeset -A opt_args\n");
            s.append("  _arguments -C -s \\\n");
        } else {
            s.append("  _arguments -s \\\n");
        }
        for (OptionSpec option : options(spec)) {
            s.append("    ").append(zshOption(option)).append(" \\\n");
        }
        if (subs.isEmpty()) {
            int index = 1;
            for (PositionalParamSpec positional : positionals(spec)) {
                boolean many = positional.arity().max() > 1;
                String message = zshQuote(label(positional.paramLabel()));
                String action = zshAction(positional.completionCandidates());
                s.append("    '")
                        .append(many ? "*" : String.valueOf(index))
                        .append(':')
                        .append(message)
                        .append(':')
                        .append(action)
                        .append("' \\\n");
                index++;
            }
            s.append("    && return 0\n");
        } else {
            s.append("    '1: :->command' \\\n");
            s.append("    '*:: :->args' \\\n");
            s.append("    && return 0\n");
            s.append("  case $state in\n");
            s.append("    command)\n");
            s.append("      local -a commands\n");
            s.append("      commands=(\n");
            for (CommandLine sub : subs) {
                for (String name : names(sub)) {
                    s.append("        '")
                            .append(zshQuote(name.replace(":", "\\:")))
                            .append(':')
                            .append(zshQuote(
                                    summary(sub.getCommandSpec().usageMessage().description())))
                            .append("'\n");
                }
            }
            s.append("      )\n");
            s.append("      _describe -t commands 'command' commands\n");
            s.append("      ;;\n");
            s.append("    args)\n");
            s.append("      case $line[1] in\n");
            for (CommandLine sub : subs) {
                s.append("        ")
                        .append(String.join("|", names(sub)))
                        .append(") ")
                        .append(functionName(sub))
                        .append(" ;;\n");
            }
            s.append("      esac\n");
            s.append("      ;;\n");
            s.append("  esac\n");
        }
        s.append("}\n\n");
    }

    private static String zshOption(OptionSpec option) {
        String[] names = option.names();
        String description = "[" + zshBracket(summary(option.description())) + "]";
        String repeat = option.isMultiValue() ? "*" : "";
        String value = "";
        if (option.arity().max() > 0) {
            value = ":" + zshQuote(label(option.paramLabel())) + ":" + zshAction(option.completionCandidates());
        }
        if (names.length == 1) {
            return "'" + repeat + names[0] + zshQuote(description) + value + "'";
        }
        // '(-o --output)'{-o,--output}'[...]:...': brace expansion makes one spec per name, each excluding the others.
        String prefix = option.isMultiValue() ? "'*'" : "'(" + String.join(" ", names) + ")'";
        return prefix + "{" + String.join(",", names) + "}'" + zshQuote(description) + value + "'";
    }

    private static String zshAction(Iterable<String> candidates) {
        if (candidates == null) {
            return "";
        }
        List<String> values = new ArrayList<>();
        candidates.forEach(c ->
                values.add(zshQuote(c.replace(" ", "\\ ").replace("(", "\\(").replace(")", "\\)"))));
        return values.isEmpty() ? "" : "(" + String.join(" ", values) + ")";
    }

    private static String zshBracket(String text) {
        return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    /** Text inside a single-quoted zsh word. */
    private static String zshQuote(String text) {
        return text.replace("'", "'\\''");
    }

    private static String functionName(CommandLine command) {
        return "_" + command.getCommandSpec().qualifiedName("_").replace('-', '_');
    }

    // ---------------------------------------------------------------------------------------------- fish

    static String fish(CommandLine root) {
        String name = root.getCommandName();
        String fn = "__" + name + "_";
        StringBuilder s = new StringBuilder();
        s.append("# fish completion for ")
                .append(name)
                .append(". ")
                .append(GENERATED)
                .append('\n');
        s.append("# Install: copy to ~/.config/fish/completions/").append(name).append(".fish\n\n");
        List<String> paths = new ArrayList<>();
        List<String> valueOptions = new ArrayList<>();
        for (CommandLine command : walk(root)) {
            String path = path(command);
            if (!path.isEmpty()) {
                paths.add(path);
            }
            for (OptionSpec option : options(command.getCommandSpec())) {
                if (option.arity().max() > 0) {
                    for (String optionName : option.names()) {
                        if (!valueOptions.contains(optionName)) {
                            valueOptions.add(optionName);
                        }
                    }
                }
            }
        }
        s.append("# The command path typed so far, e.g. \"task list\".\n");
        s.append("function ").append(fn).append("path\n");
        s.append("    set -l known ")
                .append(paths.stream().map(Completions::fishQuote).collect(Collectors.joining(" ")))
                .append('\n');
        s.append("    set -l path ''\n");
        s.append("    set -l skip 0\n");
        s.append("    for word in (commandline -opc)[2..-1]\n");
        s.append("        if test $skip = 1\n");
        s.append("            set skip 0\n");
        s.append("            continue\n");
        s.append("        end\n");
        s.append("        switch $word\n");
        s.append("            case ")
                .append(valueOptions.stream().map(Completions::fishQuote).collect(Collectors.joining(" ")))
                .append('\n');
        s.append("                set skip 1\n");
        s.append("            case '-*'\n");
        s.append("            case '*'\n");
        s.append("                set -l candidate (string trim -- \"$path $word\")\n");
        s.append("                if contains -- $candidate $known\n");
        s.append("                    set path $candidate\n");
        s.append("                end\n");
        s.append("        end\n");
        s.append("    end\n");
        s.append("    echo $path\n");
        s.append("end\n\n");
        s.append("# True when the command path typed so far is exactly the arguments.\n");
        s.append("function ").append(fn).append("at\n");
        s.append("    test (").append(fn).append("path) = \"$argv\"\n");
        s.append("end\n\n");
        s.append("complete -c ").append(name).append(" -f\n");
        for (CommandLine command : walk(root)) {
            String condition = fishQuote(fn + "at" + (path(command).isEmpty() ? "" : " " + path(command)));
            s.append('\n')
                    .append("# ")
                    .append(command.getCommandSpec().qualifiedName())
                    .append('\n');
            for (CommandLine sub : subcommands(command)) {
                for (String subName : names(sub)) {
                    s.append("complete -c ")
                            .append(name)
                            .append(" -n ")
                            .append(condition)
                            .append(" -a ")
                            .append(fishQuote(subName))
                            .append(" -d ")
                            .append(fishQuote(
                                    summary(sub.getCommandSpec().usageMessage().description())))
                            .append('\n');
                }
            }
            for (OptionSpec option : options(command.getCommandSpec())) {
                s.append("complete -c ").append(name).append(" -n ").append(condition);
                for (String optionName : option.names()) {
                    if (optionName.startsWith("--")) {
                        s.append(" -l ").append(fishQuote(optionName.substring(2)));
                    } else if (optionName.length() == 2) {
                        s.append(" -s ").append(fishQuote(optionName.substring(1)));
                    } else {
                        s.append(" -o ").append(fishQuote(optionName.substring(1)));
                    }
                }
                if (option.arity().max() > 0) {
                    s.append(" -r");
                    List<String> values = new ArrayList<>();
                    if (option.completionCandidates() != null) {
                        option.completionCandidates().forEach(values::add);
                    }
                    if (!values.isEmpty()) {
                        s.append(" -a ").append(fishQuote(String.join(" ", values)));
                    }
                }
                s.append(" -d ")
                        .append(fishQuote(summary(option.description())))
                        .append('\n');
            }
        }
        return s.toString();
    }

    private static String fishQuote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    // ---------------------------------------------------------------------------------------------- model walk

    /** Every command of the tree, depth first, parents before children, each once (aliases are not commands). */
    public static List<CommandLine> walk(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        for (CommandLine sub : subcommands(command)) {
            collect(sub, all);
        }
    }

    /** The visible subcommands, each once, in declaration order. */
    public static List<CommandLine> subcommands(CommandLine command) {
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        List<CommandLine> subs = new ArrayList<>();
        for (CommandLine sub : command.getSubcommands().values()) {
            if (seen.put(sub, Boolean.TRUE) == null
                    && !sub.getCommandSpec().usageMessage().hidden()) {
                subs.add(sub);
            }
        }
        return subs;
    }

    /** The visible options, in declaration order. */
    public static List<OptionSpec> options(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).toList();
    }

    /** The visible positional parameters. */
    public static List<PositionalParamSpec> positionals(CommandSpec spec) {
        return spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    }

    /** The command path below the root, e.g. "task list" ("" for the root). */
    static String path(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (CommandSpec spec = command.getCommandSpec(); spec.parent() != null; spec = spec.parent()) {
            names.add(0, spec.name());
        }
        return String.join(" ", names);
    }

    static List<String> names(CommandLine command) {
        List<String> names = new ArrayList<>();
        names.add(command.getCommandName());
        for (String alias : command.getCommandSpec().aliases()) {
            names.add(alias);
        }
        return names;
    }

    /** The first line of a description, as one line of plain text. */
    static String summary(String[] description) {
        return description.length == 0 ? "" : plain(description[0]);
    }

    static String plain(String text) {
        return text.replace("%n", " ")
                .replace("%%", "%")
                .replaceAll("\\s+", " ")
                .trim();
    }

    static String label(String paramLabel) {
        String label = paramLabel.replace("<", "").replace(">", "");
        return label.toLowerCase(Locale.ROOT);
    }
}
