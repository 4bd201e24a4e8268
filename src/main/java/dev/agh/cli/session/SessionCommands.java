package dev.agh.cli.session;

import static dev.agh.cli.Text.or;

import dev.agh.api.Requests.NewSession;
import dev.agh.api.Responses.SessionListResponse;
import dev.agh.api.Responses.SessionResponse;
import dev.agh.api.SessionPayload;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agh session}: agent sessions, the identities agents claim work under. */
@Command(
        name = "session",
        description = "Create, list and stop agent sessions.",
        footer = {
            "",
            "Examples:",
            "  agh session new --agent reviewer --capability git",
            "  agh session list",
            "  agh session stop sess-4be1..."
        },
        subcommands = {
            SessionCommands.New.class,
            SessionCommands.ListSessions.class,
            SessionCommands.Show.class,
            SessionCommands.Stop.class
        })
public final class SessionCommands {
    /** {@code agh session new}: prints the session and its token (shown once). */
    @Command(
            name = "new",
            description = "Create an agent session and print its token (shown only once).",
            footer = {
                "",
                "Examples:",
                "  agh session new --agent reviewer --capability git --capability python",
                "  agh session new --agent builder --workspace ./infra -o json"
            })
    static final class New extends ApiCommand {
        @Option(names = "--agent", required = true, description = "Agent name (matched by pool owners).")
        String agent;

        @Option(names = "--workspace", description = "Bind the session to this workspace (it then claims only there).")
        String workspace;

        @Option(names = "--name", description = "Display name.")
        String name;

        @Option(names = "--channel", description = "Only claim runs coordinating on this channel.")
        String channel;

        @Option(names = "--capability", description = "A capability of this agent (repeatable).")
        List<String> capabilities;

        @Override
        protected int run(Backend b, Printer out) {
            SessionResponse response = b.service()
                    .createSession(b.caller(), new NewSession(agent, workspace, name, channel, capabilities));
            out.print(response, w -> {
                describe(w, response.session());
                w.println("token: " + response.token());
                w.println("(store it now: only its hash is kept. Agents use it as AGH_TOKEN against a server,");
                w.println(" or --session " + response.session().sessionId() + " on this machine.)");
            });
            return 0;
        }
    }

    /** {@code agh session list}. */
    @Command(
            name = "list",
            description = "List agent sessions, newest first.",
            footer = {"", "Examples:", "  agh session list", "  agh session list -o jsonl"})
    static final class ListSessions extends ApiCommand {
        @Override
        protected int run(Backend b, Printer out) {
            SessionListResponse response = b.service().listSessions(b.caller());
            out.printList(response, response.sessions(), w -> {
                if (response.sessions().isEmpty()) {
                    w.println("no sessions");
                }
                response.sessions()
                        .forEach(s -> w.printf(
                                "%-22s %-8s %-20s %s%n",
                                s.sessionId(), s.state().wire(), s.agentName(), or(s.workspaceId(), "-")));
            });
            return 0;
        }
    }

    /** {@code agh session show}. */
    @Command(
            name = "show",
            description = "Show an agent session.",
            footer = {"", "Examples:", "  agh session show sess-4be1... -o json"})
    static final class Show extends ApiCommand {
        @Parameters(index = "0", paramLabel = "SESSION", description = "Session id.")
        String sessionId;

        @Override
        protected int run(Backend b, Printer out) {
            SessionResponse response = b.service().getSession(b.caller(), sessionId);
            out.print(response, w -> describe(w, response.session()));
            return 0;
        }
    }

    /** {@code agh session stop}: its leases go back to the queue at once. */
    @Command(
            name = "stop",
            description = "Stop an agent session; the runs it holds go back to the queue at once.",
            footer = {"", "Examples:", "  agh session stop sess-4be1..."})
    static final class Stop extends ApiCommand {
        @Parameters(index = "0", paramLabel = "SESSION", description = "Session id.")
        String sessionId;

        @Override
        protected int run(Backend b, Printer out) {
            SessionResponse response = b.service().stopSession(b.caller(), sessionId);
            out.print(response, w -> describe(w, response.session()));
            return 0;
        }
    }

    static void describe(PrintWriter w, SessionPayload s) {
        w.println(s.sessionId() + "  " + s.state().wire() + "  agent " + s.agentName());
        w.println("  workspace     " + or(s.workspaceId(), "- (global tasks only)"));
        w.println("  channel       " + or(s.channel(), "-"));
        w.println("  capabilities  " + (s.capabilities().isEmpty() ? "-" : String.join(", ", s.capabilities())));
        w.println("  created       " + s.createdAt());
    }
}
