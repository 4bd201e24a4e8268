package dev.agh.cli;

import dev.agh.app.AppConfig;
import dev.agh.app.Backend;
import dev.agh.app.Backends;
import dev.agh.cli.agent.AgentCommands;
import dev.agh.cli.bench.BenchCommand;
import dev.agh.cli.docs.CompletionCommand;
import dev.agh.cli.docs.HelpCommand;
import dev.agh.cli.observe.DashboardCommand;
import dev.agh.cli.observe.InboxCommand;
import dev.agh.cli.run.RunCommands;
import dev.agh.cli.session.SessionCommands;
import dev.agh.cli.task.TaskCommand;
import dev.agh.cli.workspace.WorkspaceCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code agh}: the root of the command tree and home of the global options every command inherits.
 *
 * <p>The top-level commands are listed in {@link #COMMANDS} rather than in the annotation: building the
 * whole picocli model costs a few hundred milliseconds of a cold JVM, so {@link #commandLine()} builds only
 * the path of commands that its arguments name (see {@link LazyCommandLine}). {@link #model()} builds the whole tree,
 * for help, completion scripts, man pages and tests.
 */
@Command(
        name = "agh",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = {
            "Durable task queue and task tracker for AI agents and their operators.",
            "",
            "Commands run over HTTP against --server (or an `agh serve` running on the data directory), "
                    + "otherwise directly on the store in the data directory."
        })
public final class RootCommand {
    /** The top-level commands, in the order {@code agh --help} lists them. A new top-level command goes here. */
    public static final List<Class<?>> COMMANDS = List.of(
            TaskCommand.class,
            RunCommands.class,
            AgentCommands.class,
            SessionCommands.class,
            WorkspaceCommand.class,
            dev.agh.cli.store.StoreCommand.class,
            DashboardCommand.class,
            InboxCommand.class,
            ServeCommand.class,
            ServerCommands.class,
            WorkerCommand.class,
            TuiCommand.class,
            BenchCommand.class,
            CompletionCommand.class,
            HelpCommand.class);

    /** Commands that read the whole command tree: when one runs, every command is built. */
    static final Set<Class<?>> WHOLE_TREE = Set.of(CompletionCommand.class, HelpCommand.class);

    /** Global options that take a value, so the word after them is not a command name. */
    static final Set<String> VALUE_OPTIONS =
            Set.of("-o", "--output", "--server", "--db", "--home", "--session", "--token");

    /** The footer of {@code agh --help} only (set after the tree is built: subcommands would inherit it). */
    private static final String[] ROOT_FOOTER = {
        "",
        "Examples:",
        "  agh task create --title 'Rotate API keys' --priority high --owner pool:ops",
        "  agh task list --status ready -o json",
        "  agh task start task-3f9a0c1d2e4b5a69",
        "  agh session new --agent ops --capability git",
        "  agh agent next --session sess-4be1... --wait --timeout 60s",
        "  agh serve",
        "",
        "Environment: AGH_HOME (--home), AGH_DB (--db), AGH_SERVER (--server), AGH_SESSION_ID (--session),",
        "AGH_TOKEN (--token), AGH_EMBEDDED=1 (--embedded), NO_COLOR (--no-color).",
        "",
        "'agh help COMMAND' or 'agh COMMAND --help' shows the options of a command; 'man agh' the manual,",
        "and 'agh completion bash|zsh|fish' prints a completion script."
    };

    private static final Map<String, String> EXIT_CODES = exitCodes();

    @Option(
            names = {"-o", "--output"},
            scope = ScopeType.INHERIT,
            defaultValue = "human",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Option(
            names = "--server",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:AGH_SERVER}",
            paramLabel = "URL",
            description = "Talk to this agh server (env AGH_SERVER).")
    String server;

    @Option(
            names = "--db",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:AGH_DB}",
            paramLabel = "JDBC_URL",
            description = "JDBC URL of the store, e.g. jdbc:postgresql://host/db (env AGH_DB).")
    String db;

    @Option(
            names = "--home",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:AGH_HOME}",
            paramLabel = "DIR",
            description = "Data directory (env AGH_HOME, default $XDG_DATA_HOME/agh).")
    String home;

    @Option(
            names = "--embedded",
            scope = ScopeType.INHERIT,
            description =
                    "Run this command in-process with the store to itself, never through a server (env AGH_EMBEDDED=1);"
                            + " exit 7 while a server owns the store.")
    boolean embedded;

    @Option(
            names = "--session",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:AGH_SESSION_ID}",
            paramLabel = "SESSION",
            description = "Act as this agent session (env AGH_SESSION_ID).")
    String session;

    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:AGH_TOKEN}",
            paramLabel = "TOKEN",
            description =
                    "Bearer token for the server (env AGH_TOKEN; default: the operator token of the data directory).")
    String token;

    @Option(
            names = "--no-color",
            scope = ScopeType.INHERIT,
            description = "Never print ANSI colours (also env NO_COLOR).")
    boolean noColor;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print stack traces of failures.")
    boolean verbose;

    private final Function<AppConfig, Backend> backends;

    public RootCommand(Function<AppConfig, Backend> backends) {
        this.backends = backends;
    }

    /** The command line of the real program; it builds the commands its arguments need when it executes. */
    public static CommandLine commandLine() {
        return commandLine(Backends::open);
    }

    /** The command line with a chosen way of opening backends (tests pass their own). */
    public static CommandLine commandLine(Function<AppConfig, Backend> backends) {
        return configure(new LazyCommandLine(new RootCommand(backends)));
    }

    /** The whole command tree, built at once: what help, completions, man pages and tests walk. */
    public static CommandLine model() {
        return model(Backends::open);
    }

    /** The whole command tree with a chosen way of opening backends. */
    public static CommandLine model(Function<AppConfig, Backend> backends) {
        CommandLine cli = new CommandLine(new RootCommand(backends));
        addAll(cli);
        return finish(configure(cli));
    }

    /** Adds every top-level command not already there (one listed in the annotation by mistake is built already). */
    static void addAll(CommandLine cli) {
        for (Class<?> command : COMMANDS) {
            if (!cli.getSubcommands()
                    .containsKey(command.getAnnotation(Command.class).name())) {
                cli.addSubcommand(command);
            }
        }
    }

    /** Settings of the whole tree (picocli passes each to the subcommands present when it is set). */
    private static CommandLine configure(CommandLine cli) {
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionStrategy(new NoColorFirst());
        // `--metadata @file.json` is ours to read as JSON; picocli would split the file into arguments.
        cli.setExpandAtFiles(false);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setColorScheme(colorScheme(System.getenv("NO_COLOR") != null));
        return cli;
    }

    /** The root's own usage attributes, set once its subcommands are in (they would inherit them otherwise). */
    static CommandLine finish(CommandLine cli) {
        cli.getCommandSpec()
                .usageMessage()
                .footer(ROOT_FOOTER)
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(EXIT_CODES);
        return cli;
    }

    /** Help colours: none with NO_COLOR or --no-color, else ANSI only on a terminal (picocli's AUTO). */
    public static Help.ColorScheme colorScheme(boolean noColor) {
        return Help.defaultColorScheme(noColor ? Ansi.OFF : Ansi.AUTO);
    }

    /**
     * Applies {@code --no-color} (known only once parsed) before picocli prints help, then runs as usual. A class,
     * not a lambda: the class-data-sharing archive cannot hold a lambda of a picocli (Java 5) interface, and
     * recording one would drop picocli's main class from the archive.
     */
    private static final class NoColorFirst implements IExecutionStrategy {
        @Override
        public int execute(ParseResult parsed) {
            RootCommand root = parsed.commandSpec().commandLine().getCommand();
            if (root.noColor) {
                parsed.commandSpec().commandLine().setColorScheme(colorScheme(true));
            }
            return new CommandLine.RunLast().execute(parsed);
        }
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(ExitCodes.OK), "ok");
        codes.put(Integer.toString(ExitCodes.UNEXPECTED), "unexpected error");
        codes.put(Integer.toString(ExitCodes.USAGE), "usage error");
        codes.put(Integer.toString(ExitCodes.NOT_FOUND), "not found");
        codes.put(Integer.toString(ExitCodes.CONFLICT), "conflict");
        codes.put(Integer.toString(ExitCodes.INVALID), "invalid input (HTTP 422, 400, 413)");
        codes.put(Integer.toString(ExitCodes.DENIED), "unauthenticated or forbidden");
        codes.put(Integer.toString(ExitCodes.UNAVAILABLE), "server unavailable");
        codes.put(Integer.toString(ExitCodes.NO_WORK), "no claimable work");
        return codes;
    }

    public OutputFormat output() {
        return output;
    }

    /** Configuration from the global options and the environment. */
    public AppConfig config() {
        String embeddedEnv = System.getenv("AGH_EMBEDDED");
        boolean inProcess = embedded || "1".equals(embeddedEnv) || "true".equalsIgnoreCase(embeddedEnv);
        return new AppConfig(
                AppConfig.defaultHome(home),
                blankToNull(db),
                blankToNull(server),
                blankToNull(token),
                blankToNull(session),
                System.getProperty("user.name", "local-user"),
                inProcess);
    }

    Backend openBackend() {
        return backends.apply(config());
    }

    /**
     * A data directory named with {@code --home} or {@code AGH_HOME} that does not exist yet is created (a new
     * store), and said so on stderr: a mistyped path would otherwise look like an empty store.
     */
    void announceNewDataDirectory(java.io.PrintWriter err) {
        if (home == null || home.isBlank() || db != null && !db.isBlank() || server != null && !server.isBlank()) {
            return;
        }
        java.nio.file.Path dir = AppConfig.defaultHome(home);
        if (!java.nio.file.Files.exists(dir)) {
            err.println("agh: new data directory " + dir.toAbsolutePath());
            err.flush();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
