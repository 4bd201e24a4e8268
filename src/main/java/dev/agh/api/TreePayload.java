package dev.agh.api;

import java.util.List;

/**
 * A task and its descendants ({@code TaskTreePayload}): a flat list ordered by depth, then latest
 * activity (newest first), then id; clients rebuild the hierarchy from {@code parent_task_id}.
 *
 * @param descendants null (left out) when the root has no children
 */
public record TreePayload(TreeNodePayload root, List<TreeNodePayload> descendants) {}
