package dev.agh.store;

import dev.agh.domain.Run;
import dev.agh.domain.Task;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Batched reads over task trees and their runs, for the live views (tree, timeline, stream). */
public interface TreeTable {
    /** {@code rootTaskId} and all its descendants (empty if the root does not exist), in no particular order. */
    List<Task> subtree(String rootTaskId);

    /** The parent of each existing task of {@code taskIds}; a root task maps to an empty string. */
    Map<String, String> parents(Collection<String> taskIds);

    /** The open run of each of {@code taskIds} that has one. */
    Map<String, Run> openRuns(Collection<String> taskIds);

    /** The runs with these ids that exist. */
    List<Run> runs(Collection<String> runIds);
}
