package dev.agh.cli.run;

import dev.agh.api.Requests.AttachSession;
import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.ClaimRun;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Responses.RunDetailResponse;
import dev.agh.api.Responses.RunResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.JsonArgument;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agh run}: the operator's path through one run ({@code /api/task-runs/{id}}). */
@Command(
        name = "run",
        description = "List runs; inspect and drive one run by hand (operators).",
        footer = {
            "",
            "Examples:",
            "  agh run list --status running",
            "  agh run show run-0a1b2c3d4e5f6a7b",
            "  agh run claim run-0a1b2c3d4e5f6a7b && agh run start run-0a1b2c3d4e5f6a7b",
            "  agh run complete run-0a1b2c3d4e5f6a7b --result @result.json"
        },
        subcommands = {
            RunListCommand.class,
            RunCommands.Show.class,
            RunCommands.Claim.class,
            RunCommands.Start.class,
            RunCommands.Attach.class,
            RunCommands.Complete.class,
            RunCommands.Fail.class,
            RunCommands.CancelRun.class
        })
public final class RunCommands {
    abstract static class OnRun extends ApiCommand {
        @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
        String runId;

        abstract RunResponse call(Backend b);

        @Override
        protected int run(Backend b, Printer out) {
            RunResponse response = call(b);
            out.print(response, w -> RunText.run(w, response.run()));
            return 0;
        }
    }

    /** {@code agh run show} = {@code GET /api/task-runs/{id}}. */
    @Command(
            name = "show",
            description = "Show a run with its task and session (GET /api/task-runs/{id}).",
            footer = {
                "",
                "Examples:",
                "  agh run list --status running",
                "  agh run show run-0a1b2c3d4e5f6a7b",
                "  agh run show run-0a1b2c3d4e5f6a7b -o json"
            })
    static final class Show extends ApiCommand {
        @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
        String runId;

        @Override
        protected int run(Backend b, Printer out) {
            RunDetailResponse response = b.service().getRun(b.caller(), runId);
            out.print(response, w -> {
                RunText.run(w, response.run().run());
                w.println("  task        " + response.run().task().id() + "  "
                        + response.run().task().title());
                w.println("  last event  " + response.run().summary().lastEventType() + " at "
                        + response.run().summary().lastActivityAt());
            });
            return 0;
        }
    }

    /** {@code agh run claim} = {@code POST /api/task-runs/{id}/claim}. */
    @Command(
            name = "claim",
            description = "Claim a queued run by hand, without a lease (POST /api/task-runs/{id}/claim).",
            footer = {"", "Examples:", "  agh run claim run-0a1b2c3d4e5f6a7b && agh run start run-0a1b2c3d4e5f6a7b"})
    static final class Claim extends OnRun {
        @Option(names = "--idempotency-key", description = "Required for non-human callers.")
        String key;

        @Override
        RunResponse call(Backend b) {
            return b.service().claimRun(b.caller(), runId, new ClaimRun(key));
        }
    }

    /** {@code agh run start} = {@code POST /api/task-runs/{id}/start}. */
    @Command(
            name = "start",
            description = "Mark a claimed run as running (POST /api/task-runs/{id}/start).",
            footer = {"", "Examples:", "  agh run start run-0a1b2c3d4e5f6a7b"})
    static final class Start extends OnRun {
        @Option(names = "--idempotency-key", description = "Required for non-human callers.")
        String key;

        @Override
        RunResponse call(Backend b) {
            return b.service().startRun(b.caller(), runId, new ClaimRun(key));
        }
    }

    /** {@code agh run attach} = {@code POST /api/task-runs/{id}/attach-session}. */
    @Command(
            name = "attach",
            description =
                    "Bind the agent session given by --session to a claimed run (POST /api/task-runs/{id}/attach-session).",
            footer = {"", "Examples:", "  agh run attach run-0a1b2c3d4e5f6a7b --session sess-4be1..."})
    static final class Attach extends OnRun {
        @Override
        RunResponse call(Backend b) {
            String session = root().config().sessionId();
            if (session == null) {
                throw dev.agh.domain.AghException.invalid("--session SESSION is required: the agent session to attach");
            }
            return b.service().attachSession(b.caller(), runId, new AttachSession(session));
        }
    }

    /** {@code agh run complete} = {@code POST /api/task-runs/{id}/complete}. */
    @Command(
            name = "complete",
            description = "Complete a running run (POST /api/task-runs/{id}/complete).",
            footer = {
                "",
                "Examples:",
                "  agh run complete run-0a1b2c3d4e5f6a7b --result '{\"pr\": 42}'",
                "  agh run complete run-0a1b2c3d4e5f6a7b --result @result.json"
            })
    static final class Complete extends OnRun {
        @Option(names = "--result", paramLabel = "JSON|@FILE", description = "Result JSON (max 64 KiB).")
        String result;

        @Override
        RunResponse call(Backend b) {
            return b.service().completeRun(b.caller(), runId, new CompleteRun(JsonArgument.parse("--result", result)));
        }
    }

    /** {@code agh run fail} = {@code POST /api/task-runs/{id}/fail}. */
    @Command(
            name = "fail",
            description = "Fail a starting or running run (POST /api/task-runs/{id}/fail).",
            footer = {"", "Examples:", "  agh run fail run-0a1b2c3d4e5f6a7b --error 'tests failed'"})
    static final class Fail extends OnRun {
        @Option(names = "--error", required = true, description = "What went wrong.")
        String error;

        @Option(names = "--metadata", paramLabel = "JSON|@FILE", description = "Extra JSON recorded in the event.")
        String metadata;

        @Override
        RunResponse call(Backend b) {
            return b.service()
                    .failRun(b.caller(), runId, new FailRun(error, JsonArgument.parse("--metadata", metadata)));
        }
    }

    /** {@code agh run cancel} = {@code POST /api/task-runs/{id}/cancel}. */
    @Command(
            name = "cancel",
            description = "Cancel a run that has not ended (POST /api/task-runs/{id}/cancel).",
            footer = {"", "Examples:", "  agh run cancel run-0a1b2c3d4e5f6a7b --reason 'superseded'"})
    static final class CancelRun extends OnRun {
        @Option(names = "--reason", description = "Why it is canceled.")
        String reason;

        @Option(names = "--metadata", paramLabel = "JSON|@FILE", description = "Extra JSON recorded in the event.")
        String metadata;

        @Override
        RunResponse call(Backend b) {
            return b.service()
                    .cancelRun(b.caller(), runId, new Cancel(reason, JsonArgument.parse("--metadata", metadata)));
        }
    }
}
