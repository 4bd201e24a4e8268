package dev.agh.api;

import java.util.List;

/**
 * One lane of the inbox ({@code my_work}, {@code approvals}, {@code failed_runs}, {@code blocked},
 * {@code archived}); {@code items} omitted when empty, counts taken before the limit.
 */
public record InboxGroupPayload(String lane, long count, long unreadCount, List<InboxItemPayload> items) {}
