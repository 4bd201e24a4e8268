package dev.agh.cli.agent;

import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.Heartbeat;
import dev.agh.api.Requests.Release;
import dev.agh.api.Responses.ClaimResponse;
import dev.agh.api.Responses.LeaseResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.DurationArgument;
import dev.agh.cli.ExitCodes;
import dev.agh.cli.JsonArgument;
import dev.agh.cli.Printer;
import dev.agh.cli.run.RunText;
import dev.agh.domain.AghException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agh agent}: claim work under a lease and report on it (needs an agent session). */
@Command(
        name = "agent",
        description = "Claim work under a lease and report on it (agent sessions).",
        footer = {
            "",
            "Examples:",
            "  agh agent next --session sess-4be1... --wait --timeout 60s",
            "  agh agent heartbeat run-0a1b2c3d4e5f6a7b --session sess-4be1... --lease 600",
            "  agh agent complete run-0a1b2c3d4e5f6a7b --session sess-4be1... --result '{\"pr\": 42}'"
        },
        subcommands = {
            AgentCommands.Next.class,
            AgentCommands.StartCommand.class,
            AgentCommands.HeartbeatCommand.class,
            AgentCommands.Complete.class,
            AgentCommands.Fail.class,
            AgentCommands.ReleaseCommand.class
        })
public final class AgentCommands {
    /** {@code agh agent next} = {@code POST /api/agent/tasks/claim-next}; exit 8 when there is no work. */
    @Command(
            name = "next",
            description = "Claim the next run for this agent session (POST /api/agent/tasks/claim-next).",
            footer = {
                "",
                "Exits 8 when there is no claimable work (also after --wait timed out).",
                "",
                "Examples:",
                "  agh agent next --session sess-4be1… --wait --timeout 60s",
                "  AGH_TOKEN=agh_sess_… agh agent next --server http://127.0.0.1:7433 -o json"
            })
    public static final class Next extends ApiCommand {
        @Option(names = "--wait", description = "Wait for work instead of returning at once.")
        boolean waitForWork;

        @Option(
                names = "--timeout",
                defaultValue = "30s",
                description = "Longest wait with --wait, e.g. 30s, 2m (max 5m; default ${DEFAULT-VALUE}).")
        String timeout;

        @Option(
                names = "--lease",
                converter = dev.agh.cli.LeaseArgument.class,
                description = "Lease length in seconds (default 300, max 86400).")
        Long leaseSeconds;

        @Option(names = "--workspace", description = "Workspace id (must be the session's).")
        String workspace;

        @Option(
                names = "--priority-min",
                converter = dev.agh.cli.PriorityMinArgument.class,
                paramLabel = "PRIORITY",
                description =
                        "Take only runs of this priority or higher: low, medium, high, urgent (or the rank 10-40).")
        Integer priorityMin;

        @Option(names = "--capability", description = "A capability this agent has (repeatable).")
        List<String> capabilities;

        @Override
        protected int run(Backend b, Printer out) {
            ClaimNext request = new ClaimNext(
                    workspace,
                    capabilities,
                    priorityMin,
                    leaseSeconds,
                    waitForWork ? Boolean.TRUE : null,
                    null,
                    waitForWork
                            ? (int) DurationArgument.parse("--timeout", timeout).toSeconds()
                            : null);
            Optional<ClaimResponse> claim = b.service().claimNext(b.caller(), request);
            if (claim.isEmpty()) {
                if (out.format() == dev.agh.cli.OutputFormat.human) {
                    err().println("no claimable work");
                    err().flush();
                }
                return ExitCodes.NO_WORK;
            }
            ClaimResponse response = claim.get();
            out.print(response, w -> {
                w.println("claimed " + response.claim().run().id() + " of "
                        + response.claim().task().id() + "  "
                        + response.claim().task().title());
                RunText.lease(w, response.claim().lease());
            });
            return 0;
        }
    }

    abstract static class OnLease extends ApiCommand {
        @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
        String runId;

        abstract LeaseResponse call(Backend b);

        /** Whether the command asked for its next run ({@code --next}). */
        boolean askedForNext() {
            return false;
        }

        @Override
        protected int run(Backend b, Printer out) {
            LeaseResponse response = call(b);
            out.print(response, w -> {
                RunText.lease(w, response.lease());
                if (response.next() != null) {
                    w.println("claimed " + response.next().run().id() + " of "
                            + response.next().task().id() + "  "
                            + response.next().task().title());
                    RunText.lease(w, response.next().lease());
                }
            });
            if (askedForNext() && response.next() == null) {
                if (out.format() == dev.agh.cli.OutputFormat.human) {
                    err().println("no claimable work");
                    err().flush();
                }
                return ExitCodes.NO_WORK;
            }
            return 0;
        }
    }

    /** {@code --next}: claim the session's next run in the same request (agh extension). */
    abstract static class FinishingLease extends OnLease {
        @Option(
                names = "--next",
                description = "Also claim this session's next run, in the same request and commit "
                        + "(exit 8 when there is none).")
        boolean next;

        @Option(
                names = "--next-lease",
                converter = dev.agh.cli.LeaseArgument.class,
                paramLabel = "SECONDS",
                description = "Lease length of the run claimed with --next (default 300, max 86400).")
        Long nextLeaseSeconds;

        @Override
        boolean askedForNext() {
            return next;
        }

        ClaimNext nextRequest() {
            if (!next && nextLeaseSeconds != null) {
                throw AghException.invalid("--next-lease needs --next");
            }
            return next ? new ClaimNext(null, null, null, nextLeaseSeconds, null, null, null) : null;
        }
    }

    /** {@code agh agent heartbeat} = {@code POST /api/agent/tasks/{run_id}/heartbeat}. */
    @Command(
            name = "heartbeat",
            description = "Extend the lease on a claimed run (POST /api/agent/tasks/{run_id}/heartbeat).",
            footer = {"", "Examples:", "  agh agent heartbeat run-0a1b2c3d4e5f6a7b --session sess-4be1... --lease 600"})
    static final class HeartbeatCommand extends OnLease {
        @Option(
                names = "--lease",
                converter = dev.agh.cli.LeaseArgument.class,
                description = "New lease length from now, in seconds (default 300).")
        Long leaseSeconds;

        @Override
        LeaseResponse call(Backend b) {
            return b.service().heartbeat(b.caller(), runId, new Heartbeat(leaseSeconds));
        }
    }

    /** {@code agh agent start} = {@code POST /api/agent/tasks/{run_id}/start} (agh extension). */
    @Command(
            name = "start",
            description = "Say you are working on a claimed run: it becomes running, its task in progress "
                    + "(POST /api/agent/tasks/{run_id}/start).",
            footer = {"", "Examples:", "  agh agent start run-0a1b2c3d4e5f6a7b --session sess-4be1..."})
    static final class StartCommand extends OnLease {
        @Override
        LeaseResponse call(Backend b) {
            return b.service().startLease(b.caller(), runId);
        }
    }

    /** {@code agh agent complete} = {@code POST /api/agent/tasks/{run_id}/complete}. */
    @Command(
            name = "complete",
            description = "Complete a claimed run (POST /api/agent/tasks/{run_id}/complete).",
            footer = {
                "",
                "Examples:",
                "  agh agent complete run-0a1b2c3d4e5f6a7b --session sess-4be1... --result '{\"pr\": 42}'",
                "  agh agent complete run-0a1b2c3d4e5f6a7b --session sess-4be1... --next -o json   # and claim the next run"
            })
    static final class Complete extends FinishingLease {
        @Option(names = "--result", paramLabel = "JSON|@FILE", description = "Result JSON (max 64 KiB).")
        String result;

        @Override
        LeaseResponse call(Backend b) {
            return b.service()
                    .completeLease(
                            b.caller(), runId, new CompleteRun(JsonArgument.parse("--result", result), nextRequest()));
        }
    }

    /** {@code agh agent fail} = {@code POST /api/agent/tasks/{run_id}/fail}. */
    @Command(
            name = "fail",
            description = "Fail a claimed run (POST /api/agent/tasks/{run_id}/fail).",
            footer = {
                "",
                "Examples:",
                "  agh agent fail run-0a1b2c3d4e5f6a7b --session sess-4be1... --error 'build broke'"
            })
    static final class Fail extends FinishingLease {
        @Option(names = "--error", required = true, description = "What went wrong.")
        String error;

        @Option(names = "--metadata", paramLabel = "JSON|@FILE", description = "Extra JSON recorded in the event.")
        String metadata;

        @Option(
                names = "--no-retry",
                description = "Trying again cannot help: the task's retry policy queues no retry.")
        boolean noRetry;

        @Override
        LeaseResponse call(Backend b) {
            return b.service()
                    .failLease(
                            b.caller(),
                            runId,
                            new FailRun(
                                    error,
                                    JsonArgument.parse("--metadata", metadata),
                                    noRetry ? Boolean.FALSE : null,
                                    nextRequest()));
        }
    }

    /** {@code agh agent release} = {@code POST /api/agent/tasks/{run_id}/release}. */
    @Command(
            name = "release",
            description = "Give a claimed run back to the queue (POST /api/agent/tasks/{run_id}/release).",
            footer = {
                "",
                "Examples:",
                "  agh agent release run-0a1b2c3d4e5f6a7b --session sess-4be1... --reason 'shutting down'"
            })
    static final class ReleaseCommand extends OnLease {
        @Option(names = "--reason", description = "Why it is released.")
        String reason;

        @Override
        LeaseResponse call(Backend b) {
            return b.service().releaseLease(b.caller(), runId, new Release(reason));
        }
    }
}
