/**
 * {@code agh tui}: the full-screen terminal UI. A state record, pure key handling that returns effects,
 * a pure view from state and size to screen lines, and one loop that owns the terminal and talks to
 * the {@link dev.agh.service.TaskService} port (so it works embedded and against a server alike).
 */
package dev.agh.tui;
