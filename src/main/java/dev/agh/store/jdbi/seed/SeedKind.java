package dev.agh.store.jdbi.seed;

/**
 * What a seeded task is, and so the status of the task and of its latest run, as {@code
 * TaskStatusRule} would derive them. The mix is by permille of the task index ({@link #of}).
 */
enum SeedKind {
    DRAFT,
    APPROVAL,
    DEPENDENCY,
    QUEUED,
    RETRY,
    ACTIVE,
    COMPLETED,
    FAILED,
    CANCELED;

    /** 3 % drafts, 3 % awaiting approval, 4 % blocked by a dependency, 5 % queued, 3 % ready to retry,
     *  0.5 % held by an agent, 4.5 % failed, 3 % canceled, the rest completed. */
    static SeedKind of(int index) {
        int permille = Math.floorMod(index * 7919, 1000);
        if (permille < 30) {
            return DRAFT;
        }
        if (permille < 60) {
            return APPROVAL;
        }
        if (permille < 100) {
            return DEPENDENCY;
        }
        if (permille < 150) {
            return QUEUED;
        }
        if (permille < 180) {
            return RETRY;
        }
        if (permille < 185) {
            return ACTIVE;
        }
        if (permille < 230) {
            return FAILED;
        }
        if (permille < 260) {
            return CANCELED;
        }
        return COMPLETED;
    }

    boolean hasRuns() {
        return this != DRAFT && this != APPROVAL && this != DEPENDENCY;
    }

    /** The task's status; {@code index} picks among the held runs' states. */
    String taskStatus(int index) {
        return switch (this) {
            case DRAFT -> "draft";
            case APPROVAL, DEPENDENCY -> "blocked";
            case QUEUED, RETRY -> "ready";
            // A claimed run only waits (ready); starting and running ones execute (in progress).
            case ACTIVE -> index % 3 == 2 ? "ready" : "in_progress";
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case CANCELED -> "canceled";
        };
    }

    /** The latest run's status, as the status rule requires of a task of this kind. */
    String lastRunStatus(int index) {
        return switch (this) {
            case QUEUED -> "queued";
            case RETRY, FAILED -> "failed";
            case CANCELED -> "canceled";
            case ACTIVE ->
                switch (index % 3) {
                    case 0 -> "running";
                    case 1 -> "starting";
                    default -> "claimed";
                };
            default -> "completed";
        };
    }
}
