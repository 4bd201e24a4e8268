package dev.agh.cli;

import dev.agh.app.AppConfig;
import dev.agh.app.Backend;
import dev.agh.app.Backends;
import dev.agh.cli.agent.AgentCommands;
import dev.agh.cli.bench.BenchCommand;
import dev.agh.cli.run.RunCommands;
import dev.agh.cli.session.SessionCommands;
import dev.agh.cli.task.TaskCommand;
import dev.agh.cli.workspace.WorkspaceCommand;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code agh}: the root of the command tree and home of the global options every command inherits. */
@Command(
    name = "agh",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Durable task queue and task tracker for AI agents and their operators.",
    subcommands = {
      TaskCommand.class,
      RunCommands.class,
      AgentCommands.class,
      SessionCommands.class,
      WorkspaceCommand.class,
      ServeCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RootCommand {
  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, defaultValue = "human",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Option(names = "--server", scope = ScopeType.INHERIT, defaultValue = "${env:AGH_SERVER}",
      description = "Talk to this agh server (env AGH_SERVER).")
  String server;

  @Option(names = "--db", scope = ScopeType.INHERIT, defaultValue = "${env:AGH_DB}",
      description = "JDBC URL of the store, e.g. jdbc:postgresql://host/db (env AGH_DB).")
  String db;

  @Option(names = "--home", scope = ScopeType.INHERIT, defaultValue = "${env:AGH_HOME}",
      description = "Data directory (env AGH_HOME, default $XDG_DATA_HOME/agh).")
  String home;

  @Option(names = "--session", scope = ScopeType.INHERIT, defaultValue = "${env:AGH_SESSION_ID}",
      description = "Act as this agent session (env AGH_SESSION_ID).")
  String session;

  @Option(names = "--token", scope = ScopeType.INHERIT, defaultValue = "${env:AGH_TOKEN}",
      description = "Bearer token for the server (env AGH_TOKEN; default: the operator token of the data directory).")
  String token;

  @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Never print ANSI colours (also env NO_COLOR).")
  boolean noColor;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
  boolean verbose;

  private final Function<AppConfig, Backend> backends;

  public RootCommand(Function<AppConfig, Backend> backends) {
    this.backends = backends;
  }

  /** The command line of the real program. */
  public static CommandLine commandLine() {
    return commandLine(Backends::open);
  }

  /** The command line with a chosen way of opening backends (tests pass their own). */
  public static CommandLine commandLine(Function<AppConfig, Backend> backends) {
    CommandLine cli = new CommandLine(new RootCommand(backends));
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    // `--metadata @file.json` is ours to read as JSON; picocli would split the file into arguments.
    cli.setExpandAtFiles(false);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  public OutputFormat output() {
    return output;
  }

  /** Configuration from the global options and the environment. */
  public AppConfig config() {
    return new AppConfig(AppConfig.defaultHome(home), blankToNull(db), blankToNull(server), blankToNull(token),
        blankToNull(session), System.getProperty("user.name", "local-user"));
  }

  Backend openBackend() {
    return backends.apply(config());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
