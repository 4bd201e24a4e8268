package dev.agh.api;

import java.util.List;

/** {@code GET /api/observe/tasks/inbox}: one caller's inbox, grouped by lane. */
public record InboxPayload(long total, long unreadTotal, long archivedTotal, List<InboxGroupPayload> groups) {}
