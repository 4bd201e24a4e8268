package dev.agh.cli;

import java.io.PrintWriter;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The root command line of the program: on {@link #execute} it adds only the commands on the path its
 * arguments name ({@code task list}: the {@code task} group without its other commands, and {@code list}),
 * and every command when the arguments name none, an unknown one or one that reads the whole tree (help,
 * completion). Groups on the path are built from their {@code @Command} annotation alone when they have no
 * options or parameters of their own; otherwise in full.
 */
final class LazyCommandLine extends CommandLine {
    private boolean built;

    LazyCommandLine(RootCommand root) {
        super(root);
    }

    @Override
    public int execute(String... args) {
        if (!built) {
            built = true;
            List<Class<?>> path = getSubcommands().isEmpty() ? path(args) : null;
            if (path == null) {
                RootCommand.addAll(this);
            } else {
                CommandLine parent = this;
                for (int i = 0; i < path.size(); i++) {
                    CommandLine child = i < path.size() - 1 ? shell(path.get(i)) : new CommandLine(path.get(i));
                    parent.addSubcommand(child);
                    parent = child;
                }
            }
            RootCommand.finish(this);
            // Settings reach the subcommands that exist when they are set: set them again for the ones just added.
            PrintWriter out = getOut();
            PrintWriter err = getErr();
            Help.ColorScheme colors = getColorScheme();
            IExecutionExceptionHandler onFailure = getExecutionExceptionHandler();
            IParameterExceptionHandler onUsageError = getParameterExceptionHandler();
            IExecutionStrategy strategy = getExecutionStrategy();
            setCaseInsensitiveEnumValuesAllowed(isCaseInsensitiveEnumValuesAllowed());
            setExecutionExceptionHandler(onFailure);
            setParameterExceptionHandler(onUsageError);
            setExecutionStrategy(strategy);
            setColorScheme(colors);
            setOut(out);
            setErr(err);
        }
        return super.execute(args);
    }

    /**
     * The classes of the commands the arguments name, outermost first (empty: the root alone, for
     * {@code --version}); null for "build them all".
     */
    static List<Class<?>> path(String[] args) {
        List<Class<?>> path = new ArrayList<>();
        List<Class<?>> candidates = RootCommand.COMMANDS;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                if (RootCommand.VALUE_OPTIONS.contains(arg)) {
                    i++;
                } else if (arg.equals("-h") || arg.equals("--help")) {
                    // Help of the group reached so far (or of agh): it lists every command below it.
                    return path.isEmpty() ? null : path;
                } else if (arg.equals("-V") || arg.equals("--version")) {
                    version = true;
                }
                continue;
            }
            Class<?> match = named(candidates, arg);
            if (match == null || RootCommand.WHOLE_TREE.contains(match)) {
                // Unknown words get picocli's suggestions from the full group; help and completion walk the tree.
                return path.isEmpty() ? null : path;
            }
            path.add(match);
            Command command = match.getAnnotation(Command.class);
            if (command.subcommands().length == 0 || !isShell(match)) {
                return path;
            }
            candidates = Arrays.asList(command.subcommands());
        }
        if (path.isEmpty()) {
            return version ? List.of() : null;
        }
        return path;
    }

    private static Class<?> named(List<Class<?>> candidates, String word) {
        for (Class<?> candidate : candidates) {
            Command command = candidate.getAnnotation(Command.class);
            if (command == null) {
                continue;
            }
            if (command.name().equals(word) || Arrays.asList(command.aliases()).contains(word)) {
                return candidate;
            }
        }
        return null;
    }

    /** A group with no arguments of its own and only class-listed subcommands can stand in as a bare shell. */
    private static boolean isShell(Class<?> group) {
        for (Class<?> c = group; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (annotated(field)) {
                    return false;
                }
            }
            for (var method : c.getDeclaredMethods()) {
                if (annotated(method) || method.isAnnotationPresent(Command.class)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean annotated(AnnotatedElement element) {
        return element.isAnnotationPresent(Option.class)
                || element.isAnnotationPresent(Parameters.class)
                || element.isAnnotationPresent(Mixin.class)
                || element.isAnnotationPresent(ArgGroup.class);
    }

    /** A group without its subcommands: name, aliases and usage text from its annotation. */
    private static CommandLine shell(Class<?> group) {
        Command command = group.getAnnotation(Command.class);
        CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
        spec.usageMessage().description(command.description()).footer(command.footer());
        return new CommandLine(spec);
    }
}
